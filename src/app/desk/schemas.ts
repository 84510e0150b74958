// Input schemas of the ticket commands (SPEC §10.1; FORMAT.md step kind 6), shared by scenario
// files and the HTTP API: raw JSON in, domain commands out, or a `validation` refusal naming the field.
import { z } from 'zod';
import { refuse, type Refusal } from '../../domain/errors.ts';
import type { TicketCommand } from '../../domain/ticket/commands.ts';
import { CARRIER_CLAIM_KINDS, MAX_MESSAGE_CHARS, TICKET_KINDS } from '../../domain/ticket/types.ts';
import { EVIDENCE_KINDS } from '../../domain/types.ts';

const str = () => z.string().refine((s) => !s.includes('\u0000') && (s as string & { isWellFormed(): boolean }).isWellFormed(), 'contains a NUL character or invalid Unicode');
/** Attachments are evidence uploads (POST /v1/evidence gives the sha256), as on cases. */
const attachments = z
  .array(z.object({ kind: z.enum(EVIDENCE_KINDS), description: str().max(2000).optional(), sha256: z.string().regex(/^[0-9a-f]{64}$/).optional() }).strict())
  .max(20);
const message = str().max(MAX_MESSAGE_CHARS);
const fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** The body of each ticket command, as FORMAT.md names its args. */
export const TICKET_ARGS = {
  open_ticket: z.object({ kind: z.enum(TICKET_KINDS), message, attachments: attachments.optional(), buyer: str().min(1).max(64).optional() }).strict(),
  reply: z.object({ message: message.default(''), attachments: attachments.optional() }).strict(),
  resolve: z.object({ note: message.optional() }).strict(),
  reopen: z.object({ message: message.optional() }).strict(),
  rate: z.object({ csat: z.number() }).strict(),
  claim_carrier: z.object({ kind: z.enum(CARRIER_CLAIM_KINDS), amount: fen, carrier: str().max(64).optional(), tracking: str().max(64).optional() }).strict(),
  settle_carrier_claim: z.object({ amount: fen }).strict(),
} as const;
export type TicketCommandName = keyof typeof TICKET_ARGS;
export const TICKET_COMMAND_NAMES = Object.keys(TICKET_ARGS) as TicketCommandName[];
/** The commands sent on an existing ticket (`POST /v1/tickets/:ticket/:command`). */
export const TICKET_FOLLOW_UPS = TICKET_COMMAND_NAMES.filter((n) => n !== 'open_ticket') as Exclude<TicketCommandName, 'open_ticket'>[];

type Body = TicketCommand extends infer C ? (C extends TicketCommand ? Omit<C, 'ticketId' | 'actor'> : never) : never;

/** Raw args → a ticket command without its id and actor, or a `validation` refusal. */
export function toTicketCommand(name: TicketCommandName, raw: unknown): Body | Refusal {
  const parsed = TICKET_ARGS[name].safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || 'args';
    return refuse('validation', field, `字段 ${field} 无效: ${issue.message}`, `invalid ${field}: ${issue.message}`, { field });
  }
  const a = parsed.data as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- shape checked by the schema above
  switch (name) {
    case 'open_ticket':
      return { kind: 'open_ticket', ticketKind: a.kind, message: a.message, attachments: a.attachments, ...(a.buyer ? { buyerId: a.buyer } : {}) };
    case 'claim_carrier':
      return { kind: 'claim_carrier', claimKind: a.kind, amount: a.amount, carrier: a.carrier, tracking: a.tracking };
    default:
      return { kind: name, ...a } as Body;
  }
}
