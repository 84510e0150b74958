// Shapes of the API's answers the console reads (see /openapi.json and src/http/*).
export type Principal = { kind: 'platform' } | { kind: 'shop'; shop: string } | { kind: 'buyer'; buyer: string };

export interface CaseSummary {
  id: string;
  order: string;
  shop: string;
  buyer: string;
  status: string;
  type: string;
  reason: string;
  phase: string;
  amount: number;
  refunded: number;
  return_shipping_payer: string;
  return_shipping_reimbursed: number;
  liability: string;
  closed_reason: string | null;
  deadline: { kind: string; due: string } | null;
  version: number;
  applied_at: string;
}

export interface EvidenceItem {
  kind: string;
  description: string | null;
  sha256: string | null;
  party: 'buyer' | 'merchant' | 'platform';
  at: string;
  url: string | null;
  content_type: string | null;
}

export interface EvidenceRequest {
  id: string;
  party: 'buyer' | 'merchant';
  kinds: string[];
  mode: 'any' | 'all';
  due: string;
  burden: boolean;
  open: boolean;
  /** What the party gave already meets it. */
  met: boolean;
}

export interface Burden {
  party: 'buyer' | 'merchant';
  kinds: string[];
  mode: 'any' | 'all';
  situation: string;
  met: boolean;
}

export interface TimelineEntry {
  version: number;
  at: string;
  type: string;
  actor: { role: string; id?: string };
  /** The entry in words, in both languages (src/app/timeline.ts). */
  zh: string;
  en: string;
}

export interface CaseDetail extends CaseSummary {
  money: {
    amount: number;
    goods: number;
    shipping_fee: number;
    /** The most this case can refund (SPEC §5). */
    refundable: number;
    return_shipping_payer: string;
    return_shipping_reimbursed: number;
    insurer_claim: number;
    deductions: number;
    refunded: number;
    refund_pending: number | null;
    refund_due_at: string | null;
    order_compensation: number;
  };
  actions: string[];
  /** When escalation opens, while it is not yet allowed (SPEC §4 escalation_after). */
  escalate_from: string | null;
  timeline: TimelineEntry[];
  lines: { line: string; sku: string; title: string | null; quantity: number; share: number }[];
  note: string | null;
  offer: { type: string; amount: number; note: string | null } | null;
  evidence: EvidenceItem[];
  evidence_requests: EvidenceRequest[];
  burdens: Burden[];
  return_address: string | null;
  return_shipment: { carrier: string; tracking: string; shipping_cost: number; at: string } | null;
  replacement: { carrier: string; tracking: string; at: string } | null;
  ruling: { outcome: string; liability: string; amount: number | null; by: string } | null;
  escalated: boolean;
}

export interface OrderLine {
  id: string;
  sku: string;
  title: string | null;
  category: string;
  quantity: number;
  paid_amount: number;
  flags: string[];
}

export interface OrderDetail {
  id: string;
  shop: string;
  buyer: string;
  status: string;
  auto_confirm_at: string | null;
  refunded: number;
  compensation: number;
  placed_at: string;
  paid_at: string | null;
  shipped_at: string | null;
  carrier: string | null;
  tracking: string | null;
  signed_at: string | null;
  shipping_fee: number;
  lines: OrderLine[];
  cases: { id: string; status: string; type: string }[];
}

export interface EligibilityOption {
  type: string;
  reason: string;
  eligible: boolean;
  until: string | null;
  refusal: { code: string; message: string; details: Record<string, unknown> } | null;
}

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}
