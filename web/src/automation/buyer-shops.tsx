// The platform's view of where a risky buyer's signals came from (SPEC §10.4: the platform sees
// everything, the counts per shop included; a merchant never sees this). Fetched when the row opens.
import { Alert, Spin, Table } from 'antd';
import { useEffect, useState } from 'react';
import type { BuyerRisk } from '../../../src/contract/index.ts';
import { api, ApiError } from '../api.ts';
import { useLang } from '../i18n/index.tsx';

type ShopCounts = NonNullable<BuyerRisk['by_shop']>[number];

export function BuyerShops({ buyer }: { buyer: string }) {
  const { t } = useLang();
  const [rows, setRows] = useState<ShopCounts[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<BuyerRisk>(`/v1/buyers/${encodeURIComponent(buyer)}/risk`)
      .then((r) => setRows(r.by_shop ?? []))
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : String(e)));
  }, [buyer]);
  if (error) return <Alert type="error" showIcon role="alert" title={error} />;
  if (!rows) return <Spin size="small" aria-label={t('common.loading')} />;
  return (
    <Table
      data-testid={`risky-shops-${buyer}`}
      size="small"
      rowKey="shop"
      pagination={false}
      dataSource={rows}
      columns={[
        // Imported history (FORMAT.md risk_history) carries no shop.
        { title: t('risky.shop'), dataIndex: 'shop', render: (s: string) => s || t('risky.imported') },
        {
          title: t('risk.factors'),
          key: 'counts',
          render: (_: unknown, r: ShopCounts) =>
            Object.entries(r.counts)
              .filter(([, n]) => n > 0)
              .map(([signal, n]) => `${t(`risk.signal.${signal}`)} ${n}`)
              .join('; '),
        },
      ]}
    />
  );
}
