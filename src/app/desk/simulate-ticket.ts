// FORMAT.md step kind 6 and `ticket` checks in `aftersale simulate` (SPEC §10.1): a ticket command
// by buyer, merchant or platform, bound by its scenario name, and the ticket fields compared.
import type { TicketCommand } from '../../domain/ticket/commands.ts';
import type { Actor } from '../../domain/types.ts';
import type { Engine } from '../engine.ts';
import type { Step } from '../scenario.ts';
import { toTicketCommand } from './schemas.ts';
import { ticketView } from './views.ts';

type Expect = (step: number, what: string, field: string, expected: unknown, found: unknown, detail?: string) => void;

export interface TicketSteps {
  run(step: Extract<Step, { kind: 'ticket' }>): Promise<void>;
  check(n: number, what: string, ticketName: string, fields: Record<string, unknown>): Promise<void>;
}

/**
 * Ticket steps of one scenario run. Scenario ticket names serve as ticket ids (unique within the
 * run's schema); an order or case named on `open_ticket` binds the ticket's shop and buyer.
 */
export function ticketSteps(engine: Engine, file: string, orders: Map<string, { shop: string; buyer: string }>, cases: Map<string, { caseId: string; order: string }>, expect: Expect): TicketSteps {
  const bound = new Map<string, { id: string; shop: string; buyer: string }>();

  async function check(n: number, what: string, ticketName: string, fields: Record<string, unknown>) {
    const b = bound.get(ticketName);
    const t = b ? await engine.getTicket(b.id) : null;
    const view = t ? (ticketView(t) as unknown as Record<string, unknown>) : null;
    for (const [field, expected] of Object.entries(fields)) expect(n, what, field, expected, view ? view[field] : `(no ticket ${ticketName})`);
  }

  async function run(step: Extract<Step, { kind: 'ticket' }>) {
    const n = step.index + 1;
    const what = `${step.command} ${step.ticket}`;
    const caseBinding = step.case ? cases.get(step.case) : undefined;
    if (step.case && !caseBinding) throw new Error(`${file}: step ${n}: unknown case ${step.case}`);
    const orderName = step.order ?? caseBinding?.order;
    const o = orderName ? orders.get(orderName) : undefined;
    if (orderName && !o) throw new Error(`${file}: step ${n}: unknown order ${orderName}`);
    const binding = bound.get(step.ticket);
    const parties = binding ?? (o ? { shop: o.shop, buyer: o.buyer } : undefined);
    const actor: Actor = { role: step.actor, id: step.as ?? (step.actor === 'buyer' ? parties?.buyer : step.actor === 'merchant' ? parties?.shop : 'platform') };
    const ticketId = step.command === 'open_ticket' ? step.ticket : (binding?.id ?? `unbound-${step.ticket}`);
    const body = toTicketCommand(step.command, step.args);
    const r =
      'ok' in body
        ? body
        : await engine.ticketCommand({ ...body, ticketId, actor } as TicketCommand, {
            shopId: parties?.shop ?? (step.actor === 'merchant' ? step.as : undefined),
            orderId: orderName,
            caseId: caseBinding?.caseId,
          });
    if (r.ok && step.command === 'open_ticket') bound.set(step.ticket, { id: ticketId, shop: r.ticket.shopId, buyer: r.ticket.buyerId });
    const { ok, error, ...fields } = step.expect;
    const detail = r.ok ? undefined : `${r.code}: ${r.message.en}`;
    if (ok !== undefined) expect(n, what, 'ok', ok, r.ok, detail);
    if (error !== undefined) expect(n, what, 'error', error, r.ok ? null : r.code, detail);
    if (ok === undefined && error === undefined && !r.ok) expect(n, what, 'ok', true, false, detail);
    if (Object.keys(fields).length) await check(n, what, step.ticket, fields);
  }

  return { run, check };
}
