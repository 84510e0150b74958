// Governance reads for the HTTP and CLI layers (SPEC §8). Each read that serves a caller takes its
// principal and answers only what `canSee` lets it see: a complaint its buyer, its shop and the
// platform; a shop's governance and deposit ledger the shop and the platform (never a buyer).
import type { ComplaintState } from '../../domain/complaint/types.ts';
import type { Refusal } from '../../domain/errors.ts';
import type { Policy } from '../../domain/policy.ts';
import { decideShop } from '../../domain/shop/decide.ts';
import { evolveShopAll } from '../../domain/shop/evolve.ts';
import type { ShopState } from '../../domain/shop/types.ts';
import type { Instant } from '../../domain/types.ts';
import { loadForCommand } from '../../store/event-store.ts';
import {
  complaintCounts,
  complaintStream,
  depositLedger,
  governanceStream,
  governedShops,
  loadComplaint,
  loadShopGovernance,
  queryComplaints,
  type LedgerRow,
} from '../../store/governance.ts';
import { listShops } from '../../store/shops.ts';
import { decodeDueCursor, encodeDueCursor } from '../cursor.ts';
import type { EngineCore } from '../engine-core.ts';
import { policyInForce } from '../in-force.ts';
import { canSee, type Principal } from '../principal.ts';


export interface ComplaintFilter {
  shop?: string;
  statuses?: string[];
  limit: number;
  cursor?: string;
}

export interface ComplaintDetailInputs {
  complaint: ComplaintState;
  policy: Policy | null;
  now: Instant;
  history: Awaited<ReturnType<typeof governanceStream>>;
}

export interface ShopGovernanceInputs {
  shop: ShopState;
  policy: Policy;
  now: Instant;
  complaints: Record<string, number>;
}

export function createGovernanceReads(core: EngineCore) {
  const { db, clock, shopNow, shopPolicy } = core;

  /** A complaint by id, whoever asks (the engine's own callers, scenarios, tests). */
  const getComplaint = async (complaintId: string) => (await loadComplaint(db, complaintId))?.state ?? null;

  /** The complaint, when the caller may see it. */
  async function complaintFor(p: Principal, complaintId: string): Promise<ComplaintState | null> {
    const c = await getComplaint(complaintId);
    return c && canSee(p, c) ? c : null;
  }

  /** Everything a complaint's detail shows; after a command, the state and policy it decided with. */
  async function complaintDetailInputs(p: Principal, c: ComplaintState, after?: { policy: Policy; at: Instant }): Promise<ComplaintDetailInputs | null> {
    if (!canSee(p, c)) return null;
    const { policy, now } = after ? { policy: after.policy, now: after.at } : await policyInForce(core, c.shopId, c.orderId);
    return { complaint: c, policy, now, history: await governanceStream(db, c.shopId, complaintStream(c.id)) };
  }

  /** Complaints the caller may see: nearest running deadline first, then filed time. */
  async function listComplaints(p: Principal, f: ComplaintFilter): Promise<{ complaints: ComplaintState[]; nextCursor: string | null } | Refusal> {
    let after: { due: string; filed: string; id: string } | undefined;
    if (f.cursor) {
      const c = decodeDueCursor(f.cursor);
      if ('ok' in c) return c;
      after = { due: c.due, filed: c.start, id: c.id };
    }
    const own = { shop: p.kind === 'shop' ? p.shopId : undefined, buyer: p.kind === 'buyer' ? p.buyerId : undefined };
    const page = await queryComplaints(db, { shops: [own.shop, f.shop], buyers: [own.buyer], statuses: f.statuses, limit: f.limit, after });
    return { complaints: page.rows, nextCursor: page.next ? encodeDueCursor(page.next.due, page.next.filed, page.next.id) : null };
  }

  /**
   * A shop's governance now, on its clock. A shop registered before governance existed has no
   * stream yet: it is shown as it will be registered (nothing is written by a read).
   */
  async function shopGovernance(shopId: string, at?: Instant): Promise<ShopGovernanceInputs | null> {
    const { shop } = await loadForCommand(db, shopId, '');
    if (!shop) return null;
    const now = at ?? shopNow(shop, clock.now());
    const policy = shopPolicy(shop, shopId, now);
    if ('ok' in policy) return null;
    let state = (await loadShopGovernance(db, shopId))?.state ?? null;
    if (!state) {
      const category = (await listShops(db, shopId))[0]?.category ?? null;
      const reg = decideShop({ kind: 'register_shop', shopId, category, actor: { role: 'system' } }, null, policy, now);
      if (!reg.ok) return null;
      state = evolveShopAll(null, reg.events)!;
    }
    return { shop: state, policy, now, complaints: await complaintCounts(db, shopId) };
  }

  /** The shop's governance, for the shop itself and the platform. */
  async function shopGovernanceFor(p: Principal, shopId: string): Promise<ShopGovernanceInputs | null> {
    if (p.kind === 'buyer' || !canSee(p, { shopId })) return null;
    return shopGovernance(shopId);
  }

  /** The deposit ledger, for the shop itself and the platform; null when not visible or no shop. */
  async function depositLedgerFor(p: Principal, shopId: string): Promise<LedgerRow[] | null> {
    if (p.kind === 'buyer' || !canSee(p, { shopId })) return null;
    if (!(await loadForCommand(db, shopId, '')).shop) return null;
    return depositLedger(db, shopId);
  }

  /** Every shop's governance state (demo, CLI). */
  const governedShopStates = () => governedShops(db);

  return { getComplaint, complaintFor, complaintDetailInputs, listComplaints, shopGovernance, shopGovernanceFor, depositLedgerFor, governedShopStates };
}
