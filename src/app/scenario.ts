// Scenario files (../shared/scenarios/FORMAT.md): parsed and checked before anything runs, so a
// bad file gets one clear line naming the file and the step.
import { z } from 'zod';
import { parseInstant } from '../domain/calendar.ts';
import { ERROR_CODES } from '../domain/errors.ts';
import { CASE_COMMAND_NAMES, ORDER_EVENT_NAMES, type CaseCommandName, type OrderEventName } from './schemas.ts';

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
] as const;
export const ORDER_FIELDS = ['status', 'auto_confirm_at', 'refunded', 'compensation'] as const;

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
  | { kind: 'check'; index: number; at?: number; case?: string; order?: string; fields: Record<string, unknown> };

export interface Scenario {
  file: string;
  name: string;
  policy: string;
  overrides: Record<string, unknown>;
  expectLoadError: string | null;
  rateLimit: { perMinute: number } | null;
  start: number;
  shops: { id: string; category: string }[];
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
    shops: z.array(z.object({ id: z.string().min(1), category: z.string().default('general') }).strict()).optional(),
    orders: z.array(z.record(z.string(), z.unknown())).default([]),
    steps: z.array(z.record(z.string(), z.unknown())),
  })
  .strict();

const commandStep = z
  .object({
    at: instant.optional(),
    actor: z.enum(['buyer', 'merchant', 'platform']),
    as: z.string().optional(),
    command: z.string(),
    case: z.string().min(1),
    order: z.string().optional(),
    args: z.unknown().optional(),
    idempotency_key: z.string().min(1).optional(),
    expected_version: z.number().int().optional(),
    expect: expectShape.optional(),
    note: z.string().optional(),
  })
  .strict();
const orderStep = z
  .object({
    at: instant.optional(),
    order: z.string(),
    event: z.string(),
    as: z.string().optional(),
    args: z.unknown().optional(),
    expect: expectShape.optional(),
    note: z.string().optional(),
  })
  .strict();
const checkStep = z
  .object({
    at: instant.optional(),
    check: z.object({ case: z.string().optional(), order: z.string().optional() }).catchall(z.unknown()),
    note: z.string().optional(),
  })
  .strict();

function checkFields(fields: Record<string, unknown>, allowed: readonly string[], where: string): void {
  for (const k of Object.keys(fields)) {
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
      const { case: c, order, ...fields } = s.check;
      if (!c === !order) throw new ScenarioError(`${where}: a check names exactly one of "case" or "order"`);
      checkFields(fields, c ? CASE_FIELDS : ORDER_FIELDS, where);
      step = { kind: 'check', index, at: at(s.at), case: c, order, fields };
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
      throw new ScenarioError(`${where}: a step is a command ("command"), an order event ("event") or a check ("check")`);
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
    shops: (f.shops ?? []).map((s) => ({ id: s.id, category: s.category })),
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
