// The case queue and the order list for a caller: tenancy first (a shop sees its shop, a buyer
// their own, whatever the filters say), then the filters, in pages an opaque cursor continues.
import { parseInstant } from '../domain/calendar.ts';
import { refuse, type Refusal } from '../domain/errors.ts';
import type { CaseState, OrderState } from '../domain/state.ts';
import { casesOfOrders, queryCases, queryOrders, type CaseProduct, type CaseQuery } from '../store/case-reads.ts';
import { shopCurrencies, shopNames } from '../store/shops.ts';
import type { Currency } from '../domain/types.ts';
import type { EngineCore } from './engine-core.ts';
import type { Principal } from './principal.ts';

/** The ids a cursor may hold (the API's id pattern). */
const ID = /^[A-Za-z0-9_.:-]{1,64}$/;

const badCursor = refuse('validation', 'cursor', '分页游标无效', 'invalid cursor', { field: 'cursor' });
const encode = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
function decode(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
}

/** The filters a caller's own tenancy adds: its shop, or its buyer. */
const tenancy = (p: Principal) => ({ shop: p.kind === 'shop' ? p.shopId : undefined, buyer: p.kind === 'buyer' ? p.buyerId : undefined });

/** The queue's filters as a caller gives them: the store's query less tenancy, with a cursor. */
export type CaseFilter = Omit<CaseQuery, 'shops' | 'buyers' | 'after'> & { shop?: string; buyer?: string; cursor?: string };

export interface OrderFilter {
  shop?: string;
  buyer?: string;
  status?: string;
  /** 'placed': newest placed first (the buyer's orders, issue 16); default most recently changed first. */
  sort?: 'changed' | 'placed';
  limit: number;
  cursor?: string;
}

export function createLists({ db }: EngineCore) {
  /** The queue: newest first, or nearest deadline first (the merchant workbench). */
  async function listCases(p: Principal, f: CaseFilter): Promise<{ cases: CaseState[]; products: Map<string, CaseProduct[]>; currencies: Map<string, Currency>; nextCursor: string | null } | Refusal> {
    let after: { key: string; caseId: string } | undefined;
    if (f.cursor) {
      const c = decode(f.cursor);
      if (!Array.isArray(c) || c.length !== 2 || typeof c[0] !== 'string' || typeof c[1] !== 'string') return badCursor;
      if (!ID.test(c[1]) || (c[0] !== 'infinity' && parseInstant(c[0]) === null)) return badCursor;
      after = { key: c[0], caseId: c[1] };
    }
    const own = tenancy(p);
    const page = await queryCases(db, {
      shops: [own.shop, f.shop],
      buyers: [own.buyer, f.buyer],
      statuses: f.statuses,
      type: f.type,
      reason: f.reason,
      phase: f.phase,
      deadlineBefore: f.deadlineBefore,
      deadlineAfter: f.deadlineAfter,
      q: f.q,
      sort: f.sort,
      limit: f.limit,
      after,
    });
    // SPEC §13: a case's amounts are in its order's currency, its shop's (fixed for the shop's life).
    const currencies = await shopCurrencies(db, page.cases.map((c) => c.shopId));
    return { cases: page.cases, products: page.products, currencies, nextCursor: page.next ? encode([page.next.key, page.next.caseId]) : null };
  }

  /**
   * Every case matching the filters, in the list's order, a page at a time (issue 16: an export is
   * of the whole filtered list, not of the page on screen). `max` bounds one export.
   */
  async function allCases(
    p: Principal,
    f: Omit<CaseFilter, 'cursor' | 'limit'>,
    max: number,
  ): Promise<{ cases: CaseState[]; products: Map<string, CaseProduct[]>; currencies: Map<string, Currency>; truncated: boolean } | Refusal> {
    const cases: CaseState[] = [];
    const products = new Map<string, CaseProduct[]>();
    const currencies = new Map<string, Currency>();
    let cursor: string | undefined;
    for (;;) {
      const page = await listCases(p, { ...f, limit: Math.min(200, max - cases.length), cursor });
      if ('ok' in page) return page;
      cases.push(...page.cases);
      for (const [k, v] of page.products) products.set(k, v);
      for (const [k, v] of page.currencies) currencies.set(k, v);
      if (!page.nextCursor) return { cases, products, currencies, truncated: false };
      if (cases.length >= max) return { cases, products, currencies, truncated: true };
      cursor = page.nextCursor;
    }
  }

  /** Orders, most recently changed (or placed) first, each with its cases and its shop's name. */
  async function listOrders(
    p: Principal,
    f: OrderFilter,
  ): Promise<{ orders: { order: OrderState; cases: CaseState[] }[]; shopNames: Map<string, string>; nextCursor: string | null } | Refusal> {
    const by = f.sort ?? 'changed';
    let after: { key: string; shopId: string; orderId: string } | undefined;
    if (f.cursor) {
      // [key, shop, order] for 'changed' (key an instant), [key, shop, order, 'placed'] (key ms digits).
      const c = decode(f.cursor) as string[];
      if (!Array.isArray(c) || c.length !== (by === 'placed' ? 4 : 3) || !c.every((x) => typeof x === 'string') || !ID.test(c[1]!) || !ID.test(c[2]!)) return badCursor;
      // parseInstant, not Date.parse: years 0 or +275760 parse in JavaScript but not in the database.
      if (by === 'placed' ? c[3] !== 'placed' || !/^-?\d{1,15}$/.test(c[0]!) : parseInstant(c[0]!) === null) return badCursor;
      after = { key: c[0]!, shopId: c[1]!, orderId: c[2]! };
    }
    const own = tenancy(p);
    const page = await queryOrders(db, { shops: [own.shop, f.shop], buyers: [own.buyer, f.buyer], status: f.status, by, limit: f.limit, after });
    const cases = await casesOfOrders(db, page.orders.map((o) => ({ shopId: o.shopId, orderId: o.id })));
    const n = page.next;
    return {
      orders: page.orders.map((order) => ({ order, cases: cases.filter((c) => c.shopId === order.shopId && c.orderId === order.id) })),
      shopNames: await shopNames(db, page.orders.map((o) => o.shopId)),
      nextCursor: n ? encode(by === 'placed' ? [n.key, n.shopId, n.orderId, 'placed'] : [n.key, n.shopId, n.orderId]) : null,
    };
  }

  return { listCases, allCases, listOrders };
}
