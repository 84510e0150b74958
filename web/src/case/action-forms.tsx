// The fields each case command needs and how the form's values become its request body (the
// bodies of src/app/schemas.ts CASE_ARGS). Amounts are typed in yuan and sent in fen (SPEC §5).
import { currencySymbol } from '../market.ts';
import { Form, Input, InputNumber, Select, Typography } from 'antd';
import type { ReactNode } from 'react';
import { api, money } from '../api.ts';
import type { T } from '../i18n/index.tsx';
import type { CaseDetail } from '../../../src/contract/index.ts';
import { CARRIERS, CASE_TYPES, EVIDENCE_KINDS, LIABILITIES, REASONS, RULING_OUTCOMES, returnsGoods } from '../../../src/contract/enums.ts';
import { OFFER_TYPES, offerInWords, toFen } from './codes.ts';
import { lastReturnAddress, rememberReturnAddress } from './return-address.ts';
import { EvidencePicker, sendWithFiles, uploadPicked, type PickedFile } from './evidence-picker.tsx';
import { hasAtMostFen } from './amount-words.ts';
import { offerConfirmation, REFUND_OFFERS } from './offer-confirm.ts';
import { ReasonField } from './reason-presets.tsx';

export interface ActionValues {
  return_address?: string;
  reason?: string;
  files?: PickedFile[];
  type?: string;
  amount?: number | null;
  note?: string;
  carrier?: string;
  carrier_name?: string;
  tracking?: string;
  buyer_owes?: number | null;
  shipping_cost?: number | null;
  restocking_fee?: number | null;
  lost_shipping?: number | null;
  description?: string;
  party?: string;
  kinds?: string[];
  due_in_hours?: number | null;
  outcome?: string;
  liability?: string;
}

type Label = (group: string, code: string | null | undefined) => string;
interface Ctx {
  c: CaseDetail;
  t: T;
  label: Label;
}

export interface ActionSpec {
  /** The form's fields; none for a plain confirmation. */
  fields?: (ctx: Ctx) => ReactNode;
  initial?: (c: CaseDetail) => ActionValues;
  /**
   * Issue 16: what the user confirms before the command is sent (an offer's amount in words), or
   * null to send at once.
   */
  confirm?: (c: CaseDetail, v: ActionValues, ctx: { t: T; label: Label; lang: 'zh' | 'en' }) => string | null;
  /** Sends the command (uploading picked files first where the command names evidence). */
  run: (c: CaseDetail, v: ActionValues, t: T) => Promise<unknown>;
  danger?: boolean;
}

const send = (c: CaseDetail, name: string, body: object = {}) => api<CaseDetail>(`/v1/cases/${encodeURIComponent(c.id)}/${name}`, { body });
/** Drops empty optional fields: the API's schemas are strict about types, and "" is no answer. */
const clean = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== ''));
const opts = (label: Label, group: string, codes: readonly string[]) => codes.map((code) => ({ value: code, label: label(group, code) }));

function Text({ name, labelKey, t, required, testid, area }: { name: string; labelKey: string; t: T; required?: boolean; testid: string; area?: boolean }) {
  return (
    <Form.Item name={name} label={t(labelKey)} rules={required ? [{ required: true, whitespace: true, message: t('case.form.required') }] : []}>
      {area ? <Input.TextArea data-testid={testid} rows={3} maxLength={500} showCount /> : <Input data-testid={testid} maxLength={64} />}
    </Form.Item>
  );
}

function Yuan({ name, labelKey, t, required, testid, extra }: { name: string; labelKey: string; t: T; required?: boolean; testid: string; extra?: string }) {
  return (
    <Form.Item
      name={name}
      label={t(labelKey)}
      extra={extra}
      // Issue 16: no silent rounding — 12.345 is refused in words, never sent as ¥12.35.
      rules={[...(required ? [{ required: true, message: t('case.form.required') }] : []), { validator: async (_: unknown, v: unknown) => (hasAtMostFen(v as number) ? undefined : Promise.reject(new Error(t('wd.amount.fen')))) }]}
    >
      <InputNumber data-testid={testid} min={0} step={0.01} prefix={currencySymbol()} style={{ width: 200, maxWidth: '100%' }} />
    </Form.Item>
  );
}

