// The caller's buttons on a case: exactly the commands the API lists in `actions` (it knows the
// role and the status, SPEC §4), each opening a form in a dialog. A refusal stays in the form,
// next to its submit button, in the API's own words.
import { Alert, App, Button, Flex, Form, Modal, Typography, type ButtonProps } from 'antd';
import { useEffect, useState } from 'react';
import { isoMinutes } from '../api.ts';
import { useLabel, useLang, useT } from '../i18n/index.tsx';
import type { CaseDetail } from '../../../src/contract/index.ts';
import { ACTION_SPECS, type ActionValues } from './action-forms.tsx';
import { refusalField } from './refusal-field.ts';

function ActionForm({ c, name, onDone, onCancel }: { c: CaseDetail; name: string; onDone: () => void; onCancel: () => void }) {
  const t = useT();
  const label = useLabel();
  const { message, modal } = App.useApp();
  const { lang } = useLang();
  const [form] = Form.useForm<ActionValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const spec = ACTION_SPECS[name]!;

  const submit = async (values: ActionValues) => {
    // Issue 16: an offer is confirmed with its amount in words before anything is sent.
    const question = spec.confirm?.(c, values, { t, label, lang });
    if (question) {
      const ok = await modal.confirm({ title: label('action', name), content: <span data-testid="confirm-words">{question}</span>, okText: t('common.ok'), cancelText: t('common.cancel'), okButtonProps: { 'data-testid': 'confirm-ok' } as ButtonProps });
      if (!ok) return;
    }
    setBusy(true);
    setError(null);
    try {
      await spec.run(c, values, t);
      message.success(t('case.done', { action: label('action', name) }));
      onDone();
    } catch (e) {
      // The API's message is already plain words in the caller's language; the code is for machines.
      // About one field of this form: under that field; otherwise by the submit button.
      const said = e instanceof Error ? e.message : String(e);
      const field = refusalField(e);
      if (field && form.getFieldInstance(field)) form.setFields([{ name: field as keyof ActionValues, errors: [said] }]);
      else setError(said);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" initialValues={spec.initial?.(c)} onFinish={submit} data-testid={`form-${name}`}>
      {spec.fields ? spec.fields({ c, t, label }) : <Typography.Paragraph>{t('case.form.confirm', { action: label('action', name), id: c.id })}</Typography.Paragraph>}
      {error && <Alert type="error" showIcon role="alert" data-testid="refusal" title={error} style={{ marginBottom: 16 }} />}
      <Flex gap={8} justify="flex-end" wrap>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
        <Button type="primary" danger={spec.danger} htmlType="submit" loading={busy} data-testid="action-submit">
          {label('action', name)}
        </Button>
      </Flex>
    </Form>
  );
}

/** The commands that move a case forward, in the order the console prefers them. */
const FORWARD = ['agree', 'accept_offer', 'ship_return', 'receive_return', 'reship', 'confirm_receipt', 'rule'];

export function ActionPanel({ c, onDone, initial }: { c: CaseDetail; onDone: () => void; initial?: string | null }) {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  // `initial`: the dialog the queue asked for (its `a` key opens the case with agree), if allowed.
  const [open, setOpen] = useState<string | null>(() => (initial && c.actions.includes(initial as never) ? initial : null));
  // Issue 16: the case changed under an open dialog (another tab, the other party, a deadline) and
  // its command is no longer allowed: close it and say so, rather than let it be refused.
  useEffect(() => {
    if (open && !c.actions.includes(open as never)) {
      setOpen(null);
      message.warning(t('wd.live.gone', { action: label('action', open) }));
    }
  }, [c.actions, open, message, t, label]);
  // Only commands this console has a form for; the API's list is the authority on what is allowed.
  const actions = c.actions.filter((a) => a in ACTION_SPECS);
  // The filled button is the step that moves the case on, never cancel or escalate.
  const main = actions.find((a) => FORWARD.includes(a));
  if (actions.length === 0) return <Typography.Text type="secondary">{t('case.noActions')}</Typography.Text>;
  return (
    <>
      <Flex gap={8} wrap data-testid="actions">
        {actions.map((a) => (
          <Button key={a} type={a === main ? 'primary' : 'default'} danger={ACTION_SPECS[a]!.danger} data-testid={`action-${a}`} onClick={() => setOpen(a)}>
            {label('action', a)}
          </Button>
        ))}
      </Flex>
      {c.escalate_from && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }} data-testid="escalate-from">
          {t('case.escalateFrom', { time: isoMinutes(c.escalate_from) })}
        </Typography.Paragraph>
      )}
      <Modal open={open !== null} title={open ? `${label('action', open)} · ${c.id}` : ''} footer={null} onCancel={() => setOpen(null)} destroyOnHidden>
        {open && (
          <ActionForm
            c={c}
            name={open}
            onCancel={() => setOpen(null)}
            onDone={() => {
              setOpen(null);
              onDone();
            }}
          />
        )}
      </Modal>
    </>
  );
}
