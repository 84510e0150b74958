// /policy: the platforms' policy packs (SPEC §9) and a shop's policy in force with its overrides.
// The platform sees every pack and every shop; a merchant sees its own shop. `?pack=` and `?shop=`
// keep the choice in the address, so a view can be linked.
import { Alert, Result, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, ApiError } from '../api.ts';
import { useT } from '../i18n/index.tsx';
import { PackViewer } from '../policy/pack-viewer.tsx';
import { ShopPolicyPanel } from '../policy/shop-policy.tsx';
import type { PackSummary, ShopRow } from '../../../src/contract/index.ts';
import { useSession } from '../session.tsx';

export default function PolicyPage() {
  const t = useT();
  const { principal } = useSession();
  const [params, setParams] = useSearchParams();
  const [packs, setPacks] = useState<PackSummary[]>([]);
  const [shops, setShops] = useState<ShopRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  const allowed = principal !== null && principal.kind !== 'buyer';

  useEffect(() => {
    if (!allowed) return;
    Promise.all([api<PackSummary[]>('/v1/policies'), api<{ data: ShopRow[] }>('/v1/shops')])
      .then(([p, s]) => {
        setPacks(p);
        setShops(s.data);
      })
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : t('policy.loadFailed')));
  }, [allowed, t]);

  if (!allowed) return <Result status="403" title={t('policy.forbidden')} />;

  // A merchant's shop is its own; the platform picks one (the first by default).
  const shop = principal.kind === 'shop' ? principal.shop : (params.get('shop') ?? shops[0]?.id);
  const pack = params.get('pack') ?? shops.find((s) => s.id === shop)?.pack ?? packs[0]?.id;
  const set = (key: 'pack' | 'shop', value: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.set(key, value);
        return next;
      },
      { replace: true },
    );

  const shopPicker =
    principal.kind === 'platform' ? (
      <Space size={8}>
        <label htmlFor="policy-shop-select">{t('policy.shopSelect')}</label>
        <Select
          id="policy-shop-select"
          data-testid="policy-shop"
          style={{ minWidth: 150 }}
          value={shop}
          onChange={(v: string) => set('shop', v)}
          options={shops.map((s) => ({ value: s.id, label: s.name ?? s.id }))}
        />
      </Space>
    ) : undefined;

  return (
    <Space orientation="vertical" size={24} style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('policy.title')}
      </Typography.Title>
      {error && <Alert type="error" role="alert" showIcon title={error} />}
      <PackViewer packs={packs} pack={pack} setPack={(p) => set('pack', p)} />
      {shop && <ShopPolicyPanel shop={shop} extra={shopPicker} />}
    </Space>
  );
}
