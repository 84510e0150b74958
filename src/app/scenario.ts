// Scenario files (../shared/scenarios/FORMAT.md): parsed and checked before anything runs, so a
// bad file gets one clear line naming the file and the step.
import { z } from 'zod';
import { parseInstant } from '../domain/calendar.ts';
import { ERROR_CODES } from '../domain/errors.ts';
import { CASE_COMMAND_NAMES, ORDER_EVENT_NAMES, type CaseCommandName, type OrderEventName } from './schemas.ts';
import { COMPLAINT_COMMAND_NAMES, SHOP_EVENT_NAMES, type ComplaintCommandName, type ShopEventName } from './governance/schemas.ts';
import { TICKET_COMMAND_NAMES, type TicketCommandName } from './desk/schemas.ts';
import { CLAIM_COMMAND_NAMES, type ClaimCommandName } from './claims/schemas.ts';

export const CASE_FIELDS = [
  'status',
  'type',
  'phase',
  'amount',
  'refunded',
  'return_shipping_payer',
  'return_shipping_reimbursed',
  'liability',
  'closed_reason',
  'deadline',
  'automated_by',
  // SPEC §13: who pays the prepaid return label (FORMAT.md).
  'label_payer',
] as const;
export const ORDER_FIELDS = ['status', 'currency', 'auto_confirm_at', 'refunded', 'compensation'] as const;
/** FORMAT.md "Governance": complaint fields, and shop fields (§8.2–§8.3; `deposit_required` and `deposit_topup_due` are ours). */
export const COMPLAINT_FIELDS = ['status', 'points', 'merchant_silent', 'closed_reason'] as const;
export const SHOP_FIELDS = [
  'points',
  'status',
  'restricted_until',
  'deposit_balance',
  'deposit_shortfall',
  'deposit_required',
  'deposit_topup_due',
  // SPEC §8.4–§8.5 (src/app/metrics)
  'watched',
  'notices',
  'metrics',
  'category_average',
  // SPEC §13 seller performance (src/app/metrics/performance.ts): named rates, and the metrics
  // whose notice stands (sorted).
  'performance',
  'performance_notices',
] as const;
/** Claim checks (SPEC §13; docs/decisions.md "Scenario steps for claims"). */
export const CLAIM_FIELDS = ['status', 'kind', 'amount', 'currency', 'seller_silent', 'appealed', 'deadline', 'ledger'] as const;
/** FORMAT.md ticket checks (SPEC §10.1). */
export const TICKET_FIELDS = ['status', 'sla_breaches', 'escalated', 'csat'] as const;
/** Parts of FORMAT.md this engine does not run yet (SPEC §13): a file using them fails to load, saying so. */
const NOT_YET: Record<string, string> = {
  buyer: 'buyer risk (SPEC §10.4)',
  buyers: 'buyer risk (SPEC §10.4)',
  rules: 'automation rules (SPEC §10.2)',
  return_shipping_estimate: 'automation rules (SPEC §10.2)',
  returnless_threshold: 'automation rules (SPEC §10.2)',
};
const notYet = (where: string, what: string) => new ScenarioError(`${where}: "${what}" is not supported yet: ${NOT_YET[what] ?? what} is not built in this engine`);

export type Step =
  | {
      kind: 'command';
      index: number;
      at?: number;
      actor: 'buyer' | 'merchant' | 'platform';
      as?: string;
      command: CaseCommandName;
      case: string;
      order?: string;
      args: unknown;
      idempotencyKey?: string;
      expectedVersion?: number;
      expect: Record<string, unknown>;
    }
  | { kind: 'order_event'; index: number; at?: number; order: string; event: OrderEventName; args: unknown; as?: string; expect: Record<string, unknown> }
  | {
      kind: 'complaint';
      index: number;
      at?: number;
      actor: 'buyer' | 'merchant' | 'platform';
      as?: string;
      command: ComplaintCommandName;
      complaint: string;
      order?: string;
      args: unknown;
      expect: Record<string, unknown>;
    }
  | { kind: 'shop_event'; index: number; at?: number; shop: string; event: ShopEventName; args: unknown; as?: string; expect: Record<string, unknown> }
  | {
      kind: 'ticket';
      index: number;
      at?: number;
      actor: 'buyer' | 'merchant' | 'platform';
      as?: string;
      command: TicketCommandName;
      ticket: string;
      order?: string;
      case?: string;
      args: unknown;
      expect: Record<string, unknown>;
    }
  | {
      kind: 'claim';
      index: number;
      at?: number;
      actor: 'buyer' | 'merchant' | 'platform';
      as?: string;
      command: ClaimCommandName;
      claim: string;
      order?: string;
      args: unknown;
      expect: Record<string, unknown>;
    }
  | { kind: 'check'; index: number; at?: number; case?: string; order?: string; complaint?: string; shop?: string; ticket?: string; buyer?: string; claim?: string; fields: Record<string, unknown> };

