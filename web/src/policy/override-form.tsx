// A shop's override of one parameter (SPEC §9: only towards the buyer), entered as people think of
// it (issue 16): a number and a unit (天/小时/工作日), an amount in yuan, yes or no — JSON only for the
// few structured parameters. The API refuses an
// override that takes a right away with `policy_violation`; that message is shown here, by the form.
import { Alert, App, Button, Card, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api.ts';
import { useT, type T } from '../i18n/index.tsx';
import type { ShopPolicy } from '../../../src/contract/index.ts';
import { DURATION_UNITS, overrideKind, overrideValue, splitDuration, valueInWords, type DurationUnit } from './values.ts';

interface Values {
  name: string;
  /** The number, with `unit` for a duration (天/小时/工作日); `yes` for a switch; `value` (JSON) for the rest. */
  n?: number | null;
  unit?: DurationUnit;
  yes?: boolean;
  value?: string;
}

/**
 * A refusal in plain words. The API names the parameter by its code (API callers know them); the
 * console says its name and, for a value that takes a right away, both values in words.
 */
export function refusalText(e: unknown, t: T, fallback: string, tried?: { value: string; pack: string | null }): string {
  if (!(e instanceof ApiError)) return fallback;
  const param = typeof e.details.parameter === 'string' ? e.details.parameter : null;
  if (!param) return e.message;
  const key = `policy.param.${param}`;
  const name = t(key) !== key ? t(key) : param;
  if (e.code === 'policy_violation' && 'pack_value' in e.details && tried) {
    return t('policy.refusal.lessGenerous', { param: name, value: valueInWords(param, tried.value, t), pack: valueInWords(param, tried.pack, t) });
  }
  if (e.code === 'policy_violation') return t('policy.refusal.platformOnly', { param: name });
  if (e.code === 'validation') return t('policy.refusal.badValue', { param: name });
  return `${name}: ${e.message}`;
}

export function OverrideForm({ policy, save }: { policy: ShopPolicy; save: (overrides: Record<string, unknown>) => Promise<void> }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = Form.useWatch('name', form);
  const current = policy.parameters.find((p) => p.name === name);
  const kind = current ? overrideKind(current.name, current.pack_value) : 'text';

  // Choosing a parameter starts the form from its value in force, in its own unit.
  const choose = (n: string) => {
    const p = policy.parameters.find((x) => x.name === n);
    if (!p) return;
    const k = overrideKind(p.name, p.pack_value);
    const d = splitDuration(p.value);
    const num = p.value !== null && /^\d+(\.\d+)?$/.test(p.value) ? Number(p.value) : null;
    form.setFieldsValue({
      n: d ? d.n : k === 'yuan' && num !== null ? num / 100 : num,
      unit: d?.unit ?? 'd',
      yes: p.value === 'true',
      value: k === 'text' ? (p.value ?? '') : '',
    });
  };

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    const value = overrideValue(v.name, kind, { n: v.n, unit: v.unit, yes: v.yes, text: v.value });
    try {
      await save({ ...policy.overrides, [v.name]: value });
      message.success(t('policy.override.saved', { name: t(`policy.param.${v.name}`) }));
    } catch (e) {
      const tried = typeof value === 'string' ? value : JSON.stringify(value);
      setError(refusalText(e, t, t('policy.loadFailed'), { value: tried, pack: current?.pack_value ?? null }));
    } finally {
      setBusy(false);
    }
  };

  const label = (n: string) => {
    const key = `policy.param.${n}`;
    return t(key) === key ? n : t(key);
  };
  const now = current ? valueInWords(current.name, current.value, t) : '';
  const fixedUnit = kind === 'yuan' ? 'yuan' : kind === 'days' ? 'days' : kind === 'pct' ? 'pct' : null;

  return (
    <Card size="small" title={t('policy.override.title')} data-testid="override-form">
      <Typography.Paragraph type="secondary">{t('policy.override.rule')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} onValuesChange={() => setError(null)} initialValues={{ unit: 'd' }}>
        <Form.Item label={t('policy.override.name')} name="name" rules={[{ required: true, message: t('common.choose', { field: t('policy.override.name') }) }]}>
          <Select
            data-testid="override-name"
            aria-label={t('policy.override.name')}
            showSearch={{ optionFilterProp: 'label' }}
            onChange={choose}
            options={policy.parameters.map((p) => ({ value: p.name, label: label(p.name) }))}
          />
        </Form.Item>
        {current && kind !== 'text' && kind !== 'bool' && (
          <Form.Item label={t('policy.override.value')} extra={t('policy.override.now', { value: now })} required>
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name="n" noStyle rules={[{ required: true, message: t('policy.override.valueRequired') }]}>
                <InputNumber min={0} step={kind === 'yuan' ? 0.01 : 1} style={{ width: '60%' }} aria-label={t('policy.override.amount')} data-testid="override-amount" />
              </Form.Item>
              {kind === 'duration' ? (
                <Form.Item name="unit" noStyle>
                  <Select
                    style={{ width: '40%' }}
                    aria-label={t('policy.override.unit')}
                    data-testid="override-unit"
                    options={DURATION_UNITS.map((u) => ({ value: u, label: t(`policy.override.unit.${u}`) }))}
                  />
                </Form.Item>
              ) : fixedUnit ? (
                <Button disabled style={{ width: '40%' }} tabIndex={-1} aria-label={t('policy.override.unit')}>
                  {t(`policy.override.unit.${fixedUnit}`)}
                </Button>
              ) : null}
            </Space.Compact>
          </Form.Item>
        )}
        {current && kind === 'bool' && (
          <Form.Item label={t('policy.override.value')} name="yes" extra={t('policy.override.now', { value: now })}>
            <Select
              aria-label={t('policy.override.choice')}
              data-testid="override-bool"
              options={[
                { value: true, label: t('policy.true') },
                { value: false, label: t('policy.false') },
              ]}
            />
          </Form.Item>
        )}
        {(!current || kind === 'text') && (
          <Form.Item
            label={t('policy.override.value')}
            name="value"
            rules={[{ required: true, whitespace: true, message: t('policy.override.valueRequired') }]}
            extra={current ? t('policy.override.jsonHint', { value: now }) : undefined}
          >
            <Input data-testid="override-value" autoComplete="off" disabled={!current} />
          </Form.Item>
        )}
        {error && <Alert type="error" role="alert" data-testid="refusal" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="override-submit">
          {t('policy.override.submit')}
        </Button>
      </Form>
    </Card>
  );
}
