// Claim events: facts in the past tense, one stream per claim. Events that move a claim carry the
// status they move it to (`to`) and the money they move (`money`), so evolve and the store never
// re-derive a decision.
import type { Deadline } from '../state.ts';
import type { Currency, EvidenceItem, Fen, Instant } from '../types.ts';
import type { ClaimAppealOutcome, ClaimBasis, ClaimDeadlineKind, ClaimKind, ClaimMoney, ClaimOutcome, ClaimReason, ClaimStatus } from './types.ts';

interface OnClaim {
  at: Instant;
  claimId: string;
}

export type ClaimEvent =
  | (OnClaim & {
      type: 'ClaimFiled';
      kind: ClaimKind;
      orderId: string;
      shopId: string;
      buyerId: string;
      caseId: string | null;
      reason: ClaimReason;
      amount: Fen;
      currency: Currency;
      basis: ClaimBasis;
      evidence: EvidenceItem[];
      note: string | null;
      policyVersion: string;
      to: 'filed' | 'under_review';
    })
  | (OnClaim & { type: 'ClaimWithdrawn'; to: 'withdrawn' })
  | (OnClaim & {
      type: 'ClaimResponded';
      response: 'refund' | 'contest';
      evidence: EvidenceItem[];
      note: string | null;
      money: ClaimMoney | null;
      to: 'resolved_by_seller' | 'under_review';
    })
  /** SPEC §13: the seller let `seller_response` pass; the claim goes to the platform. */
  | (OnClaim & { type: 'ClaimResponseMissed'; sellerSilent: true; to: 'under_review' })
  | (OnClaim & { type: 'ClaimRuled'; outcome: ClaimOutcome; note: string | null; money: ClaimMoney | null; to: ClaimOutcome })
  | (OnClaim & { type: 'ClaimAppealed'; reason: string; evidence: EvidenceItem[]; to: 'appealed' })
  | (OnClaim & {
      type: 'ClaimAppealRuled';
      outcome: ClaimAppealOutcome;
      note: string | null;
      money: ClaimMoney | null;
      to: Extract<ClaimStatus, 'reversed' | 'granted_against_seller'>;
    })
  | (OnClaim & { type: 'ClaimDeadlineStarted'; deadline: Deadline<ClaimDeadlineKind> })
  | (OnClaim & { type: 'ClaimDeadlineExpired'; kind: ClaimDeadlineKind; dueAt: Instant });

export type ClaimEventType = ClaimEvent['type'];
