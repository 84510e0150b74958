// Input schemas shared by every edge (scenario files now, the HTTP API later): raw JSON in,
// domain commands out, or a `validation` refusal naming the field.
import { z } from 'zod';
import { isLocalDate, parseInstant } from '../domain/calendar.ts';
import { CASE_COMMAND_NAMES, type CaseCommand, type CaseCommandName, type OrderCommand, type OrderInput } from '../domain/commands.ts';
import { refuse, type Refusal } from '../domain/errors.ts';
import { CASE_PARTIES, CASE_TYPES, CURRENCIES, DEDUCTION_KINDS, EVIDENCE_KINDS, LIABILITIES, LINE_FLAGS, REASONS, RETURN_CONDITIONS, RULING_OUTCOMES } from '../domain/types.ts';

const fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
/** Text PostgreSQL can store: no NUL characters, valid Unicode. */
const str = () => z.string().refine((s) => !s.includes('\u0000') && (s as string & { isWellFormed(): boolean }).isWellFormed(), 'contains a NUL character or invalid Unicode');
const text = (max: number) => str().min(1).max(max);
/** Ids are short ASCII names (see src/http/input.ts): safe in paths and in every store. */
const id = () => z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'an id of 1–64 characters A–Z a–z 0–9 _ . : -');
const instant = z.string().transform((s, ctx) => {
  const at = parseInstant(s);
  if (at === null) {
    ctx.addIssue({ code: 'custom', message: 'an ISO-8601 instant with an offset, e.g. 2026-03-01T09:00:00+08:00' });
    return z.NEVER;
  }
  return at;
});
const evidence = z
  .array(
    z
      .object({
        kind: z.enum(EVIDENCE_KINDS),
        description: str().max(2000).optional(),
        sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
      })
      .strict(),
  )
  .max(50);

const applyArgs = z
  .object({
    type: z.enum(CASE_TYPES),
    reason: z.enum(REASONS),
    lines: z.array(z.object({ line: id(), quantity: z.number().int().min(1) }).strict()).min(1).max(200).optional(),
    amount: fen.optional(),
    intact: z.boolean().optional(),
    evidence: evidence.optional(),
    note: str().max(2000).optional(),
  })
  .strict();
const none = z.object({}).strict();
const withReason = z.object({ reason: text(500), evidence: evidence.optional() }).strict();
const parcel = z.object({ carrier: text(64), tracking: text(64) }).strict();
/** A return or replacement parcel (issue 15): a carrier code from the list (src/domain/carriers.ts, checked by the domain in words), its name when `OTHER`. */
const caseParcel = parcel.extend({ carrier_name: text(64).optional() }).strict();

export const CASE_ARGS = {
  apply: applyArgs,
  modify: applyArgs.partial(),
  agree: z.object({ return_address: text(500).optional() }).strict(),
  reject: withReason,
  refuse_return: withReason,
  offer: z.object({ type: z.enum(CASE_TYPES), amount: fen.optional(), buyer_owes: fen.optional(), note: str().max(2000).optional() }).strict(),
  withdraw_offer: none,
  accept_offer: none,
  decline_offer: none,
  cancel: none,
  confirm_receipt: none,
  receive_return: z
    .object({
      deductions: z.array(z.object({ kind: z.enum(DEDUCTION_KINDS), amount: fen }).strict()).max(5).optional(),
      // SPEC §13: how a buyer-fault return came back (a restocking fee needs one).
      condition: z.enum(RETURN_CONDITIONS).optional(),
    })
    .strict(),
  // SPEC §13: with a prepaid label, carrier and tracking may be left out (the label's are used).
  ship_return: caseParcel.partial({ carrier: true, tracking: true }).extend({ shipping_cost: fen.optional() }).strict(),
  return_delivered: none,
  correct_tracking: caseParcel,
  reship: caseParcel,
  escalate: z.object({ reason: str().max(500).optional() }).strict(),
  submit_evidence: z.object({ evidence: evidence.min(1) }).strict(),
  request_evidence: z
    .object({ party: z.enum(CASE_PARTIES), kinds: z.array(z.enum(EVIDENCE_KINDS)).min(1), due_in_hours: z.number().positive().max(24 * 90).optional() })
    .strict(),
  rule: z
    .object({ outcome: z.enum(RULING_OUTCOMES), liability: z.enum(LIABILITIES).optional(), amount: fen.optional(), note: str().max(2000).optional(), force: z.boolean().optional() })
    .strict(),
} as const satisfies Record<CaseCommandName, z.ZodType>;

/**
 * What the HTTP API (and so the console) asks beyond the scenario files' args (FORMAT.md, issue 15):
 * an escalation says why (the platforms ask for a reason) and a ruling gives its reason (`note`,
 * shown to both parties). Scenario files keep FORMAT.md's optional `reason` and `note`.
 */
