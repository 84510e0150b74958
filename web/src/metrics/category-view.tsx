// The platform's category view (SPEC §8.4–§8.5): every shop of a category ranked by a metric, the
// shops watched or restricted this period, a CSV export; a shop opens on its own dashboard.
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { METRIC_NAMES, type CategoryMetrics, type MetricName } from '../../../src/contract/index.ts';
import { api } from '../api.ts';
import { useT } from '../i18n/index.tsx';
import { downloadCsv } from './download.ts';
import { formatMetric } from './format.ts';

type Row = CategoryMetrics['shops'][number];

export function CategoryView({ initial = 'apparel' }: { initial?: string }) {
  const t = useT();
  const [category, setCategory] = useState(initial);
  const [sort, setSort] = useState<MetricName>('intervention_rate');
  const [data, setData] = useState<CategoryMetrics | null>(null);
  const [error, setError] = useState<string | null>(null);
  const path = `/v1/metrics/categories/${encodeURIComponent(category)}?sort=${sort}`;
  useEffect(() => {
    let live = true;
    setError(null);
    api<CategoryMetrics>(path)
      .then((d) => live && setData(d))
      .catch((e: Error) => live && (setData(null), setError(e.message)));
    return () => {
      live = false;
    };
  }, [path]);
  const flagged = (data?.shops ?? []).filter((s) => s.watched || s.status === 'restricted');
  const tags = (r: Row) => (
    <Space size={4}>
      {r.watched && <Tag color="orange">{t('metrics.watched')}</Tag>}
      {r.status !== 'active' && <Tag color="red">{t(`shopStatus.${r.status}`)}</Tag>}
    </Space>
  );
  return (
    <Flex vertical gap={16} data-testid="category-view">
      <Flex wrap gap={8} align="center" justify="space-between">
        <Space wrap>
          <Typography.Text>{t('metrics.category.pick')}</Typography.Text>
          <Input
            defaultValue={initial}
            onPressEnter={(e) => e.currentTarget.value.trim() && setCategory(e.currentTarget.value.trim())}
            onBlur={(e) => e.currentTarget.value.trim() && setCategory(e.currentTarget.value.trim())}
            style={{ width: 180 }}
            aria-label={t('metrics.category.pick')}
            data-testid="category-input"
          />
          <Typography.Text>{t('metrics.category.sort')}</Typography.Text>
          <Select value={sort} onChange={setSort} style={{ width: 200 }} aria-label={t('metrics.category.sort')} options={METRIC_NAMES.filter((n) => n !== 'complaint_points').map((n) => ({ value: n, label: t(`metric.${n}`) }))} data-testid="category-sort" />
        </Space>
        <Button icon={<DownloadOutlined />} disabled={!data} onClick={() => void downloadCsv(path.replace('?', '/export.csv?'), `metrics-${category}.csv`)} data-testid="export-category">
          {t('metrics.export')}
        </Button>
      </Flex>
      {error && <Alert type="error" title={error} />}
      {data && (
        <Card size="small" title={t('metrics.category.flagged')} data-testid="category-flagged">
          {flagged.length === 0 ? (
            <Typography.Text type="secondary">{t('metrics.category.none')}</Typography.Text>
          ) : (
            <Space wrap>
              {flagged.map((s) => (
                <Link key={s.shop} to={`/indicators/${encodeURIComponent(s.shop)}`}>
                  {s.shop} {tags(s)}
                </Link>
              ))}
            </Space>
          )}
        </Card>
      )}
      {data && (
        <Table
          size="small"
          rowKey="shop"
          data-testid="category-table"
          dataSource={data.shops}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: true }}
          columns={[
            { title: t('metrics.category.position'), dataIndex: 'position', width: 56 },
            { title: t('metrics.category.shop'), dataIndex: 'shop', render: (s: string, r: Row) => <Space><Link to={`/indicators/${encodeURIComponent(s)}`}>{s}</Link>{tags(r)}</Space> },
            { title: t('metrics.category.paid'), dataIndex: 'paid', sorter: (a: Row, b: Row) => a.paid - b.paid },
            ...METRIC_NAMES.filter((n) => n !== 'complaint_points').map((n) => ({
              title: t(`metric.${n}`),
              key: n,
              sorter: (a: Row, b: Row) => (a.metrics[n] ?? -1) - (b.metrics[n] ?? -1),
              render: (_: unknown, r: Row) => <span style={{ color: (r.metrics[n] ?? -1) > (data.average[n] ?? Infinity) ? '#cf1322' : undefined }}>{formatMetric(n, r.metrics[n])}</span>,
            })),
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={3}>
                {t('metrics.average')}
              </Table.Summary.Cell>
              {METRIC_NAMES.filter((n) => n !== 'complaint_points').map((n, i) => (
                <Table.Summary.Cell key={n} index={i + 3}>
                  {formatMetric(n, data.average[n])}
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          )}
        />
      )}
    </Flex>
  );
}
