// Claim reads for the HTTP and CLI layers (SPEC §13). Each read that serves a caller takes its
// principal and answers only what `canSee` lets it see: a claim its buyer, its shop and the platform.
import type { ClaimState } from '../../domain/claim/types.ts';
import type { Refusal } from '../../domain/errors.ts';
import type { Policy } from '../../domain/policy.ts';
import type { Instant } from '../../domain/types.ts';
import { claimHistory, claimLedger, loadClaim, queryClaims, type ClaimLedgerRow } from '../../store/claims.ts';
import { decodeDueCursor, encodeDueCursor } from '../cursor.ts';
import type { EngineCore } from '../engine-core.ts';
import { policyInForce } from '../in-force.ts';
import { canSee, type Principal } from '../principal.ts';

export interface ClaimFilter {
  shop?: string;
  kinds?: string[];
  statuses?: string[];
  limit: number;
  cursor?: string;
}

export interface ClaimDetailInputs {
  claim: ClaimState;
  policy: Policy | null;
  now: Instant;
  ledger: ClaimLedgerRow[];
  history: Awaited<ReturnType<typeof claimHistory>>;
}

export function createClaimReads(core: EngineCore) {
  const { db } = core;

  /** A claim by id, whoever asks (the engine's own callers, scenarios, tests). */
  const getClaim = async (claimId: string) => (await loadClaim(db, claimId))?.state ?? null;

  /** The claim, when the caller may see it. */
  async function claimFor(p: Principal, claimId: string): Promise<ClaimState | null> {
    const c = await getClaim(claimId);
    return c && canSee(p, c) ? c : null;
  }

  /** The ledger rows a claim wrote (SPEC §6 double entries). */
  const claimLedgerRows = (c: ClaimState) => claimLedger(db, c.shopId, c.id);

  /** Everything a claim's detail shows; after a command, the policy and instant it was decided with. */
  async function claimDetailInputs(p: Principal, c: ClaimState, after?: { policy: Policy; at: Instant }): Promise<ClaimDetailInputs | null> {
    if (!canSee(p, c)) return null;
    const { policy, now } = after ? { policy: after.policy, now: after.at } : await policyInForce(core, c.shopId, c.orderId);
    return { claim: c, policy, now, ledger: await claimLedgerRows(c), history: await claimHistory(db, c.shopId, c.id) };
  }

  /** Claims the caller may see: nearest running deadline first, then filed time. */
  async function listClaims(p: Principal, f: ClaimFilter): Promise<{ claims: ClaimState[]; nextCursor: string | null } | Refusal> {
    let after: { due: string; filed: string; id: string } | undefined;
    if (f.cursor) {
      const c = decodeDueCursor(f.cursor);
      if ('ok' in c) return c;
      after = { due: c.due, filed: c.start, id: c.id };
    }
    // A shop sees its own claims only (a `shop` filter naming another finds none), a buyer theirs.
    if (p.kind === 'shop' && f.shop !== undefined && f.shop !== p.shopId) return { claims: [], nextCursor: null };
    const shop = p.kind === 'shop' ? p.shopId : f.shop;
    const buyer = p.kind === 'buyer' ? p.buyerId : undefined;
    const page = await queryClaims(db, { shop, buyer, kinds: f.kinds, statuses: f.statuses, limit: f.limit, after });
    return { claims: page.rows, nextCursor: page.next ? encodeDueCursor(page.next.due, page.next.filed, page.next.id) : null };
  }

  return { getClaim, claimFor, claimLedgerRows, claimDetailInputs, listClaims };
}
