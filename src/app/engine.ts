// The application layer: every caller (CLI, simulator, HTTP server, workers) goes through here and
// only here — the engine is the only door to the store. It loads an order, resolves the policy in
// force, asks the pure decider, appends the events with optimistic concurrency, executes refunds
// and fires due deadlines; its reads (src/app/reads.ts) and administration (src/app/admin.ts)
// answer the HTTP and CLI layers, each read applying the caller's tenancy (src/app/principal.ts).
import { createHash } from 'node:crypto';
import type { CaseCommand, Command, OrderCommand, OrderInput } from '../domain/commands.ts';
import { decide } from '../domain/decide.ts';
import { eligibilityPreview } from '../domain/preview.ts';
import { refuse, type Refusal } from '../domain/errors.ts';
import type { DomainEvent } from '../domain/events.ts';
import { evolveAll } from '../domain/evolve.ts';
import { checkOverrides, versionAt, type Policy } from '../domain/policy.ts';
import { parseOverrides } from '../domain/policy-schema.ts';
import { emptyContext, type OrderState } from '../domain/state.ts';
import type { Actor, Instant } from '../domain/types.ts';
import { appendDecisions } from '../store/append.ts';
import type { Database, Sql } from '../store/db.ts';
import { canonicalJson, ConflictError, loadForCommand, loadOrder, locateCase } from '../store/event-store.ts';
import { findIdempotent, rememberIdempotent } from '../store/idempotency.ts';
import { countInWindow } from '../store/rate-limits.ts';
import { listShops, upsertShopRow } from '../store/shops.ts';
import { isUniqueViolation } from '../store/unique-violation.ts';
import { createAdmin } from './admin.ts';
import type { WebhookSettings } from './webhook-url.ts';
import type { Clock } from './clock.ts';
import type { CommandOptions, Result, ShopInput } from './command-types.ts';
import { engineCore } from './engine-core.ts';
import { createFiring } from './firing.ts';
import type { PackRegistry } from './packs.ts';
import type { PaymentProvider } from './payments.ts';
import { simulatedLabelProvider, type LabelProvider } from './return-labels.ts';
import { createReads } from './reads.ts';
import { createReasonPresets } from './reason-presets.ts';
import { createDossier } from './dossier/dossier.ts';
import { executeDueRefunds, type RefundReport } from './refund-executor.ts';
import { createGovernance } from './governance/engine.ts';
import { createDesk } from './desk/engine.ts';
import { caseNotifications } from './desk/case-notify.ts';
import { createDeskReads } from './desk/reads.ts';
import { createGovernanceReads } from './governance/reads.ts';
import { createClaims } from './claims/engine.ts';
import { createClaimReads } from './claims/reads.ts';
import { automationInputs, caseSignalRows } from './automation/upkeep.ts';
import { createAutomation } from './automation/engine.ts';
import { createBacktest } from './automation/backtest.ts';
import { createMetrics } from './metrics/index.ts';
import { withCaseMetrics } from './metrics/record.ts';

export type { CommandOptions, Result, ShopInput } from './command-types.ts';

export interface EngineDeps {
  db: Database;
  packs: PackRegistry;
  clock: Clock;
  payments: PaymentProvider;
  /** SPEC §13: where prepaid return labels come from (default: the built-in `simulated` provider). */
  labels?: LabelProvider;
  /** Commands a caller (role + id) may send per shop per minute; unlimited when absent. */
  rateLimit?: { perMinute: number };
  /**
   * Execute a command's refunds right after it commits (embedded mode, simulations). When false,
   * workers execute them (`aftersale worker`); either way through the same executor.
   */
  inlineRefunds?: boolean;
  /** Webhook URL rules (default: https, public addresses only) and the secrets' key (issue 19). */
  webhooks?: WebhookSettings;
  /** false: no automation rules and no buyer-risk upkeep (the benchmark measures what they cost). */
  automation?: boolean;
  /**
   * Write the metric facts and rollups with each command (SPEC §8.4). Always on, except in
   * `npm run bench:metrics`, which measures what they cost the command path.
   */
  metricRollups?: boolean;
}

const MAX_ATTEMPTS = 5;

export type Engine = ReturnType<typeof createEngine>;

