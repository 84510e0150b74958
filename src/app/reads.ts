// The engine's reads for the HTTP and CLI layers. Each one that serves a caller takes the caller's
// principal and answers only what `canSee` lets it see (null: "no such thing", never a hint that
// it exists elsewhere).
import type { CaseState, OrderState } from '../domain/state.ts';
import type { Policy } from '../domain/policy.ts';
import type { Instant } from '../domain/types.ts';
import { caseById, casesOfOrder } from '../store/case-reads.ts';
import { evidenceFileTypes, listEvidenceFiles, readEvidenceFile, storeEvidenceFile, type EvidenceFileInput } from '../store/evidence-files.ts';
import { loadForCommand, loadOrder } from '../store/event-store.ts';
import { streamEvents } from '../store/history.ts';
import { shopNames } from '../store/shops.ts';
import type { DecidedState } from './command-types.ts';
import type { EngineCore } from './engine-core.ts';
import { createLists } from './lists.ts';
import { canSee, type Principal } from './principal.ts';
import { eligibilityPreview } from '../domain/preview.ts';

/** What a case's detail is made of: the case, its order, the policy and instant on the shop's clock, the history, the files. */
export interface CaseDetailInputs {
  case: CaseState;
  order: OrderState;
  policy: Policy | null;
  now: Instant;
  /** Null when not asked for (a command's answer without ?expand=timeline). */
  history: Awaited<ReturnType<typeof streamEvents>> | null;
  fileTypes: Map<string, string>;
}

export function createReads(core: EngineCore) {
  const { db, clock, shopNow, shopPolicy } = core;

  /** A case by id (of one shop, when given), whoever asks: for the engine's own callers and tests. */
  const getCase = (caseId: string, shopId?: string) => caseById(db, caseId, shopId);

  /** The case, when the caller may see it. */
  async function caseFor(p: Principal, caseId: string): Promise<CaseState | null> {
    // A shop key sees its own shop's cases only: look there alone (one shard on Citus).
    const c = await caseById(db, caseId, p.kind === 'shop' ? p.shopId : undefined);
    return c && canSee(p, c) ? c : null;
  }

  /** The order, when the caller may see it. */
  async function orderFor(p: Principal, shopId: string, orderId: string): Promise<OrderState | null> {
    const o = (await loadOrder(db, shopId, orderId))?.ctx.order ?? null;
    return o && canSee(p, o) ? o : null;
  }

  /** The order with its cases (the buyer portal's order page), when the caller may see it. */
  async function orderWithCases(p: Principal, shopId: string, orderId: string): Promise<{ order: OrderState; cases: CaseState[]; shopName: string | null } | null> {
    const order = await orderFor(p, shopId, orderId);
    return order ? { order, cases: await casesOfOrder(db, order.shopId, order.id), shopName: (await shopNames(db, [order.shopId])).get(order.shopId) ?? null } : null;
  }

  /** A case's history, oldest first. */
  const caseHistory = (caseId: string) => streamEvents(db, `case:${caseId}`);

  /**
   * Everything a case detail shows, for a case the caller has seen (`c`, from `caseFor`). After a
   * command the order as the command left it (`after`) is used, so the case is not read again.
   */
  async function caseDetailInputs(p: Principal, c: CaseState, after?: DecidedState, opts: { timeline?: boolean } = {}): Promise<CaseDetailInputs | null> {
    if (!canSee(p, c)) return null;
    let order: OrderState | null;
    let current: CaseState | undefined;
    let policy: Policy | null;
    let now: Instant;
    if (after) {
      order = after.ctx.order;
      current = after.ctx.cases[c.id];
      policy = after.policy;
      now = after.at;
    } else {
      const { shop, order: loaded } = await loadForCommand(db, c.shopId, c.orderId);
      order = loaded?.ctx.order ?? null;
      current = loaded?.ctx.cases[c.id];
      now = shopNow(shop, clock.now());
      const inForce = shopPolicy(shop, c.shopId, now);
      policy = 'ok' in inForce ? null : inForce;
    }
    if (!order || !current) return null;
    // Issue 18: a command's answer reads nothing more unless asked for the timeline, or the case
    // names uploaded files (their links and types live beside the events).
    const history = opts.timeline === false ? null : await caseHistory(c.id);
    const fileTypes = current.evidence.some((e) => e.sha256) ? await evidenceFileTypes(db, c.shopId, c.id) : new Map<string, string>();
    return { case: current, order, policy, now, history, fileTypes };
  }

  /** What the buyer may apply for on the order now, on the shop's clock (SPEC §3); null when not visible. */
  async function eligibility(p: Principal, shopId: string, orderId: string) {
    const { shop, order } = await loadForCommand(db, shopId, orderId);
    if (!order?.ctx.order || !canSee(p, order.ctx.order)) return null;
    const now = shopNow(shop, clock.now());
    const policy = shopPolicy(shop, shopId, now);
    if ('ok' in policy) return null;
    return eligibilityPreview(order.ctx, policy, now);
  }

  /** Stores an evidence file for a case (by content hash; the same file again is a no-op). */
  const storeEvidence = (f: EvidenceFileInput) => storeEvidenceFile(db, f, clock.now());

  /** A case's evidence files, when the caller may see the case. */
  async function evidenceFiles(p: Principal, caseId: string) {
    const c = await caseFor(p, caseId);
    return c ? { case: c, files: await listEvidenceFiles(db, c.shopId, c.id) } : null;
  }

  /** One evidence file with its content; `case` null when the case is not visible, `file` null when it has no such file. */
  async function evidenceFile(p: Principal, caseId: string, sha256: string) {
    const c = await caseFor(p, caseId);
    return { case: c, file: c ? await readEvidenceFile(db, c.shopId, c.id, sha256) : null };
  }

  return { getCase, caseFor, orderFor, orderWithCases, caseHistory, caseDetailInputs, eligibility, storeEvidence, evidenceFiles, evidenceFile, ...createLists(core) };
}
