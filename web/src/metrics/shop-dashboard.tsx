// A shop's dashboard (SPEC §8.4–§8.5): each metric now against its category's average with its
// rank, its 90-day trend against the average, the governance line the platform acts on, the cases
// behind each number one click away, the governance cycle's watch and notices, a CSV export.
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { METRIC_NAMES, type MetricName, type MetricSeries, type ShopMetrics } from '../../../src/contract/index.ts';
import { api, isoMinutes } from '../api.ts';
import { useT } from '../i18n/index.tsx';
import { downloadCsv } from './download.ts';
import { FactsDrawer } from './facts-drawer.tsx';
import { SellerPerformanceCard } from './seller-performance.tsx';
import { COUNTER_OF, formatMetric, HIGHER_IS_BETTER } from './format.ts';
import { TrendChart } from './trend-chart.tsx';

/** SPEC §8.5: the platform acts on the intervention rate against the category average. */
const GOVERNED: MetricName = 'intervention_rate';

export function ShopDashboard({ shop }: { shop: string }) {
  const t = useT();
  const [m, setM] = useState<ShopMetrics | null>(null);
  const [series, setSeries] = useState<MetricSeries | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<MetricName | null>(null);
  const base = `/v1/shops/${encodeURIComponent(shop)}/metrics`;
  useEffect(() => {
    let live = true;
    Promise.all([api<ShopMetrics>(base), api<MetricSeries>(`${base}/series?days=90`)])
      .then(([a, b]) => live && (setM(a), setSeries(b)))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [base]);
  if (error) return <Alert type="error" title={error} />;
  if (!m || !series) return <Card loading />;
  return (
    <Flex vertical gap={16} data-testid="shop-dashboard">
      <Flex wrap gap={8} align="center" justify="space-between">
        <Space wrap>
          <Typography.Text type="secondary">{t('metrics.window', { days: m.window_days, at: isoMinutes(m.at) })}</Typography.Text>
          <Tag>{t('metrics.paid', { n: m.paid })}</Tag>
          {!m.counted && <Tag color="default">{t('metrics.notCounted', { n: m.min_orders })}</Tag>}
          <Typography.Text type="secondary">{t('metrics.categoryShops', { n: m.category_shops, category: m.category })}</Typography.Text>
          {m.watched && <Tag color="orange" data-testid="watched-tag">{t('metrics.watched')}</Tag>}
          {m.status === 'restricted' && <Tag color="red">{t('metrics.restricted', { until: m.restricted_until ? isoMinutes(m.restricted_until) : '—' })}</Tag>}
        </Space>
        <Button icon={<DownloadOutlined />} onClick={() => void downloadCsv(`${base}/series.csv?days=90`, `metrics-${shop}.csv`)} data-testid="export-series">
          {t('metrics.export')}
        </Button>
      </Flex>
      <SellerPerformanceCard shop={shop} />
      {m.notices.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('metrics.notices', { n: m.notices.length })}
          description={m.notices.map((n) => (
            <div key={n.period_end}>{t('metrics.notice', { at: isoMinutes(n.period_end), rate: formatMetric('intervention_rate', n.rate), average: formatMetric('intervention_rate', n.average), rank: n.rank })}</div>
          ))}
        />
      )}
      <Row gutter={[12, 12]}>
        {METRIC_NAMES.map((name) => (
          <Col key={name} xs={24} md={12} xl={8}>
            <Card size="small" data-testid={`metric-${name}`} title={t(`metric.${name}`)} extra={COUNTER_OF[name] ? <Button type="link" size="small" onClick={() => setOpen(name)} data-testid={`behind-${name}`}>{t('metrics.behind')}</Button> : null}>
              <Flex justify="space-between" align="end">
                <Statistic value={formatMetric(name, m.metrics[name])} styles={{ content: { fontSize: 22, color: above(m, name) ? '#cf1322' : undefined } }} />
                <Flex vertical align="end">
                  <Typography.Text type="secondary">
                    {t('metrics.average')} {formatMetric(name, m.category_average[name])}
                  </Typography.Text>
                  <Typography.Text type="secondary">{m.rank[name] !== null ? t('metrics.rank', { n: m.rank[name]! }) : t('metrics.noRank')}</Typography.Text>
                </Flex>
              </Flex>
              {name !== 'complaint_points' && <TrendChart metric={name} series={series.days} threshold={name === GOVERNED ? m.category_average[name] : null} />}
            </Card>
          </Col>
        ))}
      </Row>
      <FactsDrawer shop={shop} metric={open} at={m.at} onClose={() => setOpen(null)} />
    </Flex>
  );
}

/** Worse than the category average (shown in red): where the platform looks first. */
function above(m: ShopMetrics, name: MetricName): boolean {
  const [v, a] = [m.metrics[name], m.category_average[name]];
  if (v === null || a === null || name === 'complaint_points') return false;
  return HIGHER_IS_BETTER.includes(name) ? v < a : v > a;
}