export function createEngine(deps: EngineDeps) {
  const { db, packs, clock, payments } = deps;
  const labels = deps.labels ?? simulatedLabelProvider();
  const core = engineCore(db, packs, clock, deps.webhooks);
  const { shopNow, shopPolicy } = core;
  const governance = createGovernance(core);
  const metrics = createMetrics(core, governance);

  /** Registers or updates a shop; overrides must move parameters towards the buyer (SPEC §9). */
  async function upsertShop(shop: ShopInput): Promise<{ ok: true } | Refusal> {
    const pack = packs.get(shop.pack);
    if (!pack) return refuse('validation', 'policy', `未知的政策包 ${shop.pack}`, `unknown policy pack ${shop.pack}`, { pack: shop.pack });
    const overrides = parseOverrides(shop.overrides ?? {});
    if ('ok' in overrides) return overrides;
    const bad = checkOverrides(versionAt(pack, clock.now()).params, overrides);
    if (bad) return bad;
    // SPEC §13: a shop's amounts are in one currency for its whole life: a pack of another currency is refused.
    const had = (await listShops(db, shop.id))[0];
    if (had && had.currency !== pack.currency) {
      return refuse('validation', 'currency', `店铺 ${shop.id} 以 ${had.currency} 结算, 不能改用以 ${pack.currency} 结算的政策包 ${shop.pack}`, `shop ${shop.id} trades in ${had.currency}; it cannot move to pack ${shop.pack}, which trades in ${pack.currency}`, { shop: shop.id, currency: had.currency, pack_currency: pack.currency });
    }
    await upsertShopRow(db, { id: shop.id, category: shop.category ?? 'general', pack: shop.pack, currency: pack.currency, overrides: shop.overrides ?? {}, returnAddress: shop.returnAddress, name: shop.name });
    // SPEC §8.5: a pack with a governance period has its next period end scheduled.
    await metrics.ensureCycle(shop.pack);
    // SPEC §13: a pack with seller performance targets reviews its shops daily.
    await metrics.ensureReview(shop.pack);
    // SPEC §8: every shop has a governance stream (points, sanctions, the deposit) from the start.
    return governance.registerShop({
      id: shop.id,
      category: shop.category ?? 'general',
      ...(shop.depositRequired !== undefined ? { depositRequired: shop.depositRequired } : {}),
      ...(shop.deposit !== undefined ? { deposit: shop.deposit } : {}),
    });
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
          if (idemKey) {
            const row = await findIdempotent<Result>(tx, shopId, idemKey);
            if (row && row.requestHash !== requestHash) {
              return refuse('idempotency_mismatch', 'idempotency_key', '同一幂等键已用于另一个请求', 'this idempotency key was used for a different request', {
                key: opts.idempotencyKey,
              });
            }
            if (row) return { ...row.response, replayed: true } as Result;
          }
          const limited = await overLimit(tx, shopId, cmd.actor, now);
          if (limited) return limited;
          const result = await decideAndAppend(tx, shopId, orderId, cmd, now, opts);
          if (idemKey) {
            const stored = result.ok ? { ok: true, events: [], version: result.version } : result;
            await rememberIdempotent(tx, shopId, idemKey, requestHash, stored, now);
          }
          return result;
        });
        if (outcome.ok && !outcome.replayed && (await executeRefunds(shopId, outcome.events))) {
          // A refund paid inline moved the order on since: the state as decided is no longer it.
          const { state: _stale, ...rest } = outcome;
          return rest;
        }
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
    const count = await countInWindow(tx, shopId, `${actor.role}:${actor.id ?? ''}`, windowStart);
    if (count <= deps.rateLimit.perMinute) return null;
    return refuse('rate_limited', 'commands_per_minute', '操作过于频繁, 请稍后再试', 'too many commands: wait for the next minute', {
      limit: deps.rateLimit.perMinute,
      retry_at: windowStart + 60_000,
    });
  }

  async function decideAndAppend(tx: Sql, shopId: string, orderId: string, given: Command, now: Instant, opts: CommandOptions): Promise<Result> {
    const { shop, order: loaded } = await loadForCommand(tx, shopId, orderId);
    // An agree that names no return address takes the shop's default one, when the shop set one
    // (SPEC §4: the merchant names where goods go back when agreeing).
    // The system's agree when the merchant lets the deadline pass records it too.
    const fills = (given.kind === 'agree' || given.kind === 'fire_case_deadline') && !given.returnAddress && shop?.returnAddress;
    const cmd: Command = fills ? { ...given, returnAddress: shop.returnAddress! } : given;
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
    // SPEC §8.2: a closed shop takes no new orders; every right on existing orders goes on.
    if (cmd.kind === 'place_order' && !loaded) {
      const closed = await governance.closedShopRefusal(tx, shopId, at);
      if (closed) return closed;
    }
    const ctx = loaded?.ctx ?? emptyContext();
    // SPEC §10.2: the shop's rules and the buyer's band are inputs of an application's decision.
    const automation =
      (cmd.kind === 'apply' || cmd.kind === 'modify') && ctx.order && deps.automation !== false
        ? await automationInputs(tx, shopId, ctx.order.buyerId, at, shop?.returnAddress ?? null)
        : undefined;
    // SPEC §13: a return the platform may authorize needs its prepaid label as data before deciding
    // (the provider answers the same label for the same case; unused when the seller decides).
    const labelled =
      cmd.kind === 'apply' && ctx.order && policy.params.platform_authorized_returns && cmd.args.type === 'return_refund'
        ? { ...cmd, label: await labels.label({ shopId, orderId, caseId: cmd.caseId }) }
        : cmd;
    const decision = decide(labelled, ctx, policy, at, automation);
    if (!decision.ok) return decision;
    const state = (next: typeof ctx) => (opts.withState ? { state: { ctx: next, policy, at } } : {});
    if (decision.events.length === 0) return { ok: true, events: [], version: loaded?.version ?? 0, ...state(ctx) };
    const next = evolveAll(ctx, decision.events);
    // SPEC §8.4: the metric facts and rollups of these events go in with them (one statement), and
    // so do the buyer's risk signals they give (SPEC §10.4) and the notifications they cause (§10.5).
    const decided = {
      loaded,
      next,
      events: decision.events,
      actor: cmd.actor,
      signals: deps.automation !== false ? caseSignalRows(shopId, decision.events, next, policy.calendar.timeZone) : [],
      notifications: caseNotifications(ctx, next, decision.events),
    };
    const [version] = await appendDecisions(tx, [deps.metricRollups === false ? decided : withCaseMetrics(decided, policy)], clock.now());
    // SPEC §8.3: compensation paid and advances claimed back debit the deposit in this transaction.
    await governance.caseEffects(tx, shopId, orderId, decision.events, policy, at);
    return { ok: true, events: decision.events, version: version!, ...state(next) };
  }

  /** The provider's answer comes back as a system command on the order. */
  const report: RefundReport = (shopId, orderId, cmd, at) => dispatch(shopId, orderId, cmd, { at });

  /** Executes the refunds the events request, inline; true when it tried any. */
  async function executeRefunds(shopId: string, events: readonly DomainEvent[]): Promise<boolean> {
    if (deps.inlineRefunds === false) return false;
    let tried = false;
    for (const e of events) {
      if (e.type !== 'RefundRequested') continue;
      tried = true;
      try {
        // At the decision's own instant (a sandbox's test clock, or a deadline's due time).
        await executeDueRefunds(db, payments, report, e.at, { only: { shopId, refundId: e.plan.refundId } });
      } catch {
        // The command committed; its refund row stays pending and a worker executes it later.
      }
    }
    return tried;
  }

  async function placeOrder(order: OrderInput, actor: Actor, opts: CommandOptions = {}): Promise<Result> {
    return dispatch(order.shop, order.id, { kind: 'place_order', order, actor }, opts);
  }

  async function orderCommand(shopId: string, orderId: string, cmd: OrderCommand, actor: Actor, opts: CommandOptions = {}) {
    return dispatch(shopId, orderId, { ...cmd, actor } as Command, opts);
  }

  /**
   * A case command. `apply` names its order; the others find it from the case, unless the caller
   * read the case already and gives its shop and order.
   */
  async function caseCommand(
    cmd: CaseCommand,
    actor: Actor,
    opts: CommandOptions & { shopId?: string; orderId?: string } = {},
  ): Promise<Result> {
    const known = opts.shopId && opts.orderId ? { shopId: opts.shopId, orderId: opts.orderId } : null;
    let target: { shopId: string; orderId: string } | null;
    if (cmd.kind === 'apply') {
      target = known;
      if (!target) return refuse('validation', 'order', '申请售后需指定订单', 'apply needs the order', { field: 'order' });
    } else {
      target = known ?? (await locateCase(db, cmd.caseId, opts.shopId));
      if (!target) return refuse('not_found', 'case', '售后单不存在', 'no such case', { case: cmd.caseId });
    }
    return dispatch(target.shopId, target.orderId, { ...cmd, actor } as Command, opts);
  }

  const desk = createDesk(core);
  const claims = createClaims(core);
  const firing = createFiring({ core, dispatch, upsertShop, afterCommit: executeRefunds, governance, desk, claims, firePlatform: metrics.firePlatform });

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

  /** Refunds that are due (first tries and retries), as a worker runs them. */
  const runRefunds = (now: Instant, limit?: number) => executeDueRefunds(db, payments, report, now, { limit });

  const reads = createReads(core);
  const governanceReads = createGovernanceReads(core);
  const admin = createAdmin(core);
  const automation = { ...createAutomation(core), ...createBacktest(core) };

  return {
    clock,
    packs,
    runRefunds,
    preview,
    upsertShop,
    placeOrder,
    orderCommand,
    caseCommand,
    ...firing,
    getOrder,
    orderInForce,
    ...reads,
    ...createDossier(core, reads),
    ...admin,
    complaintCommand: governance.complaintCommand,
    shopCommand: governance.shopCommand,
    ...governanceReads,
    ...automation,
    shopMetrics: metrics.shopMetrics,
    categoryMetrics: metrics.categoryMetrics,
    shopSeries: metrics.shopSeries,
    metricFacts: metrics.metricFacts,
    rebuildMetrics: metrics.rebuild,
    auditMetrics: metrics.auditMetrics,
    ensureCycle: metrics.ensureCycle,
    replayCycle: metrics.replayCycle,
    sellerPerformance: metrics.sellerPerformance,
    reviewPerformance: metrics.reviewAt,
    ticketCommand: desk.ticketCommand,
    storeTicketAttachment: desk.storeTicketAttachment,
    getTicket: desk.getTicket,
    fireTicketBatch: desk.fireTicketBatch,
    putQuickReply: desk.putQuickReply,
    quickReplies: desk.quickReplies,
    removeQuickReply: desk.removeQuickReply,
    ...createDeskReads(core),
    ...createReasonPresets(core),
    // SPEC §13: A-to-z Guarantee and SAFE-T claims.
    claimCommand: claims.claimCommand,
    ...createClaimReads(core),
  };
}
