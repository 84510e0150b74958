// The platform's ruling (SPEC §4 `rule`): for the buyer (the requested remedy proceeds), for the
// seller (the case closes) or partial (a refund of the ruled amount), with a liability recorded.
// Money is typed in yuan and sent in integer fen (SPEC §5); a ruling is confirmed before it goes.
import { currencySymbol } from '../market.ts';
import { Alert, App, Button, Card, Form, Input, InputNumber, Popconfirm, Radio } from 'antd';
import { useState } from 'react';
import { api, ApiError, money } from '../api.ts';
import { useLabel, useT } from '../i18n/index.tsx';
import type { CaseDetail } from '../../../src/contract/index.ts';

const OUTCOMES = ['buyer', 'seller', 'partial'] as const;
const LIABILITIES = ['merchant', 'buyer', 'carrier', 'none'] as const;

interface RuleValues {
  outcome: (typeof OUTCOMES)[number];
  liability: (typeof LIABILITIES)[number];
  amount?: number;
  note?: string;
}

export function RuleForm({ c, onChange }: { c: CaseDetail; onChange: (c: CaseDetail) => void }) {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<RuleValues>();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const outcome = Form.useWatch('outcome', form);
  const liability = Form.useWatch('liability', form);
  const amount = Form.useWatch('amount', form);
  const max = money(c.amount);
  // Issue 15: evidence the platform asked for and is still due; ruling now needs the confirmation.
  const pending = c.evidence_requests.filter((r) => r.open && !r.met);

  const ask = async () => {
    setError(null);
    try {
      await form.validateFields();
      setConfirming(true);
    } catch {
      // The form shows what is missing next to each field.
    }
  };

  const send = async () => {
    setConfirming(false);
    setBusy(true);
    const v = form.getFieldsValue();
    const fen = v.outcome === 'partial' && v.amount !== undefined ? Math.round(v.amount * 100) : undefined;
    try {
      // The desk shows the case as ruled, its history included (issue 18: only when asked for).
      const next = await api<CaseDetail>(`/v1/cases/${encodeURIComponent(c.id)}/rule?expand=timeline`, {
        body: { outcome: v.outcome, liability: v.liability, note: (v.note ?? '').trim(), ...(fen !== undefined ? { amount: fen } : {}), ...(pending.length ? { force: true } : {}) },
      });
      message.success(t('arb.rule.done'));
      onChange(next);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('arb.loadFailed'));
    } finally {
      setBusy(false);
    }
  };

  const summary = [
    t('arb.rule.confirmBody', {
      outcome: label('outcome', outcome),
      liability: label('liability', liability),
      amount: outcome === 'partial' && typeof amount === 'number' ? ` · ${money(Math.round(amount * 100))}` : '',
    }),
    ...pending.map((r) => t('arb.rule.evidencePending', { who: label('party', r.party), due: r.due.slice(0, 16).replace('T', ' ') })),
  ].join(' ');

  return (
    <Card size="small" title={t('arb.rule.title')} data-testid="rule-form">
      <Form form={form} name="arb-rule" layout="vertical" initialValues={{ liability: c.liability }} onValuesChange={() => setError(null)}>
        <Form.Item label={t('arb.rule.outcome')} name="outcome" rules={[{ required: true, message: t('common.choose', { field: t('arb.rule.outcome') }) }]}>
          <Radio.Group
            data-testid="rule-outcome"
            aria-label={t('arb.rule.outcome')}
            optionType="button"
            options={OUTCOMES.map((o) => ({ value: o, label: label('outcome', o) }))}
          />
        </Form.Item>
        <Form.Item label={t('arb.rule.liability')} name="liability" rules={[{ required: true, message: t('common.choose', { field: t('arb.rule.liability') }) }]}>
          <Radio.Group
            data-testid="rule-liability"
            aria-label={t('arb.rule.liability')}
            optionType="button"
            options={LIABILITIES.map((l) => ({ value: l, label: label('liability', l) }))}
          />
        </Form.Item>
        {outcome === 'partial' && (
          <Form.Item
            label={t('arb.rule.amount')}
            name="amount"
            extra={t('arb.rule.amountHint', { max })}
            rules={[
              { required: true, message: t('arb.rule.amountRequired') },
              { type: 'number', max: c.amount / 100, message: t('arb.rule.amountMax', { max }) },
            ]}
          >
            <InputNumber data-testid="rule-amount" aria-label={t('arb.rule.amount')} min={0.01} step={1} precision={2} prefix={currencySymbol(c.currency)} style={{ width: 200 }} />
          </Form.Item>
        )}
        <Form.Item label={t('arb.rule.note')} name="note" rules={[{ required: true, whitespace: true, message: t('arb.rule.noteRequired') }]}>
          <Input.TextArea data-testid="rule-note" aria-label={t('arb.rule.note')} rows={3} maxLength={2000} showCount />
        </Form.Item>
        {error && <Alert type="error" role="alert" data-testid="refusal" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Popconfirm
          open={confirming}
          title={t('arb.rule.confirm')}
          description={summary}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          okButtonProps={{ 'data-testid': 'rule-confirm' } as Record<string, string>}
          onConfirm={send}
          onCancel={() => setConfirming(false)}
          onOpenChange={(open) => !open && setConfirming(false)}
        >
          <Button type="primary" danger loading={busy} onClick={ask} data-testid="rule-submit">
            {t('arb.rule.submit')}
          </Button>
        </Popconfirm>
      </Form>
    </Card>
  );
}
