// What the signed-in party may do on a complaint now — only the commands the API lists in
// `actions` (SPEC §8.1): the buyer withdraws; the merchant answers (note + evidence) or appeals
// (reason + evidence); the platform rules (upheld/dismissed) or decides an appeal. Each command
// answers with the complaint as it now is.
import { Alert, App, Button, Card, Flex, Form, Input, Popconfirm, Radio, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { api, ApiError } from '../api.ts';
import { useLabel, useT } from '../i18n/index.tsx';
import { EvidenceLines } from './evidence-lines.tsx';
import { evidencePayload } from './rules.ts';
import type { ComplaintAction, ComplaintDetail, EvidenceLine } from './types.ts';

type Send = (command: string, body: Record<string, unknown>) => Promise<void>;

function useSend(c: ComplaintDetail, onChange: (c: ComplaintDetail) => void): { send: Send; busy: boolean; error: string | null } {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send: Send = async (command, body) => {
    setBusy(true);
    setError(null);
    try {
      const next = await api<ComplaintDetail>(`/v1/complaints/${encodeURIComponent(c.id)}/${command}`, { body });
      message.success(t('gov.complaint.done'));
      onChange(next);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return { send, busy, error };
}

function ActionCard({ action, hint, children, error }: { action: string; hint?: string; children: ReactNode; error: string | null }) {
  const label = useLabel();
  return (
    <Card size="small" title={label('complaintAction', action)} data-testid={`form-${action}`}>
      {hint && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {hint}
        </Typography.Paragraph>
      )}
      {children}
      {error && <Alert type="error" role="alert" showIcon title={error} data-testid="refusal" style={{ marginTop: 12 }} />}
    </Card>
  );
}

function Withdraw({ c, onChange }: { c: ComplaintDetail; onChange: (c: ComplaintDetail) => void }) {
  const t = useT();
  const label = useLabel();
  const { send, busy, error } = useSend(c, onChange);
  return (
    <Flex vertical gap={8}>
      <Popconfirm title={t('gov.action.withdrawConfirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => void send('withdraw_complaint', {})} okButtonProps={{ 'data-testid': 'withdraw-confirm' } as Record<`data-${string}`, string>}>
        <Button danger loading={busy} data-testid="action-withdraw_complaint" style={{ alignSelf: 'flex-start' }}>
          {label('complaintAction', 'withdraw_complaint')}
        </Button>
      </Popconfirm>
      {error && <Alert type="error" role="alert" showIcon title={error} data-testid="refusal" />}
    </Flex>
  );
}

/** The merchant's answer, or their appeal: text (note / reason) and evidence lines. */
function TextAndEvidence({ c, onChange, action }: { c: ComplaintDetail; onChange: (c: ComplaintDetail) => void; action: 'respond_complaint' | 'appeal' }) {
  const t = useT();
  const { send, busy, error } = useSend(c, onChange);
  const [form] = Form.useForm<{ text?: string; evidence?: EvidenceLine[] }>();
  const respond = action === 'respond_complaint';
  const field = respond ? t('gov.action.respondNote') : t('gov.action.appealReason');
  return (
    <ActionCard action={action} hint={respond ? t('gov.action.respondHint') : t('gov.action.appealHint')} error={error}>
      <Form
        form={form}
        name={action}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => {
          const evidence = evidencePayload(v.evidence);
          const text = v.text?.trim() ?? '';
          void send(action, respond ? { evidence, ...(text ? { note: text } : {}) } : { reason: text, evidence });
        }}
      >
        <Form.Item name="text" label={field} rules={respond ? [] : [{ required: true, whitespace: true, message: t('gov.action.required', { field }) }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount data-testid={`${action}-text`} />
        </Form.Item>
        <EvidenceLines testid={`${action}-evidence`} />
        <Button type="primary" htmlType="submit" loading={busy} data-testid={`${action}-submit`}>
          {t('common.submit')}
        </Button>
      </Form>
    </ActionCard>
  );
}

/** The platform's ruling on the complaint, or its decision on the appeal, with a note. */
function Decide({ c, onChange, action }: { c: ComplaintDetail; onChange: (c: ComplaintDetail) => void; action: 'rule_complaint' | 'rule_appeal' }) {
  const t = useT();
  const label = useLabel();
  const { send, busy, error } = useSend(c, onChange);
  const [form] = Form.useForm<{ outcome?: string; note?: string }>();
  const ruling = action === 'rule_complaint';
  const outcomes = ruling ? (['upheld', 'dismissed'] as const) : (['accepted', 'rejected'] as const);
  const group = ruling ? 'complaintOutcome' : 'appealOutcome';
  return (
    <ActionCard action={action} error={error}>
      <Form
        form={form}
        name={action}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => {
          const note = v.note?.trim();
          void send(action, { outcome: v.outcome, ...(note ? { note } : {}) });
        }}
      >
        <Form.Item name="outcome" label={ruling ? t('gov.action.outcome') : t('gov.action.appealOutcome')} rules={[{ required: true, message: t('gov.action.chooseOutcome') }]}>
          <Radio.Group data-testid={`${action}-outcome`} options={outcomes.map((o) => ({ value: o, label: label(group, o) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('gov.action.ruleNote')}>
          <Input.TextArea rows={2} maxLength={2000} data-testid={`${action}-note`} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid={`${action}-submit`}>
          {t('common.submit')}
        </Button>
      </Form>
    </ActionCard>
  );
}

export function ComplaintActions({ c, onChange }: { c: ComplaintDetail; onChange: (c: ComplaintDetail) => void }) {
  const has = (a: ComplaintAction) => c.actions.includes(a);
  if (!c.actions.length) return null;
  return (
    <Flex vertical gap={16} data-testid="complaint-actions">
      {has('respond_complaint') && <TextAndEvidence c={c} onChange={onChange} action="respond_complaint" />}
      {has('appeal') && <TextAndEvidence c={c} onChange={onChange} action="appeal" />}
      {has('rule_complaint') && <Decide c={c} onChange={onChange} action="rule_complaint" />}
      {has('rule_appeal') && <Decide c={c} onChange={onChange} action="rule_appeal" />}
      {has('withdraw_complaint') && <Withdraw c={c} onChange={onChange} />}
    </Flex>
  );
}
