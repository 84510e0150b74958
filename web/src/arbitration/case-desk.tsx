// One escalated case on the desk: summary, burden of proof, both sides' evidence side by side,
// evidence requests, the ruling form (only when the API offers `rule`) and the history.
import { Alert, Card, Col, Descriptions, Row, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, ApiError, money } from '../api.ts';
import { EvidenceGallery } from '../case/evidence-gallery.tsx';
import { Timeline } from '../case/timeline.tsx';
import { Countdown } from '../components/countdown.tsx';
import { useLabel, useLang } from '../i18n/index.tsx';
import type { CaseDetail } from '../../../src/contract/index.ts';
import { BurdenStatement } from './burden.tsx';
import { EvidenceRequests } from './evidence-requests.tsx';
import { RuleForm } from './rule-form.tsx';

function Summary({ c }: { c: CaseDetail }) {
  const { t } = useLang();
  const label = useLabel();
  const items = [
    { key: 'status', label: t('common.status'), children: <span data-testid="arb-status">{label('status', c.status)}</span> },
    { key: 'type', label: t('common.type'), children: label('type', c.type) },
    { key: 'reason', label: t('common.reason'), children: label('reason', c.reason) },
    { key: 'amount', label: t('common.amount'), children: money(c.amount, c.currency) },
    { key: 'liability', label: t('arb.liability'), children: label('liability', c.liability) },
    { key: 'escalated', label: t('arb.escalated'), children: t(c.escalated ? 'arb.yes' : 'arb.no') },
    { key: 'shop', label: t('common.shop'), children: c.shop },
    { key: 'order', label: t('common.order'), children: c.order },
    { key: 'buyer', label: t('common.buyer'), children: c.buyer },
    { key: 'deadline', label: t('common.deadline'), children: <Countdown deadline={c.deadline} /> },
  ];
  return (
    <Card
      size="small"
      title={`${t('arb.summary')} · ${c.id}`}
      extra={<Link to={`/cases/${encodeURIComponent(c.id)}`}>{t('arb.fullCase')}</Link>}
      data-testid="arb-summary"
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2, xl: 3 }} items={items} />
    </Card>
  );
}

function Ruling({ c }: { c: CaseDetail }) {
  const { t } = useLang();
  const label = useLabel();
  if (!c.ruling) return null;
  const status = c.closed_reason ? `${label('status', c.status)} (${label('closed', c.closed_reason)})` : label('status', c.status);
  return (
    <Alert
      type="success"
      showIcon
      data-testid="ruling"
      title={t('arb.ruling.title')}
      description={
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={[
            { key: 'outcome', label: t('arb.ruling.outcome'), children: label('outcome', c.ruling.outcome) },
            { key: 'liability', label: t('arb.liability'), children: label('liability', c.ruling.liability) },
            ...(c.ruling.amount !== null ? [{ key: 'amount', label: t('arb.ruling.amount'), children: money(c.ruling.amount, c.currency) }] : []),
            { key: 'status', label: t('arb.ruling.status'), children: <span data-testid="ruling-status">{status}</span> },
          ]}
        />
      }
    />
  );
}

export function CaseDesk({ id, onRuled }: { id: string; onRuled: () => void }) {
  const { lang, t } = useLang();
  const [c, setCase] = useState<CaseDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setError(null);
    api<CaseDetail>(`/v1/cases/${encodeURIComponent(id)}`)
      .then((x) => live && setCase(x))
      .catch((e: unknown) => live && setError(e instanceof ApiError ? e.message : t('arb.loadFailed')));
    return () => {
      live = false;
    };
  }, [id, lang, t]);

  if (error) return <Alert type="error" role="alert" showIcon title={error} />;
  if (!c || c.id !== id) return <Spin style={{ display: 'block', margin: 48 }} />;

  // A command answers with the case as it now is; a ruling also takes it out of the queue.
  const changed = (next: CaseDetail) => {
    setCase(next);
    if (next.status !== c.status) onRuled();
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="arb-desk">
      <Summary c={c} />
      <Ruling c={c} />
      <BurdenStatement burdens={c.burdens} />
      <Card size="small" title={t('arb.evidence.title')}>
        <Row gutter={[16, 16]}>
          {(['buyer', 'merchant'] as const).map((party) => (
            <Col xs={24} md={12} key={party} data-testid={`evidence-${party}`}>
              <Typography.Title level={5} style={{ marginTop: 0 }}>
                {t(`arb.evidence.${party}`)}
              </Typography.Title>
              <EvidenceGallery items={c.evidence.filter((e) => e.party === party)} empty={t('arb.evidence.noneFrom', { party: t(`party.${party}`) })} />
            </Col>
          ))}
        </Row>
      </Card>
      <EvidenceRequests c={c} onChange={changed} />
      {c.actions.includes('rule') && <RuleForm c={c} onChange={changed} />}
      <Card size="small" title={t('arb.timeline')}>
        <Timeline entries={c.timeline} />
      </Card>
    </Space>
  );
}
