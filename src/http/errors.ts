// SPEC §11 errors over HTTP: `{"error": {"code", "message", "details"}}` with the status each
// code means, the message in zh-CN or English by Accept-Language.
import type { ErrorCode, Refusal } from '../domain/errors.ts';

export const STATUS: Record<ErrorCode, number> = {
  validation: 400,
  not_found: 404,
  unauthenticated: 401,
  forbidden: 403,
  invalid_state: 409,
  not_eligible: 422,
  window_expired: 422,
  too_early: 422,
  amount_exceeds_refundable: 422,
  evidence_required: 422,
  duplicate_case: 409,
  conflict: 409,
  policy_violation: 422,
  rate_limited: 429,
  idempotency_mismatch: 422,
};

/** zh-CN unless the caller prefers English (the console is Chinese first). */
export function language(acceptLanguage: string | undefined): 'zh' | 'en' {
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}

export function errorBody(r: Refusal, lang: 'zh' | 'en') {
  return { error: { code: r.code, message: r.message[lang], details: r.details } };
}
