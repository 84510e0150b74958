// The cases behind a number, one click from it: the facts of the metric's counter in the window
// (e.g. the escalations and complaints that made the 介入率), each linking to its case or complaint.
import { Drawer, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import type { MetricFacts, MetricName } from '../../../src/contract/index.ts';
import { api, isoMinutes } from '../api.ts';
import { useT } from '../i18n/index.tsx';
import { COUNTER_OF } from './format.ts';

export function FactsDrawer({ shop, metric, at, onClose }: { shop: string; metric: MetricName | null; at: string | null; onClose: () => void }) {
  const t = useT();
  const [facts, setFacts] = useState<MetricFacts['data'] | null>(null);
  const counter = metric ? COUNTER_OF[metric] : null;
  useEffect(() => {
    setFacts(null);
    if (!counter) return;
    let live = true;
    void api<MetricFacts>(`/v1/shops/${encodeURIComponent(shop)}/metrics/facts?counter=${counter}${at ? `&at=${encodeURIComponent(at)}` : ''}`).then((f) => live && setFacts(f.data));
    return () => {
      live = false;
    };
  }, [shop, counter, at]);
  const timed = counter === 'refund_done' || counter === 'first_response';
  const rating = counter === 'csat';
  return (
    <Drawer open={metric !== null} onClose={onClose} width={560} title={metric ? t('metrics.facts', { metric: t(`metric.${metric}`) }) : ''} data-testid="metric-facts">
      <Table
        size="small"
        rowKey={(r) => `${r.at}|${r.order}|${r.case ?? r.complaint ?? r.ticket ?? ''}`}
        loading={facts === null}
        dataSource={facts ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('metrics.facts.empty') }}
        columns={[
          { title: t('metrics.facts.at'), dataIndex: 'at', render: (v: string) => isoMinutes(v) },
          { title: t('metrics.facts.order'), dataIndex: 'order' },
          {
            title: t('metrics.facts.subject'),
            key: 'subject',
            render: (_: unknown, r: MetricFacts['data'][number]) =>
              r.case ? <Link to={`/cases/${encodeURIComponent(r.case)}`}>{r.case}</Link> : r.complaint ? (
                <Link to={`/complaints/${encodeURIComponent(r.complaint)}`}>{r.complaint}</Link>
              ) : r.ticket ? (
                <Link to={`/tickets/${encodeURIComponent(r.ticket)}`}>{r.ticket}</Link>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
          ...(timed ? [{ title: t('metrics.facts.value'), dataIndex: 'value', render: (v: number) => (v / 3_600_000).toFixed(1) }] : []),
          ...(rating ? [{ title: t('metrics.facts.rating'), dataIndex: 'value' }] : []),
        ]}
      />
    </Drawer>
  );
}
