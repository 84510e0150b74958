// The application layer: every caller (CLI, simulator, later the HTTP server and workers) goes
// through here. It loads an order, resolves the policy in force, asks the pure decider, appends the
// events with optimistic concurrency, executes refunds and fires due deadlines.
import { createHash } from 'node:crypto';
import type { CaseCommand, Command, OrderCommand, OrderInput } from '../domain/commands.ts';
import { decide } from '../domain/decide.ts';
import { eligibilityPreview } from '../domain/preview.ts';
import { refuse, type Refusal } from '../domain/errors.ts';
import type { DomainEvent } from '../domain/events.ts';
import { evolveAll } from '../domain/evolve.ts';
import { checkOverrides, resolvePolicy, versionAt, type Policy } from '../domain/policy.ts';
import { parseOverrides } from '../domain/policy-schema.ts';
import { emptyContext, type CaseState, type OrderState } from '../domain/state.ts';
import type { Actor, Instant } from '../domain/types.ts';
import type { Database, Sql } from '../store/db.ts';
import {
  canonicalJson,
  ConflictError,
  loadForCommand,
  loadOrder,
  locateCase,
  type ShopRow,
} from '../store/event-store.ts';
import { iso } from '../store/time.ts';
import { appendDecisions } from '../store/append.ts';
import type { Clock } from './clock.ts';
import type { PackRegistry } from './packs.ts';
import type { PaymentProvider } from './payments.ts';
import { executeDueRefunds, type RefundReport } from './refund-executor.ts';
import { createFiring } from './firing.ts';

export interface EngineDeps {
  db: Database;
  packs: PackRegistry;
  clock: Clock;
  payments: PaymentProvider;
  /** Commands a caller (role + id) may send per shop per minute; unlimited when absent. */
  rateLimit?: { perMinute: number };
  /**
   * Execute a command's refunds right after it commits (embedded mode, simulations). When false,
   * workers execute them (`aftersale worker`); either way through the same executor.
   */
  inlineRefunds?: boolean;
}

export type Result = { ok: true; events: DomainEvent[]; version: number; replayed?: boolean } | Refusal;

export interface CommandOptions {
  /** Stripe-style: a repeat returns the first result; the same key with another command is refused. */
  idempotencyKey?: string;
  /** The case (or order) version the caller last saw; a different current version is a `conflict`. */
  expectedVersion?: number;
  /** Decision time; defaults to the clock. Deadline expiries use their due instant. */
  at?: Instant;
}

export interface ShopInput {
  id: string;
  category?: string;
  pack: string;
  overrides?: Record<string, unknown>;
}

const MAX_ATTEMPTS = 5;

/**
 * A unique violation that means another writer got there first (same event position, same new
 * order, same idempotency key). Any other one is a bug and is not retried into a `conflict`.
 */
export function isUniqueViolation(e: unknown): boolean {
  if (typeof e !== 'object' || e === null || (e as { code?: string }).code !== '23505') return false;
  const constraint = (e as { constraint?: string }).constraint;
  return constraint === undefined || /^(events_|orders_pkey|cases_pkey|idempotency_keys_pkey|rate_limits_pkey)/.test(constraint);
}

export type Engine = ReturnType<typeof createEngine>;

