// Complaint events: facts in the past tense, one stream per complaint. Events that move a
// complaint carry the status they move it to (`to`), so evolve never re-derives a decision.
import type { Deadline } from '../state.ts';
import type { EvidenceItem, Instant } from '../types.ts';
import type {
  AppealOutcome,
  ComplaintClosedReason,
  ComplaintDeadlineKind,
  ComplaintKind,
  ComplaintOutcome,
  ComplaintStatus,
  ComplaintSubKind,
} from './types.ts';

interface OnComplaint {
  at: Instant;
  complaintId: string;
}

export type ComplaintEvent =
  | (OnComplaint & {
      type: 'ComplaintFiled';
      orderId: string;
      shopId: string;
      buyerId: string;
      kind: ComplaintKind;
      subKind: ComplaintSubKind;
      evidence: EvidenceItem[];
      note: string | null;
      policyVersion: string;
      to: 'filed';
    })
  | (OnComplaint & { type: 'ComplaintWithdrawn'; to: 'withdrawn' })
  | (OnComplaint & { type: 'ComplaintResponded'; evidence: EvidenceItem[]; note: string | null; to: 'under_review' })
  /** SPEC §8.1: the merchant let `complaint_response` pass; judged on the buyer's evidence alone. */
  | (OnComplaint & { type: 'ComplaintResponseMissed'; merchantSilent: true; to: 'under_review' })
  | (OnComplaint & {
      type: 'ComplaintRuled';
      outcome: ComplaintOutcome;
      by: 'platform' | 'system';
      /** Points the complaint counts from this instant (SPEC §8.1); 0 when dismissed. */
      points: number;
      closedReason: ComplaintClosedReason | null;
      note: string | null;
      to: ComplaintOutcome;
    })
  /** SPEC §8.1: the platform has not ruled `complaint_review` after review began (a reminder). */
  | (OnComplaint & { type: 'ComplaintReviewOverdue'; since: Instant; status: 'under_review' | 'appealed' })
  | (OnComplaint & { type: 'ComplaintAppealed'; reason: string; evidence: EvidenceItem[]; to: 'appealed' })
  | (OnComplaint & {
      type: 'AppealRuled';
      outcome: AppealOutcome;
      /** Points the complaint counts from this instant: 0 once reversed (SPEC §8.1). */
      points: number;
      note: string | null;
      to: Extract<ComplaintStatus, 'reversed' | 'upheld'>;
    })
  | (OnComplaint & { type: 'ComplaintDeadlineStarted'; deadline: Deadline<ComplaintDeadlineKind> })
  | (OnComplaint & { type: 'ComplaintDeadlineExpired'; kind: ComplaintDeadlineKind; dueAt: Instant });

export type ComplaintEventType = ComplaintEvent['type'];
