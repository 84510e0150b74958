// One complaint for any party (SPEC §8.1): what was complained of and its status, the deadline
// running on it, both sides' evidence side by side, the merchant's answer, the ruling and the
// appeal, what the caller may do now, and the history. The API words the timeline.
import { Alert, Card, Col, Descriptions, Empty, Flex, List, Row, Spin, Tag, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, ApiError, isoMinutes } from '../api.ts';
import { Countdown } from '../components/countdown.tsx';
import { useLabel, useLang } from '../i18n/index.tsx';
import { ComplaintActions } from './complaint-actions.tsx';
import { ComplaintStatusTag } from './complaint-tags.tsx';
import { countdownOf, isOpenComplaint } from './rules.ts';
import type { ComplaintDetail, ComplaintEvidence, ComplaintTimelineEntry } from './types.ts';

const { Text, Paragraph } = Typography;

function EvidenceList({ items, party }: { items: ComplaintEvidence[]; party: string }) {
  const { t } = useLang();
  const label = useLabel();
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('gov.evidence.none', { party: t(`party.${party}`) })} />;
  return (
    <List
      size="small"
      dataSource={items}
      renderItem={(e) => (
        <List.Item>
          <Flex vertical gap={2} style={{ minWidth: 0 }}>
            <span>
              <Tag>{label('evidence', e.kind)}</Tag>
              <Text type="secondary" style={{ fontSize: 12 }}>
                {isoMinutes(e.at)}
              </Text>
            </span>
            {e.description && <Text style={{ overflowWrap: 'anywhere' }}>{e.description}</Text>}
          </Flex>
        </List.Item>
      )}
    />
  );
}

function History({ entries }: { entries: ComplaintTimelineEntry[] }) {
  const { t } = useLang();
  return (
    <Timeline
      data-testid="complaint-timeline"
      items={entries.map((e, i) => {
        const role = e.actor.role;
        return {
          key: i,
          color: role === 'buyer' ? 'green' : role === 'merchant' ? 'blue' : role === 'platform' ? 'purple' : 'gray',
          content: (
            <>
              <Text>{e.text}</Text>
              <br />
              <Text type="secondary" style={{ fontSize: 12 }}>
                {isoMinutes(e.at)} · {t(`role.${role}`)}
              </Text>
            </>
          ),
        };
      })}
    />
  );
}

/** The merchant's answer, the ruling and the appeal, each once it exists. */
function Outcome({ c }: { c: ComplaintDetail }) {
  const { t } = useLang();
  const label = useLabel();
  return (
    <>
      {c.merchant_silent && <Alert type="warning" showIcon title={t('gov.complaint.silent')} data-testid="merchant-silent" />}
      {c.response && (
        <Card size="small" title={t('gov.complaint.response')} data-testid="complaint-response" extra={<Text type="secondary">{isoMinutes(c.response.at)}</Text>}>
          <Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{c.response.note || t('gov.complaint.noNote')}</Paragraph>
        </Card>
      )}
      {c.ruling && (
        <Alert
          type={c.status === 'reversed' ? 'info' : c.ruling.outcome === 'upheld' ? 'error' : 'success'}
          showIcon
          data-testid="complaint-ruling"
          title={`${t('gov.complaint.ruling')}: ${label('complaintOutcome', c.ruling.outcome)} · ${isoMinutes(c.ruling.at)}`}
          description={
            <>
              {c.ruling.note && <div style={{ whiteSpace: 'pre-wrap' }}>{c.ruling.note}</div>}
              {c.closed_reason && <div>{label('complaintClosed', c.closed_reason)}</div>}
            </>
          }
        />
      )}
      {c.appeal && (
        <Card
          size="small"
          title={t('gov.complaint.appeal')}
          data-testid="complaint-appeal"
          extra={c.appeal.outcome ? <Tag color={c.appeal.outcome === 'accepted' ? 'green' : 'red'}>{label('appealOutcome', c.appeal.outcome)}</Tag> : <Tag color="purple">{t('gov.complaint.appealPending')}</Tag>}
        >
          <Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{c.appeal.reason}</Paragraph>
          <Text type="secondary" style={{ fontSize: 12 }}>
            {isoMinutes(c.appeal.at)}
          </Text>
        </Card>
      )}
    </>
  );
}

