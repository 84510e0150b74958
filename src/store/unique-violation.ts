// A unique violation is how PostgreSQL says another writer got there first. It lives in the store
// (the only layer that speaks SQL), so the engine and the deadline firing both ask it here.

/**
 * A unique violation that means another writer got there first (same event position, same new
 * order, same idempotency key). Any other one is a bug and is not retried into a `conflict`.
 */
export function isUniqueViolation(e: unknown): boolean {
  if (typeof e !== 'object' || e === null || (e as { code?: string }).code !== '23505') return false;
  const constraint = (e as { constraint?: string }).constraint;
  return constraint === undefined || /^(events_|orders_pkey|cases_pkey|idempotency_keys_pkey|rate_limits_pkey|governance_events_pkey|complaints_pkey|shop_governance_pkey|deposit_ledger_pkey|tickets_pkey|carrier_claims_pkey)/.test(constraint);
}
