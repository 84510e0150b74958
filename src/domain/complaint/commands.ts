// SPEC §8.1 complaint commands, named as in FORMAT.md (`complain`, `respond_complaint`, …). Every
// command carries its actor; time arrives as `now`.
import type { EvidenceInput } from '../commands.ts';
import type { Actor, Instant, Role } from '../types.ts';
import type { AppealOutcome, ComplaintDeadlineKind, ComplaintKind, ComplaintOutcome } from './types.ts';

export type ComplaintCommand = (
  | { kind: 'complain'; complaintKind: ComplaintKind; subKind: string; evidence?: EvidenceInput[]; note?: string }
  | { kind: 'withdraw_complaint' }
  | { kind: 'respond_complaint'; evidence: EvidenceInput[]; note?: string }
  | { kind: 'rule_complaint'; outcome: ComplaintOutcome; note?: string }
  | { kind: 'appeal'; reason: string; evidence: EvidenceInput[] }
  | { kind: 'rule_appeal'; outcome: AppealOutcome; note?: string }
  | { kind: 'fire_complaint_deadline'; deadline: ComplaintDeadlineKind; dueAt: Instant }
) & { complaintId: string; actor: Actor };

/** Who may send each command (SPEC §0 and §8.1; deadlines are fired by the engine). */
export const COMPLAINT_COMMAND_ROLES: Record<ComplaintCommand['kind'], readonly Role[]> = {
  complain: ['buyer'],
  withdraw_complaint: ['buyer'],
  respond_complaint: ['merchant'],
  rule_complaint: ['platform'],
  appeal: ['merchant'],
  rule_appeal: ['platform'],
  fire_complaint_deadline: ['system'],
};

/** The commands a party sends on an existing complaint (the API's `actions`). */
export const COMPLAINT_ACTIONS = ['withdraw_complaint', 'respond_complaint', 'rule_complaint', 'appeal', 'rule_appeal'] as const;
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number];
