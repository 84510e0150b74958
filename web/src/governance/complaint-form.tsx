// The buyer's complaint against the shop of an order (SPEC §8.1): the kind and sub-kind in words,
// a note and evidence lines; filed, it opens the complaint's page. A refusal (outside the window,
// a second complaint of the same kind) is the API's own words, under the button.
import { Alert, App, Button, Form, Input, Radio, Select } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, ApiError } from '../api.ts';
import { useLabel, useT } from '../i18n/index.tsx';
import { EvidenceLines } from './evidence-lines.tsx';
import { evidencePayload } from './rules.ts';
import { COMPLAINT_KINDS, COMPLAINT_SUB_KINDS, type ComplaintDetail, type ComplaintKind, type EvidenceLine } from './types.ts';

interface Values {
  kind?: ComplaintKind;
  sub_kind?: string;
  note?: string;
  evidence?: EvidenceLine[];
}

export function ComplaintForm({ shop, order }: { shop: string; order: string }) {
  const t = useT();
  const label = useLabel();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const evidence = evidencePayload(v.evidence);
      const note = v.note?.trim();
      const made = await api<ComplaintDetail>(`/v1/shops/${encodeURIComponent(shop)}/orders/${encodeURIComponent(order)}/complaints`, {
        body: { kind: v.kind, sub_kind: v.sub_kind, ...(evidence.length ? { evidence } : {}), ...(note ? { note } : {}) },
      });
      message.success(t('gov.complain.done'));
      void navigate(`/complaints/${encodeURIComponent(made.id)}`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} name="complaint" layout="vertical" onFinish={(v) => void submit(v)} data-testid="complaint-form" requiredMark={false}>
      <Alert type="info" showIcon title={t('gov.complain.hint')} style={{ marginBottom: 16 }} />
      <Form.Item name="kind" label={t('gov.complain.kind')} rules={[{ required: true, message: t('common.choose', { field: t('gov.complain.kind') }) }]}>
        <Radio.Group
          data-testid="complaint-kind"
          aria-label={t('gov.complain.kind')}
          onChange={() => form.setFieldValue('sub_kind', undefined)}
          options={COMPLAINT_KINDS.map((k) => ({ value: k, label: label('complaintKind', k) }))}
        />
      </Form.Item>
      <Form.Item name="sub_kind" label={t('gov.complain.subKind')} rules={[{ required: true, message: t('common.choose', { field: t('gov.complain.subKind') }) }]}>
        <Select
          data-testid="complaint-sub-kind"
          aria-label={t('gov.complain.subKind')}
          disabled={!kind}
          placeholder={kind ? t('gov.complain.subKindPlaceholder') : t('gov.complain.subKindFirst')}
          options={(kind ? COMPLAINT_SUB_KINDS[kind] : []).map((s) => ({ value: s, label: label('complaintSub', s) }))}
        />
      </Form.Item>
      <Form.Item name="note" label={t('gov.complain.note')}>
        <Input.TextArea data-testid="complaint-note" rows={3} maxLength={2000} showCount placeholder={t('gov.complain.notePlaceholder')} />
      </Form.Item>
      <EvidenceLines testid="complaint-evidence" />
      {error && <Alert type="error" role="alert" showIcon title={error} data-testid="refusal" style={{ marginBottom: 12 }} />}
      <Button type="primary" htmlType="submit" loading={busy} data-testid="complaint-submit" block>
        {t('gov.complain.submit')}
      </Button>
    </Form>
  );
}