export const API_CASE_ARGS = {
  ...CASE_ARGS,
  escalate: z.object({ reason: text(500) }).strict(),
  rule: CASE_ARGS.rule.extend({ note: text(2000) }).strict(),
} as const satisfies Record<CaseCommandName, z.ZodType>;
/**
 * Where a command comes from: `api` (HTTP, console, CLI) or a scenario `file`. A file's `rule` has
 * no confirmation step (FORMAT.md): it rules as a platform that confirmed (`force` true unless the
 * file says `false`), so the files written before the evidence-pending confirmation still run.
 */
export type CommandSource = 'api' | 'file';
// The names are the domain's list (src/domain/commands.ts): one schema each, checked above.
export { CASE_COMMAND_NAMES, type CaseCommandName };

export const ORDER_EVENT_ARGS = {
  pay: none,
  ship: parcel,
  sign: z.object({ date_only: z.boolean().optional() }).strict(),
  complete: none,
  extend_auto_confirm: none,
} as const;
export type OrderEventName = keyof typeof ORDER_EVENT_ARGS;
export const ORDER_EVENT_NAMES = Object.keys(ORDER_EVENT_ARGS) as OrderEventName[];

function invalid(error: z.ZodError, what: string): Refusal {
  const issue = error.issues[0]!;
  const field = issue.path.join('.') || what;
  return refuse('validation', field, `字段 ${field} 无效: ${issue.message}`, `invalid ${field}: ${issue.message}`, {
    field,
    issues: error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  });
}

/** Raw command args → a domain case command, or a `validation` refusal. */
export function toCaseCommand(name: CaseCommandName, caseId: string, raw: unknown, source: CommandSource = 'api'): CaseCommand | Refusal {
  const parsed = (source === 'api' ? API_CASE_ARGS : CASE_ARGS)[name].safeParse(raw ?? {});
  if (!parsed.success) return invalid(parsed.error, 'args');
  const a = parsed.data as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- shape checked by the schema above
  switch (name) {
    case 'apply':
    case 'modify':
      return { kind: name, caseId, args: a } as CaseCommand;
    case 'agree':
      return { kind: 'agree', caseId, returnAddress: a.return_address };
    case 'ship_return':
      return { kind: 'ship_return', caseId, carrier: a.carrier, carrierName: a.carrier_name, tracking: a.tracking, shippingCost: a.shipping_cost };
    case 'correct_tracking':
    case 'reship':
      return { kind: name, caseId, carrier: a.carrier, carrierName: a.carrier_name, tracking: a.tracking };
    case 'offer':
      return { kind: 'offer', caseId, type: a.type, amount: a.amount, buyerOwes: a.buyer_owes, note: a.note };
    case 'rule':
      return { kind: 'rule', caseId, outcome: a.outcome, liability: a.liability, amount: a.amount, note: a.note, force: a.force ?? (source === 'file' ? true : undefined) };
    case 'request_evidence':
      return { kind: 'request_evidence', caseId, party: a.party, kinds: a.kinds, dueInHours: a.due_in_hours };
    default:
      return { kind: name, caseId, ...a } as CaseCommand;
  }
}

export function toOrderCommand(name: OrderEventName, raw: unknown): OrderCommand | Refusal {
  const parsed = ORDER_EVENT_ARGS[name].safeParse(raw ?? {});
  if (!parsed.success) return invalid(parsed.error, 'args');
  const a = parsed.data as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- shape checked by the schema above
  switch (name) {
    case 'pay':
      return { kind: 'pay_order' };
    case 'ship':
      return { kind: 'ship_order', carrier: a.carrier, tracking: a.tracking };
    case 'sign':
      return { kind: 'sign_order', dateOnly: a.date_only };
    case 'complete':
      return { kind: 'complete_order' };
    case 'extend_auto_confirm':
      return { kind: 'extend_auto_confirm' };
    default: {
      const never: never = name;
      throw new Error(`unknown order event ${String(never)}`);
    }
  }
}

export const orderInputSchema = z
  .object({
    id: id(),
    shop: id(),
    buyer: id(),
    placed_at: instant,
    paid_at: instant.optional(),
    ship_by: instant.optional(),
    shipped_at: instant.optional(),
    carrier: text(64).optional(),
    tracking: text(64).optional(),
    signed_at: instant.optional(),
    signed_on: z.string().refine(isLocalDate, 'a date YYYY-MM-DD').optional(),
    completed_at: instant.optional(),
    shipping_fee: fen.default(0),
    free_shipping: z.boolean().default(false),
    shipping_insurance: fen.default(0),
    // SPEC §13: checked against the shop's currency by the decider (a mismatch names both).
    currency: z.enum(CURRENCIES).optional(),
    lines: z
      .array(
        z
          .object({
            id: id(),
            sku: text(128),
            title: str().max(500).optional(),
            category: text(64).default('general'),
            quantity: z.number().int().min(1).max(100_000),
            paid_amount: fen,
            flags: z.array(z.enum(LINE_FLAGS)).default([]),
            warranty_days: z.number().int().min(0).max(3650).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(500),
  })
  .strict();

export function toOrderInput(raw: unknown): OrderInput | Refusal {
  const parsed = orderInputSchema.safeParse(raw);
  return parsed.success ? (parsed.data as OrderInput) : invalid(parsed.error, 'order');
}