export interface ScenarioShop {
  id: string;
  category: string;
  /** SPEC §8.3: the opening balance (default the required deposit) and the shop's own requirement. */
  deposit?: number;
  depositRequired?: number;
  /** SPEC §10.2: the shop's automation rules (as written: the engine validates them) and estimates. */
  rules?: unknown[];
  returnShippingEstimate?: number;
  returnlessThreshold?: number;
}

/** FORMAT.md `buyers`: signal counts from before `start` (SPEC §10.4). */
export interface ScenarioBuyer {
  id: string;
  riskHistory: Record<string, number>;
}

/** FORMAT.md buyer check fields (SPEC §10.4). */
export const BUYER_FIELDS = ['risk_band', 'risk_score'] as const;

export interface Scenario {
  file: string;
  name: string;
  policy: string;
  overrides: Record<string, unknown>;
  expectLoadError: string | null;
  rateLimit: { perMinute: number } | null;
  start: number;
  shops: ScenarioShop[];
  buyers: ScenarioBuyer[];
  /** Pack parameters set for this file only (not checked for generosity). */
  parameters: Record<string, unknown>;
  orders: Record<string, unknown>[];
  steps: Step[];
}

export class ScenarioError extends Error {}

const instant = z.string().refine((s) => parseInstant(s) !== null, 'an ISO-8601 instant with an offset');
const expectShape = z.record(z.string(), z.unknown());
const fileSchema = z
  .object({
    name: z.string(),
    description: z.string().optional(),
    policy: z.string(),
    overrides: z.record(z.string(), z.unknown()).optional(),
    expect_load_error: z.enum(ERROR_CODES).optional(),
    // Extension: the app-level limit of commands per caller per minute (SPEC §11 rate_limited).
    rate_limit: z.object({ commands_per_minute: z.number().int().min(1) }).strict().optional(),
    start: instant,
    shops: z
      .array(
        z
          .object({
            id: z.string().min(1),
            category: z.string().default('general'),
            deposit: z.number().int().min(0).optional(),
            deposit_required: z.number().int().min(0).optional(),
            rules: z.array(z.unknown()).optional(),
            return_shipping_estimate: z.number().int().min(0).optional(),
            returnless_threshold: z.number().int().min(0).optional(),
          })
          .strict(),
      )
      .optional(),
    buyers: z
      .array(z.object({ id: z.string().min(1), risk_history: z.record(z.string(), z.number().int().min(0)).default({}) }).strict())
      .optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    orders: z.array(z.record(z.string(), z.unknown())).default([]),
    steps: z.array(z.record(z.string(), z.unknown())),
  })
  .strict();

/** What every acting step may carry (FORMAT.md): its instant, who acts as whom, args, expectations, a note. */
const acting = {
  at: instant.optional(),
  as: z.string().optional(),
  args: z.unknown().optional(),
  expect: expectShape.optional(),
  note: z.string().optional(),
};
const commandStep = z
  .object({
    ...acting,
    actor: z.enum(['buyer', 'merchant', 'platform']),
    command: z.string(),
    case: z.string().min(1),
    order: z.string().optional(),
    idempotency_key: z.string().min(1).optional(),
    expected_version: z.number().int().optional(),
  })
  .strict();
const orderStep = z.object({ ...acting, order: z.string(), event: z.string() }).strict();
const complaintStep = z
  .object({ ...acting, actor: z.enum(['buyer', 'merchant', 'platform']), command: z.string(), complaint: z.string().min(1), order: z.string().optional() })
  .strict();
const shopStep = z.object({ ...acting, shop: z.string(), event: z.string() }).strict();
const claimStep = z
  .object({ ...acting, actor: z.enum(['buyer', 'merchant', 'platform']), command: z.string(), claim: z.string().min(1), order: z.string().optional() })
  .strict();
const ticketStep = z
  .object({ ...acting, actor: z.enum(['buyer', 'merchant', 'platform']), command: z.string(), ticket: z.string().min(1), order: z.string().optional(), case: z.string().optional() })
  .strict();
