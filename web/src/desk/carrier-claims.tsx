// A shop's carrier claims (SPEC §10.1): what it claimed from carriers for lost or damaged parcels,
// open ones first, and what was recovered.
import { Card, Flex, Statistic, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, money } from '../api.ts';
import { useT } from '../i18n/index.tsx';
import type { CarrierClaims } from '../../../src/contract/index.ts';

export function CarrierClaimsCard({ shop }: { shop: string }) {
  const t = useT();
  const [claims, setClaims] = useState<CarrierClaims | null>(null);
  useEffect(() => {
    api<CarrierClaims>(`/v1/shops/${encodeURIComponent(shop)}/carrier-claims`).then(setClaims);
  }, [shop]);
  if (!claims) return null;
  return (
    <Card size="small" title={t('desk.carrierClaims')} data-testid="carrier-claims">
      <Flex gap={24} wrap>
        <Statistic title={t('desk.claimsOpen')} value={money(claims.open_amount)} />
        <Statistic title={t('desk.claimsClaimed')} value={money(claims.claimed)} />
        <Statistic title={t('desk.claimsRecovered')} value={money(claims.recovered)} />
      </Flex>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={claims.data}
        scroll={{ x: 480 }}
        columns={[
          { title: t('ticket.id'), dataIndex: 'ticket', render: (id: string) => <Link to={`/tickets/${encodeURIComponent(id)}`}>{id}</Link> },
          { title: t('desk.claimKind'), dataIndex: 'kind', render: (k: string) => t(`desk.claim.${k}`) },
          { title: t('desk.claimAmount'), dataIndex: 'amount', render: (a: number) => money(a) },
          { title: t('desk.claimRecovered'), dataIndex: 'recovered', render: (r: number | null) => (r === null ? <Tag color="orange">{t('desk.claimOpen')}</Tag> : money(r)) },
        ]}
      />
    </Card>
  );
}
