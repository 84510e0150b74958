// What the policy routes answer: the built-in packs (SPEC §9), the shops with their pack, and the
// policy in force for a shop with each parameter's value and source. Values are written as text.
import { z } from 'zod';
import { PARAM_NAMES } from './enums.ts';
import { Bilingual, CurrencyCode, IsoInstant, JsonObject, listOf } from './primitives.ts';

const ParamName = z.enum(PARAM_NAMES as [(typeof PARAM_NAMES)[number], ...(typeof PARAM_NAMES)[number][]]);

/** An item of GET /v1/policies. */
export const PackSummary = z.strictObject({
  id: z.string(),
  name: Bilingual,
  /** SPEC §13: the currency of every amount under the pack; `time_zone` its platform zone. */
  currency: CurrencyCode,
  time_zone: z.string(),
  versions: z.array(z.strictObject({ version: z.string(), effective_from: IsoInstant })),
});
export type PackSummary = z.infer<typeof PackSummary>;
/** GET /v1/policies. */
export const PackList = z.array(PackSummary);

/** GET /v1/policies/:pack: the version in force now, every parameter with its value and source. */
export const PackDetail = z.strictObject({
  id: z.string(),
  name: Bilingual,
  version: z.string(),
  parameters: z.array(z.strictObject({ name: ParamName, value: z.string(), source: z.string().nullable() })),
});
export type PackDetail = z.infer<typeof PackDetail>;

export const ShopRow = z.strictObject({ id: z.string(), category: z.string(), pack: z.string(), currency: CurrencyCode, overrides: JsonObject, return_address: z.string().nullable(), name: z.string().nullable() });
export type ShopRow = z.infer<typeof ShopRow>;
/** GET /v1/shops. */
export const ShopList = listOf(ShopRow);

/** GET /v1/shops/:shop/policy. */
export const ShopPolicy = z.strictObject({
  shop: z.string(),
  pack: z.string(),
  pack_name: Bilingual,
  category: z.string(),
  version: z.string(),
  /** As stored: the JSON values the shop set. */
  overrides: JsonObject,
  parameters: z.array(
    z.strictObject({ name: ParamName, pack_value: z.string(), value: z.string(), overridden: z.boolean(), source: z.string().nullable() }),
  ),
});
export type ShopPolicy = z.infer<typeof ShopPolicy>;

/** PUT /v1/shops/:shop/policy. */
export const ShopPolicySet = z.strictObject({ shop: z.string(), pack: z.string(), overrides: JsonObject });
export type ShopPolicySet = z.infer<typeof ShopPolicySet>;

/** PUT /v1/shops/:shop/return-address: the shop's default return address, used by an agree that names none. */
export const ShopReturnAddress = z.strictObject({ shop: z.string(), return_address: z.string() });
export type ShopReturnAddress = z.infer<typeof ShopReturnAddress>;