const checkStep = z
  .object({
    at: instant.optional(),
    check: z
      .object({
        case: z.string().optional(),
        order: z.string().optional(),
        complaint: z.string().optional(),
        shop: z.string().optional(),
        ticket: z.string().optional(),
        buyer: z.string().optional(),
        claim: z.string().optional(),
      })
      .catchall(z.unknown()),
    note: z.string().optional(),
  })
  .strict();

function checkFields(fields: Record<string, unknown>, allowed: readonly string[], where: string): void {
  for (const k of Object.keys(fields)) {
    if (k in NOT_YET && !allowed.includes(k)) throw notYet(where, k);
    if (!allowed.includes(k)) throw new ScenarioError(`${where}: unknown field "${k}" (known: ${allowed.join(', ')})`);
  }
}

export function parseScenario(file: string, text: string, knownPacks: (id: string) => boolean): Scenario {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ScenarioError(`${file}: invalid JSON: ${(e as Error).message}`);
  }
  const top = fileSchema.safeParse(json);
  if (!top.success) {
    const i = top.error.issues[0]!;
    throw new ScenarioError(`${file}: ${i.path.join('.') || 'file'}: ${i.message}`);
  }
  const f = top.data;
  if (!knownPacks(f.policy)) throw new ScenarioError(`${file}: unknown policy pack "${f.policy}"`);
  const start = parseInstant(f.start)!;
  let clock = start;
  const steps: Step[] = f.steps.map((raw, index) => {
    const where = `${file}: step ${index + 1}`;
    let step: Step;
    if ('check' in raw) {
      const s = parseOr(checkStep, raw, where);
      const { case: c, order, complaint, shop, ticket, buyer, claim, ...fields } = s.check;
      if ([c, order, complaint, shop, ticket, buyer, claim].filter((x) => x !== undefined).length !== 1) {
        throw new ScenarioError(`${where}: a check names exactly one of "case", "order", "complaint", "shop", "ticket", "buyer" or "claim"`);
      }
      checkFields(fields, c ? CASE_FIELDS : order ? ORDER_FIELDS : complaint ? COMPLAINT_FIELDS : ticket ? TICKET_FIELDS : buyer ? BUYER_FIELDS : claim ? CLAIM_FIELDS : SHOP_FIELDS, where);
      step = { kind: 'check', index, at: at(s.at), case: c, order, complaint, shop, ticket, buyer, claim, fields };
    } else if ('claim' in raw) {
      const s = parseOr(claimStep, raw, where);
      if (!(CLAIM_COMMAND_NAMES as string[]).includes(s.command)) {
        throw new ScenarioError(`${where}: unknown claim command "${s.command}" (known: ${CLAIM_COMMAND_NAMES.join(', ')})`);
      }
      if ((s.command === 'atoz_claim' || s.command === 'safet_claim') && !s.order) throw new ScenarioError(`${where}: ${s.command} needs "order"`);
      const expect = s.expect ?? {};
      checkFields(expect, ['ok', 'error', ...CLAIM_FIELDS], where);
      step = { kind: 'claim', index, at: at(s.at), actor: s.actor, as: s.as, command: s.command as ClaimCommandName, claim: s.claim, order: s.order, args: s.args, expect };
    } else if ('ticket' in raw) {
      const s = parseOr(ticketStep, raw, where);
      if (!(TICKET_COMMAND_NAMES as string[]).includes(s.command)) {
        throw new ScenarioError(`${where}: unknown ticket command "${s.command}" (known: ${TICKET_COMMAND_NAMES.join(', ')})`);
      }
      if (s.command !== 'open_ticket' && (s.order || s.case)) throw new ScenarioError(`${where}: "order" and "case" go on open_ticket only`);
      const expect = s.expect ?? {};
      checkFields(expect, ['ok', 'error', ...TICKET_FIELDS], where);
      step = { kind: 'ticket', index, at: at(s.at), actor: s.actor, as: s.as, command: s.command as TicketCommandName, ticket: s.ticket, order: s.order, case: s.case, args: s.args, expect };
    } else if ('complaint' in raw) {
      const s = parseOr(complaintStep, raw, where);
      if (!(COMPLAINT_COMMAND_NAMES as string[]).includes(s.command)) {
        throw new ScenarioError(`${where}: unknown complaint command "${s.command}" (known: ${COMPLAINT_COMMAND_NAMES.join(', ')})`);
      }
      if (s.command === 'complain' && !s.order) throw new ScenarioError(`${where}: complain needs "order"`);
      const expect = s.expect ?? {};
      checkFields(expect, ['ok', 'error', ...COMPLAINT_FIELDS], where);
      step = { kind: 'complaint', index, at: at(s.at), actor: s.actor, as: s.as, command: s.command as ComplaintCommandName, complaint: s.complaint, order: s.order, args: s.args, expect };
    } else if ('event' in raw && 'shop' in raw) {
      const s = parseOr(shopStep, raw, where);
      if (!(SHOP_EVENT_NAMES as readonly string[]).includes(s.event)) {
        throw new ScenarioError(`${where}: unknown shop event "${s.event}" (known: ${SHOP_EVENT_NAMES.join(', ')})`);
      }
      const expect = s.expect ?? {};
      checkFields(expect, ['ok', 'error', ...SHOP_FIELDS], where);
      step = { kind: 'shop_event', index, at: at(s.at), shop: s.shop, event: s.event as ShopEventName, args: s.args, as: s.as, expect };
    } else if ('event' in raw) {
      const s = parseOr(orderStep, raw, where);
      if (!(ORDER_EVENT_NAMES as string[]).includes(s.event)) {
        throw new ScenarioError(`${where}: unknown order event "${s.event}" (known: ${ORDER_EVENT_NAMES.join(', ')})`);
      }
      const expect = s.expect ?? {};
      checkFields(expect, ['ok', 'error', ...ORDER_FIELDS], where);
      step = { kind: 'order_event', index, at: at(s.at), order: s.order, event: s.event as OrderEventName, args: s.args, as: s.as, expect };
    } else if ('command' in raw) {
      const s = parseOr(commandStep, raw, where);
      if (!(CASE_COMMAND_NAMES as readonly string[]).includes(s.command)) {
        throw new ScenarioError(`${where}: unknown command "${s.command}" (known: ${CASE_COMMAND_NAMES.join(', ')})`);
      }
      if (s.command === 'apply' && !s.order) throw new ScenarioError(`${where}: apply needs "order"`);
      const expect = s.expect ?? {};
      checkFields(expect, ['ok', 'error', ...CASE_FIELDS], where);
      step = {
        kind: 'command',
        index,
        at: at(s.at),
        actor: s.actor,
        as: s.as,
        command: s.command as CaseCommandName,
        case: s.case,
        order: s.order,
        args: s.args,
        idempotencyKey: s.idempotency_key,
        expectedVersion: s.expected_version,
        expect,
      };
    } else {
      throw new ScenarioError(`${where}: a step is a command ("command"), a complaint command ("complaint"), a ticket command ("ticket"), a claim command ("claim"), an order or shop event ("event") or a check ("check")`);
    }
    if (step.at !== undefined) {
      if (step.at < clock) throw new ScenarioError(`${where}: "at" goes back in time (${new Date(step.at).toISOString()} is before ${new Date(clock).toISOString()})`);
      clock = step.at;
    }
    return step;
  });
  return {
    file,
    name: f.name,
    policy: f.policy,
    overrides: f.overrides ?? {},
    expectLoadError: f.expect_load_error ?? null,
    rateLimit: f.rate_limit ? { perMinute: f.rate_limit.commands_per_minute } : null,
    start,
    shops: (f.shops ?? []).map((s) => ({
      id: s.id,
      category: s.category,
      ...(s.deposit !== undefined ? { deposit: s.deposit } : {}),
      ...(s.deposit_required !== undefined ? { depositRequired: s.deposit_required } : {}),
      ...(s.rules !== undefined ? { rules: s.rules } : {}),
      ...(s.return_shipping_estimate !== undefined ? { returnShippingEstimate: s.return_shipping_estimate } : {}),
      ...(s.returnless_threshold !== undefined ? { returnlessThreshold: s.returnless_threshold } : {}),
    })),
    buyers: (f.buyers ?? []).map((b) => ({ id: b.id, riskHistory: b.risk_history })),
    parameters: f.parameters ?? {},
    orders: f.orders,
    steps,
  };
}

function at(s: string | undefined): number | undefined {
  return s === undefined ? undefined : parseInstant(s)!;
}

function parseOr<T>(schema: z.ZodType<T>, raw: unknown, where: string): T {
  const r = schema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new ScenarioError(`${where}: ${i.path.join('.') || 'step'}: ${i.message}`);
  }
  return r.data;
}
