// SPEC §13 claim commands, named as the scenario steps name them (`atoz_claim`, `safet_claim`, …).
// Every command carries its actor; time arrives as `now`.
import type { EvidenceInput } from '../commands.ts';
import type { Actor, Fen, Instant } from '../types.ts';
import type { ClaimAppealOutcome, ClaimDeadlineKind, ClaimOutcome } from './types.ts';

export type ClaimCommand = (
  | { kind: 'atoz_claim'; reason: string; amount?: Fen; caseId?: string; evidence?: EvidenceInput[]; note?: string }
  | { kind: 'safet_claim'; reason: string; caseId: string; amount?: Fen; evidence: EvidenceInput[]; note?: string }
  | { kind: 'withdraw_claim' }
  | { kind: 'respond_claim'; response: 'refund' | 'contest'; evidence: EvidenceInput[]; note?: string }
  | { kind: 'rule_claim'; outcome: ClaimOutcome; note?: string }
  | { kind: 'appeal_claim'; reason: string; evidence: EvidenceInput[] }
  | { kind: 'rule_claim_appeal'; outcome: ClaimAppealOutcome; note?: string }
  | { kind: 'fire_claim_deadline'; deadline: ClaimDeadlineKind; dueAt: Instant }
) & { claimId: string; actor: Actor };

/** The commands sent on an existing claim (the API's `actions`), in the command table. */
export const CLAIM_ACTIONS = ['withdraw_claim', 'respond_claim', 'rule_claim', 'appeal_claim', 'rule_claim_appeal'] as const;
export type ClaimAction = (typeof CLAIM_ACTIONS)[number];