export function createEngine(deps: EngineDeps) {
  const { db, packs, clock, payments } = deps;

  /** A sandbox shop lives on its test clock; every other shop on the real one. */
  const shopNow = (shop: ShopRow | null, now: Instant): Instant => shop?.sandboxClock ?? now;

  /** The policy in force for a shop at an instant: its pack's version then, with its overrides. */
  function shopPolicy(shop: ShopRow | null, shopId: string, at: Instant): Policy | Refusal {
    if (!shop) return refuse('not_found', 'shop', `店铺 ${shopId} 不存在`, `no shop ${shopId}`, { shop: shopId });
    const pack = packs.get(shop.policy_pack);
    if (!pack) throw new Error(`shop ${shopId} names unknown pack ${shop.policy_pack}`);
    const overrides = parseOverrides(shop.overrides);
    if ('ok' in overrides) throw new Error(`shop ${shopId} has invalid stored overrides`);
    return resolvePolicy(pack, at, overrides);
  }

  /** Registers or updates a shop; overrides must move parameters towards the buyer (SPEC §9). */
  async function upsertShop(shop: ShopInput): Promise<{ ok: true } | Refusal> {
    const pack = packs.get(shop.pack);
    if (!pack) return refuse('validation', 'policy', `未知的政策包 ${shop.pack}`, `unknown policy pack ${shop.pack}`, { pack: shop.pack });
    const overrides = parseOverrides(shop.overrides ?? {});
    if ('ok' in overrides) return overrides;
    const bad = checkOverrides(versionAt(pack, clock.now()).params, overrides);
    if (bad) return bad;
    await db.query(
      `INSERT INTO shops (shop_id, category, policy_pack, overrides) VALUES ($1,$2,$3,$4)
       ON CONFLICT (shop_id) DO UPDATE SET category=EXCLUDED.category, policy_pack=EXCLUDED.policy_pack, overrides=EXCLUDED.overrides`,
      [shop.id, shop.category ?? 'general', shop.pack, JSON.stringify(shop.overrides ?? {})],
    );
    return { ok: true };
  }

  async function dispatch(shopId: string, orderId: string, cmd: Command, opts: CommandOptions = {}): Promise<Result> {
    const now = opts.at ?? clock.now();
    // Keys are scoped to the caller (role and id) within the shop, as Stripe scopes them per account.
    const idemKey = opts.idempotencyKey ? `${cmd.actor.role}:${cmd.actor.id ?? ''}:${opts.idempotencyKey}` : undefined;
    const requestHash = opts.idempotencyKey
      ? createHash('sha256').update(canonicalJson({ shopId, orderId, cmd })).digest('hex')
      : null;
    for (let attempt = 1; ; attempt++) {
      try {
        const outcome = await db.transaction(async (tx) => {
          if (opts.idempotencyKey) {
            const seen = await tx.query<{ request_hash: string; response: Result }>(
              'SELECT request_hash, response FROM idempotency_keys WHERE shop_id = $1 AND key = $2',
              [shopId, idemKey],
            );
            const row = seen.rows[0];
            if (row && row.request_hash !== requestHash) {
              return refuse('idempotency_mismatch', 'idempotency_key', '同一幂等键已用于另一个请求', 'this idempotency key was used for a different request', {
                key: opts.idempotencyKey,
              });
            }
            if (row) return { ...row.response, replayed: true } as Result;
          }
          const limited = await overLimit(tx, shopId, cmd.actor, now);
          if (limited) return limited;
          const result = await decideAndAppend(tx, shopId, orderId, cmd, now, opts);
          if (opts.idempotencyKey) {
            const stored = result.ok ? { ok: true, events: [], version: result.version } : result;
            await tx.query('INSERT INTO idempotency_keys (shop_id, key, request_hash, response, created_at) VALUES ($1,$2,$3,$4,$5)', [
              shopId,
              idemKey,
              requestHash,
              JSON.stringify(stored),
              iso(now),
            ]);
          }
          return result;
        });
        if (outcome.ok && !outcome.replayed) await executeRefunds(shopId, outcome.events);
        return outcome;
      } catch (e) {
        if (!(e instanceof ConflictError) && !isUniqueViolation(e)) throw e;
        // Someone else changed the order first: decide again on the fresh state, unless the
        // caller pinned the version it saw.
        if (opts.expectedVersion !== undefined || attempt >= MAX_ATTEMPTS) {
          return refuse('conflict', 'concurrent_change', '数据已被其他操作修改, 请刷新后重试', 'the order changed concurrently; reload and retry', {
            order: orderId,
          });
        }
      }
    }
  }

  /** Counts the command in its caller's one-minute window; the system is never limited. */
  async function overLimit(tx: Sql, shopId: string, actor: Actor, now: Instant): Promise<Refusal | null> {
    if (!deps.rateLimit || actor.role === 'system') return null;
    const windowStart = now - (now % 60_000);
    const r = await tx.query<{ count: number }>(
      `INSERT INTO rate_limits (shop_id, principal, window_start, count) VALUES ($1, $2, $3, 1)
       ON CONFLICT (shop_id, principal, window_start) DO UPDATE SET count = rate_limits.count + 1 RETURNING count`,
      [shopId, `${actor.role}:${actor.id ?? ''}`, iso(windowStart)],
    );
    const count = r.rows[0]!.count;
    if (count <= deps.rateLimit.perMinute) return null;
    return refuse('rate_limited', 'commands_per_minute', '操作过于频繁, 请稍后再试', 'too many commands: wait for the next minute', {
      limit: deps.rateLimit.perMinute,
      retry_at: windowStart + 60_000,
    });
  }

  async function decideAndAppend(tx: Sql, shopId: string, orderId: string, cmd: Command, now: Instant, opts: CommandOptions): Promise<Result> {
    const { shop, order: loaded } = await loadForCommand(tx, shopId, orderId);
    // Case ids name a case everywhere (the APIs address cases by id alone).
    if (cmd.kind === 'apply' && !loaded?.ctx.cases[cmd.caseId] && (await locateCase(tx, cmd.caseId))) {
      return refuse('validation', 'case_id', `售后单号 ${cmd.caseId} 已被使用`, `case id ${cmd.caseId} is taken`, { field: 'case' });
    }
    if (opts.expectedVersion !== undefined && loaded) {
      const current = 'caseId' in cmd && loaded.ctx.cases[cmd.caseId] ? loaded.ctx.cases[cmd.caseId]!.version : loaded.version;
      if (current !== opts.expectedVersion) {
        return refuse('conflict', 'expected_version', '数据已被修改, 请刷新后重试', `expected version ${opts.expectedVersion} but it is ${current}`, {
          expected: opts.expectedVersion,
          current,
        });
      }
    }
    // A sandbox shop lives on its test clock (unless the caller fixed the instant, e.g. a deadline).
    const at = opts.at === undefined ? shopNow(shop, now) : now;
    const policy = shopPolicy(shop, shopId, at);
    if ('ok' in policy) return policy;
    const ctx = loaded?.ctx ?? emptyContext();
    const decision = decide(cmd, ctx, policy, at);
    if (!decision.ok) return decision;
    if (decision.events.length === 0) return { ok: true, events: [], version: loaded?.version ?? 0 };
    const next = evolveAll(ctx, decision.events);
    const [version] = await appendDecisions(tx, [{ loaded, next, events: decision.events, actor: cmd.actor }], clock.now());
    return { ok: true, events: decision.events, version: version! };
  }

  /** The provider's answer comes back as a system command on the order. */
  const report: RefundReport = (shopId, orderId, cmd, at) => dispatch(shopId, orderId, cmd, { at });

  async function executeRefunds(shopId: string, events: readonly DomainEvent[]): Promise<void> {
    if (deps.inlineRefunds === false) return;
    for (const e of events) {
      if (e.type !== 'RefundRequested') continue;
      try {
        // At the decision's own instant (a sandbox's test clock, or a deadline's due time).
        await executeDueRefunds(db, payments, report, e.at, { only: { shopId, refundId: e.plan.refundId } });
      } catch {
        // The command committed; its refund row stays pending and a worker executes it later.
      }
    }
  }

  async function placeOrder(order: OrderInput, actor: Actor, opts: CommandOptions = {}): Promise<Result> {
    return dispatch(order.shop, order.id, { kind: 'place_order', order, actor }, opts);
  }

  async function orderCommand(shopId: string, orderId: string, cmd: OrderCommand, actor: Actor, opts: CommandOptions = {}) {
    return dispatch(shopId, orderId, { ...cmd, actor } as Command, opts);
  }

  /** A case command. `apply` names its order; the others find it from the case. */
  async function caseCommand(
    cmd: CaseCommand,
    actor: Actor,
    opts: CommandOptions & { shopId?: string; orderId?: string } = {},
  ): Promise<Result> {
    let target: { shopId: string; orderId: string } | null;
    if (cmd.kind === 'apply') {
      target = opts.shopId && opts.orderId ? { shopId: opts.shopId, orderId: opts.orderId } : null;
      if (!target) return refuse('validation', 'order', '申请售后需指定订单', 'apply needs the order', { field: 'order' });
    } else {
      target = await locateCase(db, cmd.caseId, opts.shopId);
      if (!target) return refuse('not_found', 'case', '售后单不存在', 'no such case', { case: cmd.caseId });
    }
    return dispatch(target.shopId, target.orderId, { ...cmd, actor } as Command, opts);
  }

  const firing = createFiring({ db, clock, dispatch, shopPolicy, upsertShop, afterCommit: executeRefunds });


  async function getOrder(shopId: string, orderId: string): Promise<OrderState | null> {
    return (await loadOrder(db, shopId, orderId))?.ctx.order ?? null;
  }

  /** What the buyer of an order may apply for now, and why not (SPEC §3). */
  async function preview(shopId: string, orderId: string, at: Instant = clock.now()) {
    const { shop, order } = await loadForCommand(db, shopId, orderId);
    if (!order) return null;
    const policy = shopPolicy(shop, shopId, at);
    if ('ok' in policy) return null;
    return eligibilityPreview(order.ctx, policy, at);
  }

  /** An order with its shop's policy in force now, on the shop's clock (one read of both). */
  async function orderInForce(shopId: string, orderId: string): Promise<{ order: OrderState | null; policy: Policy | null; now: Instant }> {
    const { shop, order } = await loadForCommand(db, shopId, orderId);
    const now = shopNow(shop, clock.now());
    const policy = shopPolicy(shop, shopId, now);
    return { order: order?.ctx.order ?? null, policy: 'ok' in policy ? null : policy, now };
  }

  async function getCase(caseId: string, shopId?: string): Promise<CaseState | null> {
    const r = shopId
      ? await db.query<{ state: CaseState }>('SELECT state FROM cases WHERE shop_id = $1 AND case_id = $2', [shopId, caseId])
      : await db.query<{ state: CaseState }>('SELECT state FROM cases WHERE case_id = $1', [caseId]);
    return r.rows[0]?.state ?? null;
  }

  async function caseHistory(caseId: string) {
    const r = await db.query<{ stream_version: number; type: string; data: DomainEvent; actor: Actor; occurred_at: Date; hash: string; prev_hash: string | null }>(
      `SELECT stream_version, type, data, actor, occurred_at, hash, prev_hash FROM events WHERE stream_id = $1 ORDER BY stream_version`,
      [`case:${caseId}`],
    );
    return r.rows;
  }

  /** Refunds that are due (first tries and retries), as a worker runs them. */
  const runRefunds = (now: Instant, limit?: number) => executeDueRefunds(db, payments, report, now, { limit });

  return { db, clock, runRefunds, preview, upsertShop, placeOrder, orderCommand, caseCommand, ...firing, getOrder, orderInForce, getCase, caseHistory };
}