export function ComplaintSummary({ c, shopLink }: { c: ComplaintDetail; shopLink?: string }) {
  const { t } = useLang();
  const label = useLabel();
  const items = [
    { key: 'kind', label: t('gov.complain.kind'), children: label('complaintKind', c.kind) },
    { key: 'sub', label: t('gov.complain.subKind'), children: label('complaintSub', c.sub_kind) },
    { key: 'points', label: t('gov.complaint.points'), children: <span data-testid="complaint-points">{t('gov.complaint.pointsValue', { n: c.points })}</span> },
    { key: 'shop', label: t('common.shop'), children: shopLink ? <Link to={shopLink}>{c.shop}</Link> : c.shop },
    { key: 'order', label: t('common.order'), children: c.order },
    { key: 'buyer', label: t('common.buyer'), children: c.buyer },
    { key: 'filed', label: t('gov.complaint.filedAt'), children: isoMinutes(c.filed_at) },
    ...(isOpenComplaint(c.status) ? [{ key: 'deadline', label: t('common.deadline'), children: <Countdown deadline={countdownOf(c.deadline)} /> }] : []),
  ];
  return (
    <Card
      size="small"
      data-testid="complaint-summary"
      title={
        <Flex gap={8} wrap align="center">
          <span style={{ whiteSpace: 'normal' }}>{t('gov.complaint.title', { id: c.id })}</span>
          <ComplaintStatusTag status={c.status} testid="complaint-status" />
        </Flex>
      }
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2, xl: 3 }} items={items} />
      {c.note && (
        <>
          <Text strong style={{ display: 'block', marginTop: 8 }}>
            {t('gov.complaint.buyerNote')}
          </Text>
          <Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="complaint-note-text">
            {c.note}
          </Paragraph>
        </>
      )}
    </Card>
  );
}

export function ComplaintView({ id, onChanged, shopLink }: { id: string; onChanged?: (c: ComplaintDetail) => void; shopLink?: (shop: string) => string }) {
  const { lang, t } = useLang();
  const [c, setC] = useState<ComplaintDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setError(null);
    api<ComplaintDetail>(`/v1/complaints/${encodeURIComponent(id)}`)
      .then((x) => live && setC(x))
      .catch((e: unknown) => live && setError(e instanceof ApiError ? e.message : t('gov.complaint.loadFailed')));
    return () => {
      live = false;
    };
  }, [id, lang, t]);

  if (error) return <Alert type="error" role="alert" showIcon title={error} />;
  if (!c || c.id !== id) return <Spin aria-label={t('common.loading')} style={{ display: 'block', margin: 48 }} />;

  const changed = (next: ComplaintDetail) => {
    setC(next);
    onChanged?.(next);
  };

  return (
    <Flex vertical gap={16} data-testid="complaint-view">
      <ComplaintSummary c={c} shopLink={shopLink?.(c.shop)} />
      <Outcome c={c} />
      <Card size="small" title={t('gov.evidence')}>
        <Row gutter={[16, 16]}>
          {(['buyer', 'merchant'] as const).map((party) => (
            <Col xs={24} md={12} key={party} data-testid={`complaint-evidence-${party}`}>
              <Typography.Title level={5} style={{ marginTop: 0 }}>
                {t(`gov.evidence.${party}`)}
              </Typography.Title>
              <EvidenceList items={c.evidence.filter((e) => e.party === party)} party={party} />
            </Col>
          ))}
        </Row>
      </Card>
      <ComplaintActions c={c} onChange={changed} />
      <Card size="small" title={t('gov.complaint.timeline')}>
        <History entries={c.timeline} />
      </Card>
    </Flex>
  );
}
