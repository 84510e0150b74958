// A new automation rule (SPEC §10.2), conditions chosen from the SPEC's codes; "backtest" shows
// what the list with this rule would have done over the last 30 days before anything is saved.
import { Alert, Button, Card, Flex, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { CASE_TYPES, ORDER_STATUSES, REASONS, RISK_BANDS, RULE_ACTIONS, type AutomationRule, type BacktestReport } from '../../../src/contract/index.ts';
import { api, ApiError, money } from '../api.ts';
import { useLang } from '../i18n/index.tsx';
import { ruleInWords } from './rule-words.ts';

interface Values {
  name: string;
  order_status?: string[];
  type?: string[];
  max_amount?: number | null;
  reasons?: string[];
  max_buyer_risk?: string;
  then: string;
}

/** The form's values as a rule (id from the time, so two rules never clash). */
export function ruleOf(v: Values): AutomationRule {
  const when: AutomationRule['when'] = {};
  if (v.order_status?.length) when.order_status = v.order_status as AutomationRule['when']['order_status'];
  if (v.type?.length) when.type = v.type as AutomationRule['when']['type'];
  if (v.max_amount !== undefined && v.max_amount !== null) when.max_amount = Math.round(v.max_amount * 100);
  if (v.reasons?.length) when.reasons = v.reasons as AutomationRule['when']['reasons'];
  if (v.max_buyer_risk) when.max_buyer_risk = v.max_buyer_risk as AutomationRule['when']['max_buyer_risk'];
  return { id: `r${Date.now().toString(36)}`, name: v.name.trim(), enabled: true, when, then: v.then as AutomationRule['then'] };
}

export function Backtest({ r }: { r: BacktestReport }) {
  const { t } = useLang();
  return (
    <Alert
      type="info"
      data-testid="backtest-report"
      title={t('auto.backtested')}
      description={
        <Flex vertical>
          <span>{t('auto.bt.cases', { n: r.cases, days: r.days })}</span>
          <span data-testid="backtest-automated">{t('auto.bt.automated', { n: r.automated, amount: money(r.refunded) })}</span>
          <span>{t('auto.bt.returnless', { amount: money(r.refunded_without_return) })}</span>
          <span>{t('auto.bt.hours', { hours: r.merchant_hours_saved })}</span>
          <span>{t('auto.bt.won', { n: r.rejected_and_won.cases, amount: money(r.rejected_and_won.amount) })}</span>
        </Flex>
      }
    />
  );
}

export function RuleForm({ shop, rules, onSave }: { shop: string; rules: AutomationRule[]; onSave: (rule: AutomationRule) => Promise<void> }) {
  const { t } = useLang();
  const [form] = Form.useForm<Values>();
  const [report, setReport] = useState<BacktestReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const values = Form.useWatch([], form) as Values | undefined;
  const opts = (codes: readonly string[], group: string) => codes.map((c) => ({ value: c, label: t(`${group}.${c}`) }));

  const run = async (what: 'backtest' | 'save') => {
    setError(null);
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const rule = ruleOf(v);
    setBusy(true);
    try {
      if (what === 'backtest') setReport(await api<BacktestReport>(`/v1/shops/${encodeURIComponent(shop)}/rules/backtest`, { body: { rules: [...rules, rule], days: 30 } }));
      else {
        await onSave(rule);
        form.resetFields();
        setReport(null);
      }
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('auto.new')} data-testid="rule-form">
      <Form form={form} layout="vertical" initialValues={{ then: 'agree' }} onValuesChange={() => setReport(null)}>
        <Form.Item name="name" label={t('auto.name')} rules={[{ required: true, whitespace: true, max: 60 }]}>
          <Input data-testid="rule-name" maxLength={60} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="order_status" label={t('auto.orderStatus')} style={{ minWidth: 200, flex: 1 }}>
            <Select mode="multiple" allowClear data-testid="rule-order-status" aria-label={t('auto.orderStatus')} placeholder={t('auto.any')} options={opts(ORDER_STATUSES, 'orderStatus')} />
          </Form.Item>
          <Form.Item name="type" label={t('auto.types')} style={{ minWidth: 200, flex: 1 }}>
            <Select mode="multiple" allowClear data-testid="rule-type" aria-label={t('auto.types')} placeholder={t('auto.any')} options={opts(CASE_TYPES, 'type')} />
          </Form.Item>
          <Form.Item name="max_amount" label={t('auto.maxAmount')} style={{ minWidth: 160 }}>
            <InputNumber min={0} precision={2} data-testid="rule-max-amount" aria-label={t('auto.maxAmount')} placeholder={t('auto.any')} />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item name="reasons" label={t('auto.reasons')} style={{ minWidth: 260, flex: 2 }}>
            <Select mode="multiple" allowClear data-testid="rule-reasons" aria-label={t('auto.reasons')} placeholder={t('auto.any')} options={opts(REASONS, 'reason')} />
          </Form.Item>
          <Form.Item name="max_buyer_risk" label={t('auto.maxRisk')} style={{ minWidth: 160, flex: 1 }}>
            <Select allowClear data-testid="rule-max-risk" aria-label={t('auto.maxRisk')} placeholder={t('auto.any')} options={opts(RISK_BANDS, 'risk')} />
          </Form.Item>
          <Form.Item name="then" label={t('auto.then')} style={{ minWidth: 160, flex: 1 }}>
            <Select data-testid="rule-then" aria-label={t('auto.then')} options={opts(RULE_ACTIONS, 'auto.then')} />
          </Form.Item>
        </Flex>
        {values?.then && (
          <Typography.Paragraph type="secondary" data-testid="rule-preview">
            {ruleInWords(ruleOf({ ...values, name: values.name ?? '' }), t)}
          </Typography.Paragraph>
        )}
        {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
        {report && <Backtest r={report} />}
        <Space style={{ marginTop: 12 }}>
          <Button onClick={() => void run('backtest')} loading={busy} data-testid="rule-backtest">
            {t('auto.backtest')}
          </Button>
          <Button type="primary" onClick={() => void run('save')} loading={busy} disabled={!report} data-testid="rule-save">
            {t('auto.save')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
