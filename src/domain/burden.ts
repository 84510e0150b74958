// SPEC §7 burden of proof: who must show what, in which situation.
import { signInstant } from './eligibility.ts';
import type { CaseState, EvidenceRequest, OrderState } from './state.ts';
import type { CaseParty, EvidenceKind, EvidenceMode } from './types.ts';

/** The situations of SPEC §7's table in which a party bears the burden of proof. */
export const BURDEN_SITUATIONS = ['not_received_but_signed', 'counterfeit', 'defect_claim', 'refused_return'] as const;
export type BurdenSituation = (typeof BURDEN_SITUATIONS)[number];

export interface Burden {
  party: CaseParty;
  kinds: EvidenceKind[];
  mode: EvidenceMode;
  situation: BurdenSituation;
}

const RECEIPT_PROOF: EvidenceKind[] = ['delivery_receipt', 'chat_log', 'third_party_signing_certificate'];
const GENUINE_PROOF: EvidenceKind[] = ['invoice', 'brand_authorization', 'inspection_report', 'purchase_receipt', 'customs_declaration'];
const DEFECT_PROOF: EvidenceKind[] = ['photo', 'video'];
export const REFUSED_RETURN_PROOF: EvidenceKind[] = ['courier_rejection_certificate', 'photo'];

/** Every burden the table of SPEC §7 puts on a party of this case. */
export function burdensOf(c: CaseState, o: OrderState, tz: string): Burden[] {
  const out: Burden[] = [];
  if (c.reason === 'not_received' && signInstant(o, tz) !== null) {
    out.push({ party: 'merchant', kinds: RECEIPT_PROOF, mode: 'any', situation: 'not_received_but_signed' });
  }
  if (c.reason === 'counterfeit') out.push({ party: 'merchant', kinds: GENUINE_PROOF, mode: 'any', situation: 'counterfeit' });
  if (c.reason === 'damaged' || c.reason === 'quality_issue' || c.reason === 'not_as_described' || c.reason === 'wrong_or_missing_item') {
    out.push({ party: 'buyer', kinds: DEFECT_PROOF, mode: 'any', situation: 'defect_claim' });
  }
  if (c.returnRefused) out.push({ party: 'merchant', kinds: REFUSED_RETURN_PROOF, mode: 'all', situation: 'refused_return' });
  return out;
}

/** Whether `items` hold what a request (or burden) asks for. */
export function satisfies(items: readonly { kind: EvidenceKind }[], need: Pick<EvidenceRequest, 'kinds' | 'mode'>): boolean {
  return need.mode === 'all'
    ? need.kinds.every((k) => items.some((i) => i.kind === k))
    : items.some((i) => need.kinds.includes(i.kind));
}

/** The evidence a party has given on a case so far. */
export function evidenceOf(c: CaseState, party: 'buyer' | 'merchant') {
  return c.evidence.filter((e) => e.party === party);
}
