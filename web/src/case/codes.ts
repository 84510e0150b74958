// SPEC codes the console's forms offer as choices (the same lists as src/domain/types.ts, which the
// web build cannot import). Their words come from the `status.`/`type.`/… labels in i18n/common.ts.
import { yuan } from '../api.ts';

export const CASE_STATUSES = [
  'requested',
  'offer_pending',
  'rejected',
  'awaiting_return',
  'return_in_transit',
  'awaiting_reship',
  'reship_in_transit',
  'refunding',
  'in_arbitration',
  'completed',
  'closed',
] as const;
/** The terminal statuses (SPEC §4): nothing is left to do on these. */
export const DONE_STATUSES: readonly string[] = ['completed', 'closed'];
export const CASE_TYPES = ['refund_only', 'return_refund', 'exchange', 'repair', 'reship'] as const;
/** What a merchant may offer instead (SPEC §4 `offer`). */
export const OFFER_TYPES = ['refund_only', 'return_refund', 'exchange', 'reship'] as const;
/** Types where agreeing sends the goods back, so the buyer needs a return address (SPEC §4 `agree`). */
export const RETURN_TYPES: readonly string[] = ['return_refund', 'exchange', 'repair'];
export const REASONS = [
  'out_of_stock',
  'late_shipment',
  'wrong_order_info',
  'no_longer_needed',
  'not_received',
  'damaged',
  'wrong_or_missing_item',
  'counterfeit',
  'not_as_described',
  'quality_issue',
  'no_reason_7d',
  'size_or_color',
  'invoice_issue',
  'shipping_fee_refund',
  'needs_repair',
] as const;
export const PHASES = ['in_sale', 'after_sale'] as const;
export const EVIDENCE_KINDS = [
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
] as const;
/** Deadlines a case can run under (SPEC §4); each acts by itself when it falls due. */
export const CASE_DEADLINE_KINDS = [
  'merchant_response',
  'offer_reply',
  'buyer_after_reject',
  'buyer_return_shipment',
  'merchant_receipt',
  'merchant_reship',
  'buyer_confirm',
  'evidence',
] as const;
export const LIABILITIES = ['merchant', 'buyer', 'carrier', 'none'] as const;
export const RULING_OUTCOMES = ['buyer', 'seller', 'partial'] as const;
/** Files the API accepts as evidence (src/http/evidence-routes.ts ALLOWED_TYPES). */
export const EVIDENCE_ACCEPT = 'image/jpeg,image/png,image/gif,image/webp,video/mp4,video/quicktime,application/pdf';

/** Yuan as typed in a form → integer fen (SPEC §5: money is integer fen). */
export const toFen = (yuanValue: number | null | undefined): number | undefined =>
  yuanValue === null || yuanValue === undefined ? undefined : Math.round(yuanValue * 100);

/**
 * The kind a new file most likely is: a wanted kind its media type fits (an image is the photo of
 * "certificate + photo"), else the next one still wanted, else by its media type.
 */
export function guessKind(file: { type: string }, picked: readonly { kind: string }[], wanted: readonly string[]): string {
  const byType = file.type.startsWith('video/') ? 'video' : file.type.startsWith('image/') ? 'photo' : 'other';
  const given = (k: string) => picked.some((p) => p.kind === k);
  if (wanted.includes(byType) && !given(byType)) return byType;
  return wanted.find((k) => !given(k) && k !== 'photo' && k !== 'video') ?? byType;
}

/** A merchant's offer in words: its remedy, its money when it has any, and its note. */
export function offerInWords(offer: { type: string; amount: number; note: string | null }, label: (group: string, code: string) => string): string {
  return [label('type', offer.type), offer.amount > 0 ? yuan(offer.amount) : null, offer.note].filter(Boolean).join(' · ');
}
