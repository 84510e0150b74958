// Service-desk reads for the HTTP layer (SPEC §10.1, §10.5). Each read takes the caller's
// principal and answers only what `canSee` lets it see: a ticket its buyer, its shop and the
// platform; a shop's quick replies and carrier claims the shop and the platform (never a buyer);
// notifications their own recipient only.
import type { Refusal } from '../../domain/errors.ts';
import type { Policy } from '../../domain/policy.ts';
import type { TicketState } from '../../domain/ticket/types.ts';
import type { Instant } from '../../domain/types.ts';
import { loadForCommand } from '../../store/event-store.ts';
import { inbox, markRead, type StoredNotification } from '../../store/notifications.ts';
import { listQuickReplies, type QuickReplyRow } from '../../store/quick-replies.ts';
import { carrierClaims, loadTicket, queryTickets } from '../../store/tickets.ts';
import { readTicketFile } from '../../store/ticket-files.ts';
import { decodeDueCursor, encodeDueCursor } from '../cursor.ts';
import type { EngineCore } from '../engine-core.ts';
import { canSee, type Principal } from '../principal.ts';

export interface TicketFilter {
  shop?: string;
  statuses?: string[];
  escalated?: boolean;
  limit: number;
  cursor?: string;
}

/** The inbox a principal reads: a buyer's, a shop's (the merchant), the platform's. */
export function recipientOfPrincipal(p: Principal): { role: 'buyer' | 'merchant' | 'platform'; id: string } {
  return p.kind === 'buyer' ? { role: 'buyer', id: p.buyerId } : p.kind === 'shop' ? { role: 'merchant', id: p.shopId } : { role: 'platform', id: 'platform' };
}

export function createDeskReads(core: EngineCore) {
  const { db, clock, shopNow, shopPolicy } = core;

  /** The ticket, when the caller may see it. */
  async function ticketFor(p: Principal, ticketId: string): Promise<TicketState | null> {
    const t = (await loadTicket(db, ticketId))?.state ?? null;
    return t && canSee(p, t) ? t : null;
  }

  /** The policy in force for the ticket's shop now, on its clock (a detail's `actions`). */
  async function ticketPolicy(t: TicketState): Promise<{ policy: Policy; at: Instant } | null> {
    const { shop } = await loadForCommand(db, t.shopId, '');
    const at = shopNow(shop, clock.now());
    const policy = shopPolicy(shop, t.shopId, at);
    return 'ok' in policy ? null : { policy, at };
  }

  /** Tickets the caller may see: nearest SLA deadline first, then opened time. */
  async function listTickets(p: Principal, f: TicketFilter): Promise<{ tickets: TicketState[]; nextCursor: string | null } | Refusal> {
    let after: { due: string; opened: string; id: string } | undefined;
    if (f.cursor) {
      const c = decodeDueCursor(f.cursor);
      if ('ok' in c) return c;
      after = { due: c.due, opened: c.start, id: c.id };
    }
    // A shop sees its own shop only, whatever it asks for; a buyer their own tickets.
    if (p.kind === 'shop' && f.shop !== undefined && f.shop !== p.shopId) return { tickets: [], nextCursor: null };
    const page = await queryTickets(db, {
      shop: p.kind === 'shop' ? p.shopId : f.shop,
      buyer: p.kind === 'buyer' ? p.buyerId : undefined,
      statuses: f.statuses,
      escalated: f.escalated,
      limit: f.limit,
      after,
    });
    return { tickets: page.rows, nextCursor: page.next ? encodeDueCursor(page.next.due, page.next.opened, page.next.id) : null };
  }

  /** Whether the caller may manage a shop's desk (quick replies, claims): the shop itself and the platform. */
  async function deskShop(p: Principal, shopId: string): Promise<boolean> {
    if (p.kind === 'buyer' || !canSee(p, { shopId })) return false;
    return (await loadForCommand(db, shopId, '')).shop !== null;
  }

  async function quickRepliesFor(p: Principal, shopId: string): Promise<QuickReplyRow[] | null> {
    return (await deskShop(p, shopId)) ? listQuickReplies(db, shopId) : null;
  }

  async function carrierClaimsFor(p: Principal, shopId: string) {
    return (await deskShop(p, shopId)) ? carrierClaims(db, shopId) : null;
  }

  /** The caller's own notifications, newest first, and the unread count. */
  function notificationsFor(p: Principal, opts: { unreadOnly?: boolean; limit: number }): Promise<{ rows: StoredNotification[]; unread: number }> {
    const r = recipientOfPrincipal(p);
    return inbox(db, r.role, r.id, opts);
  }

  /** Marks the caller's notifications read (those named, or all); the caller's unread count after. */
  async function readNotifications(p: Principal, ids: string[] | 'all'): Promise<number> {
    const r = recipientOfPrincipal(p);
    await markRead(db, r.role, r.id, ids, clock.now());
    return (await inbox(db, r.role, r.id, { limit: 1 })).unread;
  }

  /** A ticket's file, for whoever sees the ticket (its buyer, its shop, the platform); null: no such ticket for the caller. */
  async function ticketAttachment(p: Principal, ticketId: string, sha256: string) {
    const t = await ticketFor(p, ticketId);
    return t ? { ticket: t, file: await readTicketFile(db, t.shopId, t.id, sha256) } : null;
  }

  return { ticketAttachment, ticketFor, ticketPolicy, listTickets, deskShop, quickRepliesFor, carrierClaimsFor, notificationsFor, readNotifications };
}
