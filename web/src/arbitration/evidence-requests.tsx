// The platform's evidence requests on a case (SPEC §4, §7): who was asked for what and by when,
// whether it is the burden of proof (then an unanswered request rules against that party by
// itself), and a form to ask for more.
import { Alert, App, Button, Card, Divider, Form, InputNumber, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError, isoMinutes } from '../api.ts';
import { Countdown } from '../components/countdown.tsx';
import { useLabel, useT } from '../i18n/index.tsx';
import type { CaseDetail, EvidenceRequest } from '../../../src/contract/index.ts';
import { useKindsInWords } from './burden.tsx';
import './arbitration.css';

/** SPEC §7 evidence kinds (src/domain/types.ts EVIDENCE_KINDS). */
const EVIDENCE_KINDS = [
  'photo',
  'video',
  'chat_log',
  'shipping_receipt',
  'delivery_receipt',
  'third_party_signing_certificate',
  'invoice',
  'brand_authorization',
  'inspection_report',
  'purchase_receipt',
  'customs_declaration',
  'courier_rejection_certificate',
  'other',
];


function RequestItem({ r }: { r: EvidenceRequest }) {
  const t = useT();
  const label = useLabel();
  const kindsInWords = useKindsInWords();
  return (
    <li data-testid={`evidence-request-${r.id}`}>
      <Space orientation="vertical" size={4}>
        <Space wrap size={[4, 4]}>
          <Tag color={r.open ? (r.met ? 'success' : 'processing') : 'default'}>{t(r.open ? (r.met ? 'arb.requests.met' : 'arb.requests.open') : 'arb.requests.closed')}</Tag>
          {r.burden && <Tag color="red">{t('arb.burden.title')}</Tag>}
        </Space>
        <Typography.Text strong>{t('arb.requests.line', { party: label('party', r.party), mode: t(`arb.mode.${r.mode}`), kinds: kindsInWords(r.kinds) })}</Typography.Text>
        <Space wrap size={[8, 0]}>
          <Typography.Text>{t('arb.requests.due', { time: isoMinutes(r.due) })}</Typography.Text>
          {r.open && !r.met && <Countdown deadline={{ kind: 'evidence', due: r.due }} />}
        </Space>
        {r.burden && r.open && !r.met && <Typography.Text type="warning">{t('arb.requests.burden')}</Typography.Text>}
      </Space>
    </li>
  );
}

interface RequestValues {
  party: 'buyer' | 'merchant';
  kinds: string[];
  due: number;
}

function RequestForm({ c, onChange }: { c: CaseDetail; onChange: (c: CaseDetail) => void }) {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<RequestValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (v: RequestValues) => {
    setBusy(true);
    setError(null);
    try {
      const next = await api<CaseDetail>(`/v1/cases/${encodeURIComponent(c.id)}/request_evidence`, { body: { party: v.party, kinds: v.kinds, due_in_hours: v.due } });
      message.success(t('arb.request.done'));
      form.resetFields(['kinds']);
      onChange(next);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('arb.loadFailed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} name="arb-request" layout="vertical" onFinish={submit} initialValues={{ party: 'merchant', due: 72 }} data-testid="request-form" aria-label={t('arb.request.title')}>
      <Typography.Title level={5}>{t('arb.request.title')}</Typography.Title>
      <Form.Item label={t('arb.request.party')} name="party" rules={[{ required: true, message: t('common.choose', { field: t('arb.request.party') }) }]}>
        <Select
          data-testid="request-party"
          aria-label={t('arb.request.party')}
          options={(['buyer', 'merchant'] as const).map((p) => ({ value: p, label: label('party', p) }))}
        />
      </Form.Item>
      <Form.Item label={t('arb.request.kinds')} name="kinds" rules={[{ required: true, message: t('arb.request.kindsRequired') }]}>
        <Select
          mode="multiple"
          data-testid="request-kinds"
          aria-label={t('arb.request.kinds')}
          showSearch={{ optionFilterProp: 'label' }}
          options={EVIDENCE_KINDS.map((k) => ({ value: k, label: label('evidence', k) }))}
        />
      </Form.Item>
      {/* No `min` on the input: it would turn a typed 0 into 1 silently; the rule says why instead. */}
      <Form.Item
        label={t('arb.request.due')}
        name="due"
        rules={[
          { required: true, message: t('common.fill', { field: t('arb.request.due') }) },
          { type: 'number', min: 1, max: 24 * 90, message: t('arb.request.dueRange') },
        ]}
      >
        <InputNumber data-testid="request-due" aria-label={t('arb.request.due')} precision={0} style={{ width: 160 }} />
      </Form.Item>
      {error && <Alert type="error" role="alert" data-testid="refusal" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Button htmlType="submit" loading={busy} data-testid="request-submit">
        {t('arb.request.submit')}
      </Button>
    </Form>
  );
}

export function EvidenceRequests({ c, onChange }: { c: CaseDetail; onChange: (c: CaseDetail) => void }) {
  const t = useT();
  return (
    <Card size="small" title={t('arb.requests.title')} data-testid="evidence-requests">
      {c.evidence_requests.length === 0 ? (
        <Typography.Text type="secondary">{t('arb.requests.none')}</Typography.Text>
      ) : (
        <ul className="arb-list">
          {c.evidence_requests.map((r) => (
            <RequestItem key={r.id} r={r} />
          ))}
        </ul>
      )}
      {c.actions.includes('request_evidence') && (
        <>
          <Divider style={{ margin: '12px 0' }} />
          <RequestForm c={c} onChange={onChange} />
        </>
      )}
    </Card>
  );
}
