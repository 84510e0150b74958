// What the routes around the cases answer: who the caller is, API keys and buyer tokens (shown
// once), webhook endpoints and the events feed, sandbox shops and their test clocks.
import { z } from 'zod';
import { KEY_SCOPES } from './enums.ts';
import { CurrencyCode, IsoInstant, JsonObject, listOf } from './primitives.ts';

/** GET /v1/me: the platform, a shop, or a buyer. */
export const Me = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('platform') }),
  /** SPEC §13: the shop's currency and its pack's time zone (the console's formats and first language). */
  z.strictObject({ kind: z.literal('shop'), shop: z.string(), currency: CurrencyCode, time_zone: z.string() }),
  z.strictObject({ kind: z.literal('buyer'), buyer: z.string() }),
]);
export type Me = z.infer<typeof Me>;

/** POST /v1/api-keys (201): the key itself, the only time it is shown. */
export const ApiKeyCreated = z.strictObject({ shop: z.string(), key: z.string(), key_id: z.string(), scopes: z.array(z.enum(KEY_SCOPES)) });
export type ApiKeyCreated = z.infer<typeof ApiKeyCreated>;

/** POST /v1/buyer-tokens (201). */
export const BuyerToken = z.strictObject({ buyer: z.string(), token: z.string(), expires_at: IsoInstant });
export type BuyerToken = z.infer<typeof BuyerToken>;

/** POST /v1/webhook-endpoints (201): the secret is never shown again. */
export const WebhookEndpointCreated = z.strictObject({ shop: z.string(), id: z.string(), url: z.string(), max_attempts: z.number().int() });
export type WebhookEndpointCreated = z.infer<typeof WebhookEndpointCreated>;

/** GET /v1/webhook-endpoints. */
export const WebhookEndpoints = listOf(z.strictObject({ ...WebhookEndpointCreated.shape, active: z.boolean() }));
export type WebhookEndpoints = z.infer<typeof WebhookEndpoints>;

/** GET /v1/events: what webhooks deliver, for pulling; ask again with `after=next_after`. */
export const EventsFeed = z.strictObject({
  data: z.array(z.strictObject({ id: z.number().int(), shop: z.string(), stream: z.string(), type: z.string(), created_at: IsoInstant, data: JsonObject })),
  next_after: z.number().int(),
});
export type EventsFeed = z.infer<typeof EventsFeed>;

/** POST /v1/sandbox/shops (201): the shop's key and its test clock's time. */
export const SandboxShop = z.strictObject({ shop: z.string(), key: z.string(), now: IsoInstant });
export type SandboxShop = z.infer<typeof SandboxShop>;

/** GET /v1/sandbox/clock. */
export const SandboxClock = z.strictObject({ shop: z.string(), now: IsoInstant });
export type SandboxClock = z.infer<typeof SandboxClock>;

/** POST /v1/sandbox/clock: the clock moved, and how many deadlines fell due on the way. */
export const SandboxAdvanced = z.strictObject({ ...SandboxClock.shape, fired: z.number().int() });
export type SandboxAdvanced = z.infer<typeof SandboxAdvanced>;

/** DELETE answers (204): nothing. */
export const NoContent = z.void().meta({ description: 'No content', type: 'null' });
