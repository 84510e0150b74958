// SPEC §11: every refusal is a returned value with a code, a message in zh-CN and English, and
// details naming the rule or field. Only bugs throw.

export const ERROR_CODES = [
  'validation',
  'not_found',
  // No valid credential (HTTP 401); `forbidden` is a known caller without the right (docs/decisions.md).
  'unauthenticated',
  'forbidden',
  'invalid_state',
  'not_eligible',
  'window_expired',
  'too_early',
  'amount_exceeds_refundable',
  'evidence_required',
  'duplicate_case',
  'conflict',
  'policy_violation',
  'rate_limited',
  'idempotency_mismatch',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface Refusal {
  ok: false;
  code: ErrorCode;
  message: { zh: string; en: string };
  /** `rule` names the SPEC rule or policy parameter; other keys name fields and values. */
  details: { rule: string } & Record<string, unknown>;
}

export function refuse(
  code: ErrorCode,
  rule: string,
  zh: string,
  en: string,
  details: Record<string, unknown> = {},
): Refusal {
  return { ok: false, code, message: { zh, en }, details: { rule, ...details } };
}

export function isRefusal(x: unknown): x is Refusal {
  return typeof x === 'object' && x !== null && (x as { ok?: unknown }).ok === false && 'code' in x;
}
