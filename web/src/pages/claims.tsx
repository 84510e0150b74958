// /claims: the A-to-z Guarantee and SAFE-T claims (SPEC §13) the caller may see — the platform's all,
// a seller's its own — nearest running deadline first (the API's order), filtered by kind. Amounts
// are shown in the claim's own currency; a claim opens beside the list with what the caller may do.
import { Alert, Button, Flex, Segmented, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { isoMinutes } from '../api.ts';
import { usePaged } from '../buyer/paged.ts';
import { useLang, useT } from '../i18n/index.tsx';
import type { ClaimRow } from '../../../src/contract/index.ts';
import { ClaimDrawer, money } from '../claims/claim-drawer.tsx';


const OPEN = new Set(['filed', 'under_review', 'appealed']);

function ClaimTable({ path, onOpen }: { path: string; onOpen: (id: string) => void }) {
  const t = useT();
  const { lang } = useLang();
  const { items, loading, error, more } = usePaged<ClaimRow>(path);
  return (
    <>
      {error && <Alert type="error" role="alert" showIcon title={error} />}
      <Table<ClaimRow>
        rowKey="id"
        size="small"
        loading={loading}
        pagination={false}
        dataSource={items}
        locale={{ emptyText: t('claims.empty') }}
        scroll={{ x: true }}
        columns={[
          {
            title: t('claims.col.claim'),
            render: (_, c) => (
              <Button type="link" size="small" onClick={() => onOpen(c.id)} data-testid={`claim-row-${c.id}`}>
                {c.id}
              </Button>
            ),
          },
          { title: t('claims.col.kind'), dataIndex: 'kind_label' },
          { title: t('claims.col.order'), render: (_, c) => `${c.shop} · ${c.order}${c.case ? ` · ${c.case}` : ''}` },
          { title: t('claims.col.reason'), dataIndex: 'reason_label' },
          {
            title: t('claims.col.status'),
            render: (_, c) => (
              <Flex gap={4} wrap>
                <Tag color={OPEN.has(c.status) ? 'processing' : 'default'}>{c.status_label}</Tag>
                {c.seller_silent && <Tag color="warning">{t('claims.sellerSilent')}</Tag>}
              </Flex>
            ),
          },
          { title: t('claims.col.amount'), align: 'right', render: (_, c) => money(c.amount, c.currency, lang) },
          { title: t('claims.col.deadline'), render: (_, c) => (c.deadline ? isoMinutes(c.deadline.due_at) : '—') },
        ]}
      />
      {more && !loading && (
        <Button block onClick={() => void more()}>
          {t('buyer.more')}
        </Button>
      )}
    </>
  );
}

export default function ClaimsPage() {
  const t = useT();
  const [kind, setKind] = useState<'all' | 'atoz_claim' | 'safet_claim'>('all');
  const [open, setOpen] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  return (
    <Flex vertical gap={12} data-testid="claims-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('claims.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('claims.hint')}</Typography.Text>
      <Segmented
        value={kind}
        onChange={(v) => setKind(v as typeof kind)}
        options={[
          { value: 'all', label: t('claims.kind.all') },
          { value: 'atoz_claim', label: 'A-to-z' },
          { value: 'safet_claim', label: 'SAFE-T' },
        ]}
      />
      <ClaimTable key={reload} path={`/v1/claims?limit=50${kind === 'all' ? '' : `&kind=${kind}`}`} onOpen={setOpen} />
      <ClaimDrawer id={open} onClose={() => setOpen(null)} onChanged={() => setReload((n) => n + 1)} />
    </Flex>
  );
}