function Choice({ name, labelKey, t, options, testid, multiple, required }: { name: string; labelKey: string; t: T; options: { value: string; label: string }[]; testid: string; multiple?: boolean; required?: boolean }) {
  return (
    <Form.Item name={name} label={t(labelKey)} rules={required ? [{ required: true, message: t('case.form.required') }] : []}>
      <Select data-testid={testid} options={options} mode={multiple ? 'multiple' : undefined} style={{ maxWidth: 340 }} />
    </Form.Item>
  );
}

/** What the merchant must attach here (SPEC §7), as a hint next to the files. */
function wantedHint({ t, label }: Ctx, kinds: string[], mode: 'any' | 'all') {
  if (kinds.length === 0) return null;
  const words = kinds.map((k) => label('evidence', k)).join(mode === 'all' ? ' + ' : ' / ');
  return <Typography.Paragraph type="secondary" data-testid="evidence-hint">{t(mode === 'all' ? 'case.form.needAll' : 'case.form.need', { kinds: words })}</Typography.Paragraph>;
}

/**
 * Carrier and tracking number (issue 15): the carrier from the list (typed or picked from the
 * browser's suggestions: codes, or 顺丰 / 圆通 … which the API understands), its name for OTHER.
 */
function parcelFields(t: T) {
  return (
    <>
      <Form.Item name="carrier" label={t('case.form.carrier')} extra={t('case.form.carrierHint')} rules={[{ required: true, whitespace: true, message: t('case.form.required') }]}>
        <Input data-testid="field-carrier" maxLength={64} list="carrier-codes" />
      </Form.Item>
      <datalist id="carrier-codes">
        {CARRIERS.map((code) => (
          <option key={code} value={code} />
        ))}
      </datalist>
      <Form.Item noStyle shouldUpdate={(a: ActionValues, b: ActionValues) => a.carrier !== b.carrier}>
        {({ getFieldValue }) =>
          /^(other|其他)/i.test(String(getFieldValue('carrier') ?? '').trim()) ? <Text name="carrier_name" labelKey="case.form.carrierName" t={t} required testid="field-carrier-name" /> : null
        }
      </Form.Item>
      <Text name="tracking" labelKey="case.form.tracking" t={t} required testid="field-tracking" />
    </>
  );
}
const parcelBody = (v: ActionValues) => {
  const carrier = v.carrier?.trim();
  return clean({ carrier: carrier && /^其他/.test(carrier) ? 'OTHER' : carrier, carrier_name: v.carrier_name?.trim(), tracking: v.tracking?.trim() });
};

/** Who pays the return leg and the merchant's cap, told to the buyer before shipping (issue 15). */
function returnTerms(c: CaseDetail, t: T) {
  const r = c.return_shipping;
  if (!r) return null;
  const words =
    r.payer === 'merchant'
      ? r.cap === null
        ? t('case.returnTerms.merchantNoCap')
        : t('case.returnTerms.merchant', { cap: money(r.cap) })
      : r.payer === 'insurer'
        ? t('case.returnTerms.insurer', { cap: money(r.cap ?? 0) })
        : t('case.returnTerms.buyer');
  return (
    <Typography.Paragraph type="secondary" data-testid="return-terms">
      {words}
    </Typography.Paragraph>
  );
}

const REFUSE_RETURN_KINDS = ['courier_rejection_certificate', 'photo'];
const merchantBurden = (c: CaseDetail) => c.burdens.find((b) => b.party === 'merchant' && !b.met);

function evidenceFields(ctx: Ctx, wanted: string[], mode: 'any' | 'all') {
  return (
    <>
      {wantedHint(ctx, wanted, mode)}
      <Form.Item name="files" label={ctx.t('case.form.files')}>
        <EvidencePicker wanted={mode === 'all' ? wanted : wanted.slice(0, 1)} />
      </Form.Item>
    </>
  );
}

