// A shop's override of one parameter (SPEC §9: only towards the buyer). The API refuses an
// override that takes a right away with `policy_violation`; that message is shown here, by the form.
import { Alert, App, Button, Card, Form, Input, Select, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api.ts';
import { useT, type T } from '../i18n/index.tsx';
import type { ShopPolicy } from '../../../src/contract/index.ts';
import { parseOverrideInput, valueInWords } from './values.ts';

interface Values {
  name: string;
  value: string;
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

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await save({ ...policy.overrides, [v.name]: parseOverrideInput(v.name, v.value) });
      message.success(t('policy.override.saved', { name: t(`policy.param.${v.name}`) }));
      form.resetFields(['value']);
    } catch (e) {
      setError(refusalText(e, t, t('policy.loadFailed'), { value: v.value.trim(), pack: current?.pack_value ?? null }));
    } finally {
      setBusy(false);
    }
  };

  const label = (n: string) => {
    const key = `policy.param.${n}`;
    return t(key) === key ? n : `${t(key)} (${n})`;
  };

  return (
    <Card size="small" title={t('policy.override.title')} data-testid="override-form">
      <Typography.Paragraph type="secondary">{t('policy.override.rule')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} onValuesChange={() => setError(null)}>
        <Form.Item label={t('policy.override.name')} name="name" rules={[{ required: true, message: t('common.choose', { field: t('policy.override.name') }) }]}>
          <Select
            data-testid="override-name"
            aria-label={t('policy.override.name')}
            showSearch={{ optionFilterProp: 'label' }}
            options={policy.parameters.map((p) => ({ value: p.name, label: label(p.name) }))}
          />
        </Form.Item>
        <Form.Item
          label={t('policy.override.value')}
          name="value"
          rules={[{ required: true, whitespace: true, message: t('policy.override.valueRequired') }]}
          extra={current ? t('policy.override.hint', { value: `${valueInWords(current.name, current.value, t)} (${current.value})` }) : undefined}
        >
          <Input data-testid="override-value" autoComplete="off" placeholder="10d / 72h / 3 / true" />
        </Form.Item>
        {error && <Alert type="error" role="alert" data-testid="refusal" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="override-submit">
          {t('policy.override.submit')}
        </Button>
      </Form>
    </Card>
  );
}
