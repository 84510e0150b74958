// /buyers (the platform's 高风险买家): every buyer scoring 30 or more over the last 90 days, riskiest
// first, with the factors that make the score; a row opens on the shops the signals came from
// (SPEC §10.4: the platform sees everything).
import { Alert, Card, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { RiskyBuyers } from '../../../src/contract/index.ts';
import { api, ApiError } from '../api.ts';
import { useLang } from '../i18n/index.tsx';
import { BAND_COLOR, factorsInWords } from './risk-badge.tsx';
import { BuyerShops } from './buyer-shops.tsx';

export default function RiskyBuyersPage() {
  const { t } = useLang();
  const [rows, setRows] = useState<RiskyBuyers['data'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<RiskyBuyers>('/v1/buyers/risky?min_score=30')
      .then((r) => setRows(r.data))
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : String(e)));
  }, []);
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>{t('risky.title')}</Typography.Title>}>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
      <Table
        data-testid="risky-buyers"
        rowKey="buyer"
        loading={rows === null && !error}
        dataSource={rows ?? []}
        pagination={{ pageSize: 50 }}
        scroll={{ x: true }}
        expandable={{ expandedRowRender: (r) => <BuyerShops buyer={r.buyer} /> }}
        columns={[
          { title: t('risky.buyer'), dataIndex: 'buyer' },
          { title: t('risky.score'), dataIndex: 'score' },
          { title: t('risky.band'), dataIndex: 'band', render: (b: string) => <Tag color={BAND_COLOR[b]}>{t(`risk.${b}`)}</Tag> },
          { title: t('risk.factors'), key: 'factors', render: (_: unknown, r: RiskyBuyers['data'][number]) => factorsInWords(r, t) },
        ]}
      />
    </Card>
  );
}
