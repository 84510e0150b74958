// One platform's policy pack (SPEC §9): its versions with effective dates, and every parameter of
// the version in force with its value and the rule or document it comes from.
import { Alert, Card, Form, Grid, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../api.ts';
import { useLang } from '../i18n/index.tsx';
import { ParamCell, SourceCell, ValueCell } from './cells.tsx';
import type { PackDetail, PackSummary } from '../../../src/contract/index.ts';

type Row = PackDetail['parameters'][number];

export function PackViewer({ packs, pack, setPack }: { packs: PackSummary[]; pack: string | undefined; setPack: (p: string) => void }) {
  const { lang, t } = useLang();
  const wide = Grid.useBreakpoint().md ?? true;
  const [detail, setDetail] = useState<PackDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!pack) return;
    let live = true;
    setError(null);
    api<PackDetail>(`/v1/policies/${encodeURIComponent(pack)}`)
      .then((d) => live && setDetail(d))
      .catch((e: unknown) => live && setError(e instanceof ApiError ? e.message : t('policy.loadFailed')));
    return () => {
      live = false;
    };
  }, [pack, lang, t]);

  const summary = packs.find((p) => p.id === pack);
  // The answer for the pack now chosen (an older one may still be on screen while the next loads).
  const shown = detail?.id === pack ? detail : null;
  const columns = [
    {
      title: t('policy.param'),
      key: 'name',
      render: (_: unknown, r: Row) => (
        <Space orientation="vertical" size={4}>
          <ParamCell name={r.name} />
          {!wide && <SourceCell source={r.source} />}
        </Space>
      ),
    },
    { title: t('policy.value'), key: 'value', render: (_: unknown, r: Row) => <ValueCell name={r.name} raw={r.value} /> },
    ...(wide ? [{ title: t('policy.source'), key: 'source', width: '40%', render: (_: unknown, r: Row) => <SourceCell source={r.source} /> }] : []),
  ];

  return (
    <Card title={t('policy.packs')}>
      <Typography.Paragraph type="secondary">{t('policy.note')}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('policy.pack')} htmlFor="policy-pack-select" style={{ maxWidth: 360 }}>
          <Select
            id="policy-pack-select"
            data-testid="policy-pack"
            value={pack}
            onChange={setPack}
            options={packs.map((p) => ({ value: p.id, label: `${p.name[lang]} (${p.id})` }))}
          />
        </Form.Item>
      </Form>
      {summary && (
        <Space wrap size={[8, 8]} style={{ marginBottom: 16 }} data-testid="policy-versions">
          <Typography.Text>{t('policy.versions')}:</Typography.Text>
          {summary.versions.map((v) => (
            <Tag key={v.version} color={shown?.version === v.version ? 'orange' : undefined}>
              {v.version} · {t('policy.effectiveFrom', { time: v.effective_from.slice(0, 10) })}
              {shown?.version === v.version ? ` · ${t('policy.inForce')}` : ''}
            </Tag>
          ))}
        </Space>
      )}
      {error && <Alert type="error" role="alert" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Table<Row>
        data-testid="policy-params"
        size="small"
        rowKey="name"
        pagination={false}
        loading={!shown && !error}
        dataSource={shown?.parameters ?? []}
        columns={columns}
      />
    </Card>
  );
}
