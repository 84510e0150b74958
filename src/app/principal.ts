// Who is calling, as the application sees it: an API key of the platform or of a shop, or a buyer
// access token (src/app/credentials.ts makes and checks them). One tenancy rule, `canSee`, decides
// what a caller may read (OWASP API1): every read model and every route asks it, nothing else.
import { KEY_SCOPES, type Actor } from '../domain/types.ts';

/** The scopes a key may have: the domain's one list (src/contract re-exports it to the console). */
export const SCOPES = KEY_SCOPES;
export type Scope = (typeof KEY_SCOPES)[number];

/** A key's scopes limit it ('read': GET only); a buyer token acts for its buyer in full. */
export type Principal =
  | { kind: 'platform'; scopes?: Scope[] }
  | { kind: 'shop'; shopId: string; scopes?: Scope[] }
  | { kind: 'buyer'; buyerId: string };

/** What a tenancy question is asked about: an order, a case, a case's evidence, or a shop (no buyer). */
export interface Owned {
  shopId: string;
  buyerId?: string;
}

/**
 * The tenancy rule: the platform sees everything; a shop key its own shop's orders, cases and
 * evidence; a buyer token its own orders and cases (and theirs' evidence). Anything else is
 * answered as if it did not exist (404, never 403: no probing of other tenants' ids).
 */
export function canSee(p: Principal, r: Owned): boolean {
  switch (p.kind) {
    case 'platform':
      return true;
    case 'shop':
      return p.shopId === r.shopId;
    case 'buyer':
      return r.buyerId !== undefined && p.buyerId === r.buyerId;
  }
}

/** The actor a principal is in the domain (SPEC §0 roles). */
export function actorOf(p: Principal): Actor {
  switch (p.kind) {
    case 'platform':
      return { role: 'platform', id: 'platform' };
    case 'shop':
      return { role: 'merchant', id: p.shopId };
    case 'buyer':
      return { role: 'buyer', id: p.buyerId };
  }
}

/** The rate limits' and idempotency's name for a caller. */
export function principalName(p: Principal): string {
  return p.kind === 'platform' ? 'platform' : p.kind === 'shop' ? `shop:${p.shopId}` : `buyer:${p.buyerId}`;
}