export const ACTION_SPECS: Record<string, ActionSpec> = {
  agree: {
    // The buyer ships the goods back to this address, so a return cannot be agreed without one.
    initial: (c) => (returnsGoods(c.type) ? { return_address: lastReturnAddress() } : {}),
    fields: ({ c, t }) =>
      returnsGoods(c.type) ? (
        <Form.Item
          name="return_address"
          label={t('case.form.returnAddress')}
          extra={t('case.form.returnAddressHint')}
          rules={[{ required: true, whitespace: true, message: t('case.form.required') }]}
        >
          <Input.TextArea data-testid="field-return-address" rows={2} maxLength={500} />
        </Form.Item>
      ) : (
        <Typography.Paragraph>{t('case.form.confirmAgree')}</Typography.Paragraph>
      ),
    run: async (c, v) => {
      const out = await send(c, 'agree', clean({ return_address: v.return_address?.trim() }));
      rememberReturnAddress(v.return_address);
      return out;
    },
  },
  reject: {
    danger: true,
    fields: (ctx) => (
      <>
        <ReasonField shop={ctx.c.shop} action="reject" labelKey="case.form.rejectReason" t={ctx.t} />
        {evidenceFields(ctx, merchantBurden(ctx.c)?.kinds ?? [], merchantBurden(ctx.c)?.mode ?? 'any')}
      </>
    ),
    run: async (c, v, t) => {
      return sendWithFiles(c.id, v.files, t, (evidence) => send(c, 'reject', clean({ reason: v.reason?.trim(), evidence: evidence.length ? evidence : undefined })));
    },
  },
  offer: {
    initial: () => ({ type: 'refund_only' }),
    fields: ({ c, t, label }) => (
      <>
        <Choice name="type" labelKey="case.form.offerType" t={t} options={opts(label, 'type', OFFER_TYPES)} testid="field-offer-type" required />
        {/* Only refund offers carry money; exchange, repair and reship offers take none. */}
        <Form.Item noStyle shouldUpdate={(a: ActionValues, b: ActionValues) => a.type !== b.type}>
          {({ getFieldValue }) =>
            REFUND_OFFERS.includes(getFieldValue('type')) ? (
              <Yuan name="amount" labelKey="case.form.amount" t={t} required testid="field-amount" extra={t('case.form.maxRefund', { amount: money(c.money.refundable) })} />
            ) : getFieldValue('type') === 'exchange' ? (
              // SPEC §2 / seed 002: an exchange settles the price difference, one way or the other.
              <>
                <Yuan name="amount" labelKey="case.form.offerDifference" t={t} testid="field-amount" />
                <Yuan name="buyer_owes" labelKey="case.form.offerBuyerOwes" t={t} testid="field-buyer-owes" />
              </>
            ) : null
          }
        </Form.Item>
        <Text name="note" labelKey="case.form.note" t={t} testid="field-note" area />
      </>
    ),
    confirm: (c, v, ctx) => offerConfirmation(c, v, ctx),
    run: (c, v) =>
      send(
        c,
        'offer',
        clean({
          type: v.type,
          amount: REFUND_OFFERS.includes(v.type ?? '') || v.type === 'exchange' ? toFen(v.amount) || undefined : undefined,
          buyer_owes: v.type === 'exchange' ? toFen(v.buyer_owes) || undefined : undefined,
          note: v.note?.trim(),
        }),
      ),
  },
  withdraw_offer: {
    danger: true,
    fields: ({ t }) => <Typography.Paragraph>{t('case.form.confirmWithdraw')}</Typography.Paragraph>,
    run: (c) => send(c, 'withdraw_offer'),
  },
  modify: {
    initial: (c) => ({ type: c.type, reason: c.reason, amount: c.amount / 100 }),
    fields: ({ t, label }) => (
      <>
        <Choice name="type" labelKey="common.type" t={t} options={opts(label, 'type', CASE_TYPES)} testid="field-type" />
        <Choice name="reason" labelKey="common.reason" t={t} options={opts(label, 'reason', REASONS)} testid="field-reason" />
        <Yuan name="amount" labelKey="case.form.amount" t={t} testid="field-amount" />
        <Text name="note" labelKey="case.form.note" t={t} testid="field-note" area />
      </>
    ),
    run: (c, v) => send(c, 'modify', clean({ type: v.type, reason: v.reason, amount: toFen(v.amount), note: v.note?.trim() })),
  },
  accept_offer: {
    // The buyer agrees to exactly this, so the confirmation names it.
    fields: ({ c, t, label }) => (
      <>
        <Typography.Paragraph data-testid="offer-to-accept">
          {c.offer ? t('case.form.acceptOffer', { offer: offerInWords(c.offer, label) }) : null}
        </Typography.Paragraph>
        {/* SPEC §9 Precisions: a partial refund settles nothing else; what it pays is no longer refundable. */}
        {c.offer && REFUND_OFFERS.includes(c.offer.type) && c.offer.amount > 0 && c.offer.amount < c.money.refundable && (
          <Typography.Paragraph type="secondary">{t('case.form.acceptSettles')}</Typography.Paragraph>
        )}
      </>
    ),
    run: (c) => send(c, 'accept_offer'),
  },
  decline_offer: { danger: true, run: (c) => send(c, 'decline_offer') },
  cancel: { danger: true, run: (c) => send(c, 'cancel') },
  confirm_receipt: { run: (c) => send(c, 'confirm_receipt') },
  ship_return: {
    fields: ({ c, t }) => (
      <>
        <Typography.Paragraph data-testid="ship-to">
          {c.return_address ? t('case.form.shipTo', { address: c.return_address }) : t('case.form.noAddress')}
        </Typography.Paragraph>
        {returnTerms(c, t)}
        {parcelFields(t)}
        <Yuan name="shipping_cost" labelKey="case.form.shippingCost" t={t} testid="field-shipping-cost" />
      </>
    ),
    run: (c, v) => send(c, 'ship_return', { ...parcelBody(v), ...clean({ shipping_cost: toFen(v.shipping_cost) }) }),
  },
  correct_tracking: {
    fields: ({ c, t }) => (
      <>
        {c.return_shipment && (
          <Typography.Paragraph data-testid="current-parcel">
            {t('case.form.currentParcel', { parcel: `${c.return_shipment.carrier_name ?? c.return_shipment.carrier} ${c.return_shipment.tracking}` })}
          </Typography.Paragraph>
        )}
        {parcelFields(t)}
      </>
    ),
    run: (c, v) => send(c, 'correct_tracking', parcelBody(v)),
  },
  receive_return: {
    // SPEC §5: only a return the buyer is liable for may be deducted from.
    fields: ({ c, t }) =>
      c.liability === 'buyer' ? (
        <>
          <Typography.Paragraph type="secondary">{t('case.form.deductionsHint')}</Typography.Paragraph>
          <Yuan name="restocking_fee" labelKey="case.form.restockingFee" t={t} testid="field-restocking-fee" />
          <Yuan name="lost_shipping" labelKey="case.form.lostShipping" t={t} testid="field-lost-shipping" />
        </>
      ) : (
        <Typography.Paragraph>{t('case.form.noDeductions')}</Typography.Paragraph>
      ),
    run: (c, v) => {
      const deductions = [
        { kind: 'restocking_fee', amount: toFen(v.restocking_fee) },
        { kind: 'lost_shipping', amount: toFen(v.lost_shipping) },
      ].filter((d) => d.amount);
      return send(c, 'receive_return', deductions.length ? { deductions } : {});
    },
  },
  refuse_return: {
    danger: true,
    fields: (ctx) => (
      <>
        <ReasonField shop={ctx.c.shop} action="refuse_return" labelKey="case.form.refuseReason" t={ctx.t} />
        {evidenceFields(ctx, REFUSE_RETURN_KINDS, 'all')}
      </>
    ),
    run: async (c, v, t) => {
      return sendWithFiles(c.id, v.files, t, (evidence) => send(c, 'refuse_return', clean({ reason: v.reason?.trim(), evidence: evidence.length ? evidence : undefined })));
    },
  },
  reship: {
    fields: ({ t }) => parcelFields(t),
    run: (c, v) => send(c, 'reship', parcelBody(v)),
  },
  escalate: {
    // The platforms ask why (issue 15): the API refuses an escalation without a reason.
    fields: ({ t }) => <Text name="reason" labelKey="case.form.escalateReason" t={t} required testid="field-reason" area />,
    run: (c, v) => send(c, 'escalate', clean({ reason: v.reason?.trim() })),
  },
  submit_evidence: {
    fields: ({ t }) => (
      <>
        <Form.Item name="files" label={t('case.form.files')} extra={t('case.form.filesHint')}>
          <EvidencePicker />
        </Form.Item>
        <Text name="description" labelKey="case.form.description" t={t} testid="field-description" area />
      </>
    ),
    // Each upload is itself recorded as evidence; with no file, the items are declared in words.
    run: async (c, v, t) => {
      if (v.files?.length) return uploadPicked(c.id, v.files, t, v.description?.trim());
      // Nothing picked and nothing said is no evidence: not an empty "other" item on the record.
      if (!v.description?.trim()) throw new Error(t('case.form.evidenceEmpty'));
      return send(c, 'submit_evidence', { evidence: [clean({ kind: 'other', description: v.description?.trim() })] });
    },
  },
  request_evidence: {
    initial: (c) => ({ party: c.burdens[0]?.party ?? 'merchant', kinds: c.burdens[0]?.kinds ?? [], due_in_hours: 72 }),
    fields: ({ t, label }) => (
      <>
        <Choice name="party" labelKey="case.form.party" t={t} options={opts(label, 'party', ['buyer', 'merchant'])} testid="field-party" required />
        <Choice name="kinds" labelKey="case.form.kinds" t={t} options={opts(label, 'evidence', EVIDENCE_KINDS)} testid="field-kinds" multiple required />
        <Form.Item name="due_in_hours" label={t('case.form.dueInHours')}>
          <InputNumber data-testid="field-due-hours" min={1} max={24 * 90} precision={0} style={{ width: 200, maxWidth: '100%' }} />
        </Form.Item>
      </>
    ),
    run: (c, v) => send(c, 'request_evidence', clean({ party: v.party, kinds: v.kinds, due_in_hours: v.due_in_hours })),
  },
  rule: {
    initial: (c) => ({ outcome: 'buyer', liability: c.liability }),
    fields: ({ t, label }) => (
      <>
        <Choice name="outcome" labelKey="case.form.outcome" t={t} options={opts(label, 'outcome', RULING_OUTCOMES)} testid="field-outcome" required />
        <Choice name="liability" labelKey="case.form.liability" t={t} options={opts(label, 'liability', LIABILITIES)} testid="field-liability" />
        <Form.Item noStyle shouldUpdate={(a: ActionValues, b: ActionValues) => a.outcome !== b.outcome}>
          {({ getFieldValue }) =>
            getFieldValue('outcome') === 'partial' ? <Yuan name="amount" labelKey="case.form.ruledAmount" t={t} required testid="field-amount" /> : null
          }
        </Form.Item>
        <Text name="note" labelKey="arb.rule.note" t={t} required testid="field-note" area />
      </>
    ),
    // Submitting this form is the platform's confirmation (evidence still due is shown on the case).
    run: (c, v) => send(c, 'rule', clean({ outcome: v.outcome, liability: v.liability, amount: v.outcome === 'partial' ? toFen(v.amount) : undefined, note: v.note?.trim(), force: true })),
  },
};
