// The escalated cases, nearest evidence deadline first (SPEC §4: an evidence deadline acts by
// itself). Each row is a link to the case on the desk.
import { Alert, Card, Empty, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, ApiError, money } from '../api.ts';
import { Countdown } from '../components/countdown.tsx';
import { useLabel, useLang } from '../i18n/index.tsx';
import type { CaseSummary, CursorPage as Page } from '../../../src/contract/index.ts';
import './arbitration.css';

export function CaseQueue({ selected, reloadKey }: { selected: string | undefined; reloadKey: number }) {
  const { lang, t } = useLang();
  const label = useLabel();
  const [cases, setCases] = useState<CaseSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api<Page<CaseSummary>>('/v1/cases?status=in_arbitration&sort=deadline&limit=100')
      .then((p) => {
        if (!live) return;
        setCases(p.data);
        setError(null);
      })
      .catch((e: unknown) => live && setError(e instanceof ApiError ? e.message : t('arb.loadFailed')));
    return () => {
      live = false;
    };
  }, [reloadKey, lang, t]);

  return (
    <Card size="small" title={t('arb.queue')} extra={cases && <Tag>{cases.length}</Tag>} loading={!cases && !error} data-testid="arb-queue">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('arb.queueHint')}
      </Typography.Paragraph>
      {error && <Alert type="error" role="alert" showIcon title={error} />}
      {cases?.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('arb.empty')} />}
      <nav aria-label={t('arb.queue')}>
        <ul className="arb-queue">
          {cases?.map((c) => (
            <li key={c.id}>
              <Link
                to={`/arbitration/${encodeURIComponent(c.id)}`}
                className={`arb-row${c.id === selected ? ' arb-row-selected' : ''}`}
                aria-current={c.id === selected ? 'page' : undefined}
                data-testid={`arb-row-${c.id}`}
              >
                <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                  <Space wrap size={[8, 0]} style={{ justifyContent: 'space-between', width: '100%' }}>
                    <Typography.Text strong>{c.id}</Typography.Text>
                    <Typography.Text strong>{money(c.amount, c.currency)}</Typography.Text>
                  </Space>
                  <Typography.Text type="secondary">
                    {c.shop} · {t('common.order')} {c.order}
                  </Typography.Text>
                  <Typography.Text>
                    {label('type', c.type)} · {label('reason', c.reason)}
                  </Typography.Text>
                  <Countdown deadline={c.deadline} />
                </Space>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </Card>
  );
}
