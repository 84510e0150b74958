// SPEC §13 seller performance (amazon-us): the four rates against the pack's targets, each with the
// counts behind it and the notice that stands for a missed one. Shops of a marketplace without
// targets (the Chinese packs answer not_eligible) show nothing.
import { Card, Col, Flex, Row, Statistic, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { SellerPerformance } from '../../../src/contract/index.ts';
import { api, isoMinutes } from '../api.ts';
import { useT } from '../i18n/index.tsx';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`);

export function SellerPerformanceCard({ shop }: { shop: string }) {
  const t = useT();
  const [p, setP] = useState<SellerPerformance | null>(null);
  useEffect(() => {
    let live = true;
    api<SellerPerformance>(`/v1/shops/${encodeURIComponent(shop)}/performance`)
      .then((x) => live && setP(x))
      .catch(() => live && setP(null));
    return () => {
      live = false;
    };
  }, [shop]);
  if (!p) return null;
  return (
    <Card size="small" title={t('perf.title')} data-testid="seller-performance">
      <Row gutter={[12, 12]}>
        {p.metrics.map((m) => (
          <Col key={m.metric} xs={24} md={12} xl={6} data-testid={`perf-${m.metric}`}>
            <Flex vertical gap={4}>
              <Typography.Text strong>{t(`perf.${m.metric}`)}</Typography.Text>
              <Statistic value={pct(m.rate)} styles={{ content: { fontSize: 22, color: m.missed ? '#cf1322' : undefined } }} />
              <Typography.Text type="secondary">{t('perf.target', { max: m.max_pct, days: m.window_days })}</Typography.Text>
              <Flex gap={4} wrap>
                <Tag>{t('perf.counts', { n: m.numerator, d: m.denominator })}</Tag>
                <Tag color={m.missed ? 'red' : 'green'}>{t(m.missed ? 'perf.missed' : 'perf.met')}</Tag>
                {m.noticed_at && <Tag color="orange">{t('perf.noticed', { at: isoMinutes(m.noticed_at) })}</Tag>}
              </Flex>
            </Flex>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
