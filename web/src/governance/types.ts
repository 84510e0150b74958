// What the governance API answers (SPEC §8.1–§8.3), as agreed with the API: complaints, a shop's
// governance and its deposit ledger. The codes are the domain's own lists.
export { COMPLAINT_KINDS, COMPLAINT_STATUSES, COMPLAINT_SUB_KINDS, COMPLAINT_DEADLINE_KINDS } from '../../../src/domain/complaint/types.ts';
export type { ComplaintKind, ComplaintStatus, ComplaintSubKind } from '../../../src/domain/complaint/types.ts';
export { COMPLAINT_ACTIONS, type ComplaintAction } from '../../../src/domain/complaint/actions.ts';
export { SHOP_STATUSES } from '../../../src/domain/shop/types.ts';

export interface ComplaintRow {
  id: string;
  shop: string;
  order: string;
  buyer: string;
  kind: string;
  sub_kind: string;
  kind_label: string;
  sub_kind_label: string;
  status: string;
  status_label: string;
  points: number;
  merchant_silent: boolean;
  closed_reason: string | null;
  filed_at: string;
  deadline: { kind: string; due_at: string } | null;
}

export interface ComplaintEvidence {
  party: string;
  kind: string;
  description: string | null;
  at: string;
}

export interface ComplaintTimelineEntry {
  at: string;
  type: string;
  actor: { role: string; id?: string } | string;
  text: string;
}

export interface ComplaintDetail extends ComplaintRow {
  note: string | null;
  evidence: ComplaintEvidence[];
  response: { note: string | null; at: string } | null;
  ruling: { outcome: string; note: string | null; at: string } | null;
  appeal: { reason: string; at: string; outcome: string | null } | null;
  timeline: ComplaintTimelineEntry[];
  actions: string[];
}

export interface Threshold {
  points: number;
  sanction: string;
  days: number | null;
}

export interface Sanction {
  kind: string;
  threshold: number | null;
  from: string;
  until: string | null;
  ended_at: string | null;
}

export interface ShopGovernance {
  shop: string;
  year: number;
  points: number;
  thresholds: Threshold[];
  status: string;
  restricted_until: string | null;
  sanctions: Sanction[];
  deposit: { required: number; balance: number; shortfall: number; topup_due_at: string | null };
  open_complaints: number;
}

export interface LedgerEntry {
  at: string;
  kind: string;
  reason: string | null;
  amount: number;
  balance_after: number;
  ref: string | null;
}

/** An evidence item described in words (kind and what it shows): complaints take no files. */
export interface EvidenceLine {
  kind: string;
  description?: string;
}
