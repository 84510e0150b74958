// The application (SPEC §3): a remedy the order allows now, the goods and units, the amount, a
// note and photos or videos. The case must exist before a file can be uploaded to it, so the files
// are named by their SHA-256 in the application (a quality or damage claim needs its photo WITH
// the application) and uploaded right after; the server then only stores them.
import { currencySymbol } from '../market.ts';
import { Alert, Button, Checkbox, Form, Input, InputNumber, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, sha256Hex, uploadEvidence } from '../api.ts';
import { checkFiles } from '../case/file-check.ts';
import { refusalField } from '../case/refusal-field.ts';
import { useLabel, useLang } from '../i18n/index.tsx';
import type { CaseDetail, EligibilityOption, OrderDetail } from '../../../src/contract/index.ts';
import type { Choice } from './eligibility-list.tsx';
import { localTime } from './format.ts';
import { allUnits, claimedLines, LinePicker, type LineChoice } from './line-picker.tsx';
import { MediaPicker, type PickedMedia } from './media-picker.tsx';

interface Values {
  type?: string;
  reason?: string;
  lines: LineChoice;
  amount?: number | null;
  intact?: boolean;
  note?: string;
  media?: PickedMedia[];
}

/** Types that refund money: only they take an amount (SPEC §5). */
const REFUND_TYPES = ['refund_only', 'return_refund'];
/** Reasons that need a photo or video with the application (SPEC §3). */
const NEEDS_PHOTO = ['damaged', 'quality_issue', 'not_as_described', 'wrong_or_missing_item'];
/** 7-day no-reason returns need the goods declared intact (SPEC §3). */
const isNoReason = (type?: string, reason?: string) => reason === 'no_reason_7d' || (reason === 'size_or_color' && type === 'return_refund');

