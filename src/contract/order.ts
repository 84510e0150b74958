// What the API answers about orders: the order view (after placing or moving an order), the order
// with its lines and cases (the buyer portal), the remedies a buyer may apply for, bulk imports.
import { z } from 'zod';
import { CASE_STATUSES, CASE_TYPES, ERROR_CODES, LINE_FLAGS, ORDER_STATUSES, REASONS } from './enums.ts';
import { Refusal } from './errors.ts';
import { CurrencyCode, cursorPage, Fen, IsoInstant } from './primitives.ts';

/** POST /v1/orders, POST …/events/:event (src/app/views.ts orderView). */
export const OrderView = z.strictObject({
  id: z.string(),
  shop: z.string(),
  buyer: z.string(),
  status: z.enum(ORDER_STATUSES),
  /** SPEC §13: the order's currency (its shop's); every amount of the order is in it. */
  currency: CurrencyCode,
  auto_confirm_at: IsoInstant.nullable(),
  refunded: Fen,
  compensation: Fen,
});
export type OrderView = z.infer<typeof OrderView>;

export const OrderLine = z.strictObject({
  id: z.string(),
  sku: z.string(),
  title: z.string().nullable(),
  category: z.string(),
  quantity: z.number().int(),
  paid_amount: Fen,
  flags: z.array(z.enum(LINE_FLAGS)),
});
export type OrderLine = z.infer<typeof OrderLine>;

/** GET /v1/shops/:shop/orders/:order and the items of GET /v1/orders (src/http/case-detail.ts orderDetail). */
export const OrderDetail = z.strictObject({
  ...OrderView.shape,
  /** The shop's display name (淘宝·衣橱小铺); null when the shop gave none. */
  shop_name: z.string().nullable(),
  placed_at: IsoInstant,
  paid_at: IsoInstant.nullable(),
  shipped_at: IsoInstant.nullable(),
  carrier: z.string().nullable(),
  tracking: z.string().nullable(),
  signed_at: IsoInstant.nullable(),
  shipping_fee: Fen,
  lines: z.array(OrderLine),
  cases: z.array(z.strictObject({ id: z.string(), status: z.enum(CASE_STATUSES), type: z.enum(CASE_TYPES) })),
});
export type OrderDetail = z.infer<typeof OrderDetail>;

/** GET /v1/orders: most recently changed first, or newest placed first (`sort=placed`). */
export const OrderPage = cursorPage(OrderDetail);
export type OrderPage = z.infer<typeof OrderPage>;

/** One remedy a buyer is offered, eligible or with the refusal `apply` would give (SPEC §3). */
export const EligibilityOption = z.strictObject({
  type: z.enum(CASE_TYPES),
  reason: z.enum(REASONS),
  eligible: z.boolean(),
  /** The end of the window that bounds this remedy. */
  until: IsoInstant.nullable(),
  refusal: Refusal.nullable(),
});
export type EligibilityOption = z.infer<typeof EligibilityOption>;

/** GET /v1/shops/:shop/orders/:order/eligibility. */
export const Eligibility = z.strictObject({ order: z.string(), options: z.array(EligibilityOption) });
export type Eligibility = z.infer<typeof Eligibility>;

/** POST /v1/orders/import: how many were placed, and each failed row with why. */
export const ImportReport = z.strictObject({
  placed: z.number().int(),
  failed: z.array(z.strictObject({ row: z.number().int(), order: z.string().optional(), code: z.enum(ERROR_CODES), message: z.string() })),
});
export type ImportReport = z.infer<typeof ImportReport>;
