// SPEC §13: prepaid return labels come from a label provider. `simulated` is built in; a real
// carrier API (UPS, USPS, FedEx …) implements the same interface. The case is the provider-side
// idempotency key: asking twice for the same case gives the same label (a retried command, a
// decision redone after a concurrent change, never two labels for one return).
import { createHash } from 'node:crypto';
import type { ReturnLabel } from '../domain/types.ts';

export interface LabelRequest {
  shopId: string;
  orderId: string;
  caseId: string;
}

export interface LabelProvider {
  readonly name: string;
  /** The label for this case: the same one every time it is asked for the same shop and case. */
  label(req: LabelRequest): Promise<ReturnLabel>;
}

/** The simulated provider's carrier and its flat price for one prepaid parcel (cents, USD). */
export const SIMULATED_LABEL = { carrier: 'UPS', cost: 699 } as const;

/**
 * The built-in provider: a pure function of the case, so it needs no books to be idempotent.
 * Tracking: `1ZSIM` and the first 13 hex digits (upper case) of sha256(shop/case), UPS-like in
 * length (18 characters). Cost: a flat 699 cents per label, whatever the parcel (docs/decisions.md).
 */
export function simulatedLabelProvider(): LabelProvider {
  return {
    name: 'simulated',
    async label(req) {
      const digest = createHash('sha256').update(`${req.shopId}/${req.caseId}`).digest('hex');
      return { carrier: SIMULATED_LABEL.carrier, tracking: `1ZSIM${digest.slice(0, 13).toUpperCase()}`, cost: SIMULATED_LABEL.cost };
    },
  };
}
