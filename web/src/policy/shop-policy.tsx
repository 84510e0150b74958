// A shop's policy in force (GET /v1/shops/:shop/policy): each parameter's pack value, the value in
// force and whether the shop overrode it (highlighted), its overrides against the pack (issue 16),
// with the override form beside it.
import { Alert, App, Button, Card, Col, Grid, Row, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { api, ApiError } from '../api.ts';
import { useLang } from '../i18n/index.tsx';
import { ParamCell, SourceCell, ValueCell } from './cells.tsx';
import { OverrideForm, refusalText } from './override-form.tsx';
import { OverrideDiff } from './override-diff.tsx';
import type { ShopPolicy } from '../../../src/contract/index.ts';
import { valueInWords } from './values.ts';
import './policy.css';

type Param = ShopPolicy['parameters'][number];

export function ShopPolicyPanel({ shop, extra }: { shop: string; extra?: ReactNode }) {
  const { lang, t } = useLang();
  const { message } = App.useApp();
  const wide = Grid.useBreakpoint().md ?? true;
  const [policy, setPolicy] = useState<ShopPolicy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const p = await api<ShopPolicy>(`/v1/shops/${encodeURIComponent(shop)}/policy`);
    setPolicy(p);
  }, [shop]);

  useEffect(() => {
    setPolicy(null);
    setError(null);
    setRemoveError(null);
    load().catch((e: unknown) => setError(e instanceof ApiError ? e.message : t('policy.loadFailed')));
  }, [load, lang, t]);

  // The shop keeps its pack and category; only the overrides change (PUT replaces them all).
  const save = async (overrides: Record<string, unknown>) => {
    if (!policy) return;
    await api(`/v1/shops/${encodeURIComponent(shop)}/policy`, { method: 'PUT', body: { pack: policy.pack, category: policy.category, overrides } });
    await load();
  };

  const remove = async (name: string) => {
    if (!policy) return;
    setRemoveError(null);
    const rest = Object.fromEntries(Object.entries(policy.overrides).filter(([k]) => k !== name));
    try {
      await save(rest);
      message.success(t('policy.override.removed', { name: t(`policy.param.${name}`) }));
    } catch (e) {
      setRemoveError(refusalText(e, t, t('policy.loadFailed')));
    }
  };

  const columns = [
    {
      title: t('policy.param'),
      key: 'name',
      render: (_: unknown, r: Param) => (
        <Space orientation="vertical" size={4}>
          <ParamCell name={r.name} />
          {r.overridden && <Tag color="orange">{t('policy.overridden')}</Tag>}
          {!wide && <SourceCell source={r.source} />}
        </Space>
      ),
    },
    ...(wide ? [{ title: t('policy.packValue'), key: 'pack', render: (_: unknown, r: Param) => <ValueCell name={r.name} raw={r.pack_value} of="pack-value" /> }] : []),
    {
      title: t('policy.inForceValue'),
      key: 'value',
      render: (_: unknown, r: Param) => (
        <Space orientation="vertical" size={4}>
          <ValueCell name={r.name} raw={r.value} />
          {!wide && r.overridden && (
            <Typography.Text type="secondary">
              {t('policy.packValue')}: {valueInWords(r.name, r.pack_value, t)}
            </Typography.Text>
          )}
          {r.overridden && (
            <Button size="small" onClick={() => remove(r.name)} data-testid={`override-remove-${r.name}`}>
              {t('policy.override.remove')}
            </Button>
          )}
        </Space>
      ),
    },
    ...(wide ? [{ title: t('policy.source'), key: 'source', width: '30%', render: (_: unknown, r: Param) => <SourceCell source={r.source} /> }] : []),
  ];

  return (
    <Card title={t('policy.shop')} extra={extra} data-testid="shop-policy">
      {error && <Alert type="error" role="alert" showIcon title={error} style={{ marginBottom: 16 }} />}
      {policy && (
        <Typography.Paragraph data-testid="shop-policy-meta">
          {t('policy.shopMeta', { pack: `${policy.pack_name[lang]} (${policy.pack})`, category: policy.category, version: policy.version })}
        </Typography.Paragraph>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={{ span: 24, order: 2 }} xl={{ span: 16, order: 1 }}>
          {removeError && <Alert type="error" role="alert" data-testid="refusal" showIcon title={removeError} style={{ marginBottom: 16 }} />}
          {policy && <OverrideDiff policy={policy} />}
          <Table<Param>
            data-testid="shop-policy-params"
            size="small"
            rowKey="name"
            pagination={false}
            loading={!policy && !error}
            dataSource={policy?.parameters ?? []}
            columns={columns}
            rowClassName={(r) => (r.overridden ? 'policy-overridden' : '')}
          />
        </Col>
        {/* On a phone the form comes before the long table; on a desktop it stays in view beside it. */}
        <Col xs={{ span: 24, order: 1 }} xl={{ span: 8, order: 2 }}>
          <div className="policy-override-col">{policy && <OverrideForm policy={policy} save={save} />}</div>
        </Col>
      </Row>
    </Card>
  );
}