export function ApplyForm({ order, options, choice }: { order: OrderDetail; options: EligibilityOption[]; choice: (Choice & { at: number }) | null }) {
  const { t, lang } = useLang();
  const label = useLabel();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<{ message: string; caseId?: string } | null>(null);
  const type = Form.useWatch('type', form);
  const reason = Form.useWatch('reason', form);
  const media = Form.useWatch('media', form) as PickedMedia[] | undefined;
  // The warning stands until a photo or video is attached; then the ordinary hint.
  const mediaMissing = !!reason && NEEDS_PHOTO.includes(reason) && !(media ?? []).length;

  const open = options.filter((o) => o.eligible);
  const types = [...new Set(open.map((o) => o.type))];
  const reasons = open.filter((o) => o.type === type);
  const chosen = reasons.find((o) => o.reason === reason);

  // Choosing an open option in the list fills the form in.
  useEffect(() => {
    if (choice) form.setFieldsValue({ type: choice.type, reason: choice.reason });
  }, [choice, form]);

  const onValuesChange = (changed: Partial<Values>) => {
    if (!('type' in changed)) return;
    // A reason of the previous type does not carry over; a type with one reason takes it.
    const fits = open.filter((o) => o.type === changed.type);
    if (!fits.some((o) => o.reason === form.getFieldValue('reason'))) form.setFieldValue('reason', fits.length === 1 ? fits[0]!.reason : undefined);
  };

  const submit = async (v: Values) => {
    setRefusal(null);
    setBusy(true);
    let created: string | null = null;
    try {
      // A file the upload would refuse stops the application here, before any case exists.
      await checkFiles((v.media ?? []).map((m) => m.file), t);
      const media = await Promise.all((v.media ?? []).map(async (m) => ({ ...m, sha256: await sha256Hex(m.file) })));
      const lines = claimedLines(order.lines, v.lines);
      const body = {
        type: v.type,
        reason: v.reason,
        ...(lines ? { lines } : {}),
        // Empty: the full refundable amount (SPEC §5). Money is integer fen.
        ...(v.amount != null && REFUND_TYPES.includes(v.type ?? '') ? { amount: Math.round(v.amount * 100) } : {}),
        ...(isNoReason(v.type, v.reason) ? { intact: v.intact === true } : {}),
        // Without WebCrypto the kind alone is declared, and the upload records the item.
        ...(media.length ? { evidence: media.map((m) => (m.sha256 ? { kind: m.kind, sha256: m.sha256 } : { kind: m.kind })) } : {}),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      };
      const c = await api<CaseDetail>(`/v1/shops/${encodeURIComponent(order.shop)}/orders/${encodeURIComponent(order.id)}/cases`, { body });
      created = c.id;
      for (const m of media) await uploadEvidence(c.id, m.file, m.kind);
      navigate(`/cases/${encodeURIComponent(c.id)}`);
    } catch (e) {
      // The API's message as it is: it already says why in the reader's language.
      const message = e instanceof Error ? e.message : String(e);
      // A refusal about one field (an amount above the most refundable) shows under that field.
      const named = refusalField(e);
      const field = named === 'evidence' ? 'media' : named;
      if (!created && field && form.getFieldInstance(field)) form.setFields([{ name: field as keyof Values, errors: [message] }]);
      else setRefusal(created ? { message: t('buyer.apply.uploadFailed', { message }), caseId: created } : { message });
    } finally {
      setBusy(false);
    }
  };

  if (types.length === 0) return <Alert type="info" showIcon message={t('buyer.apply.nothingOpen')} data-testid="apply-none" />;
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      data-testid="apply-form"
      initialValues={{ lines: allUnits(order.lines), media: [] }}
      onValuesChange={onValuesChange}
      onFinish={submit}
      requiredMark="optional"
    >
      <Form.Item label={t('common.type')} name="type" rules={[{ required: true, message: t('buyer.apply.typeRequired') }]}>
        <Select data-testid="apply-type" placeholder={t('buyer.apply.typePlaceholder')} options={types.map((x) => ({ value: x, label: label('type', x) }))} />
      </Form.Item>
      <Form.Item
        label={t('common.reason')}
        name="reason"
        rules={[{ required: true, message: t('buyer.apply.reasonRequired') }]}
        extra={chosen?.until ? t('buyer.elig.until', { time: localTime(chosen.until, lang) }) : undefined}
      >
        <Select
          data-testid="apply-reason"
          disabled={!type}
          placeholder={type ? t('buyer.apply.reasonPlaceholder') : t('buyer.apply.typeFirst')}
          options={reasons.map((o) => ({ value: o.reason, label: label('reason', o.reason) }))}
        />
      </Form.Item>
      {reason !== 'shipping_fee_refund' && (
        <Form.Item
          label={t('buyer.apply.lines')}
          name="lines"
          required
          rules={[{ validator: (_, v: LineChoice) => (Object.values(v ?? {}).some((n) => n > 0) ? Promise.resolve() : Promise.reject(new Error(t('buyer.apply.linesRequired')))) }]}
        >
          <LinePicker lines={order.lines} />
        </Form.Item>
      )}
      {(!type || REFUND_TYPES.includes(type)) && (
        <Form.Item label={t('buyer.apply.amount')} name="amount" extra={t('buyer.apply.amountHint')}>
          <InputNumber data-testid="apply-amount" prefix={currencySymbol(order.currency)} min={0.01} precision={2} step={1} placeholder={t('buyer.apply.amountAll')} style={{ width: '100%', maxWidth: 240 }} />
        </Form.Item>
      )}
      {isNoReason(type, reason) && (
        <Form.Item
          name="intact"
          valuePropName="checked"
          rules={[{ validator: (_, v: boolean) => (v ? Promise.resolve() : Promise.reject(new Error(t('buyer.apply.intactRequired')))) }]}
        >
          <Checkbox data-testid="apply-intact">{t('buyer.apply.intact')}</Checkbox>
        </Form.Item>
      )}
      <Form.Item
        label={t('buyer.apply.media')}
        name="media"
        required={!!reason && NEEDS_PHOTO.includes(reason)}
        extra={
          mediaMissing ? (
            <Typography.Text type="warning">{t('buyer.apply.mediaNeeded', { reason: label('reason', reason) })}</Typography.Text>
          ) : (
            t('buyer.apply.mediaHint')
          )
        }
      >
        <MediaPicker />
      </Form.Item>
      <Form.Item label={t('buyer.apply.note')} name="note">
        <Input.TextArea data-testid="apply-note" rows={3} maxLength={2000} showCount placeholder={t('buyer.apply.notePlaceholder')} />
      </Form.Item>
      {refusal && (
        <Alert
          type="error"
          role="alert"
          showIcon
          data-testid="refusal"
          message={refusal.message}
          description={refusal.caseId ? <Link to={`/cases/${encodeURIComponent(refusal.caseId)}`}>{t('buyer.apply.openCase', { id: refusal.caseId })}</Link> : undefined}
          style={{ marginBottom: 16 }}
        />
      )}
      <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="apply-submit">
        {t('buyer.apply.submit')}
      </Button>
    </Form>
  );
}
