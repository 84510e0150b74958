// Helpers of the console's case forms. The SPEC codes they offer come from the API's contract
// (src/contract/enums.ts); their words from the `status.`/`type.`/… labels in i18n/common.ts.
import { ALLOWED_TYPES, type CaseType } from '../../../src/contract/enums.ts';
import { money } from '../api.ts';

/** What a merchant offers instead in the console's offer form (SPEC §4 `offer`). */
export const OFFER_TYPES = ['refund_only', 'return_refund', 'exchange', 'reship'] as const satisfies readonly CaseType[];
/** The files the evidence picker offers: every type the API accepts (judged by content there). */
export const EVIDENCE_ACCEPT = ALLOWED_TYPES.join(',');

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
export function offerInWords(offer: { type: string; amount: number; buyer_owes?: number; note: string | null }, label: (group: string, code: string) => string): string {
  return [label('type', offer.type), offer.amount > 0 ? money(offer.amount) : null, offer.buyer_owes ? `+${money(offer.buyer_owes)}` : null, offer.note].filter(Boolean).join(' · ');
}
