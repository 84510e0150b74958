// SPEC §5: refunds are executed through a payment-provider adapter. `simulated` is built in;
// real adapters implement the same interface. The refund id is the provider-side idempotency key:
// asking twice for the same refund pays once.
import type { Fen } from '../domain/types.ts';
import type { Sql } from '../store/db.ts';
import { recordProviderRefund } from '../store/refunds.ts';
import { systemClock } from './clock.ts';

export interface RefundRequest {
  refundId: string;
  shopId: string;
  orderId: string;
  caseId: string;
  amount: Fen;
}

export type RefundResult = { status: 'succeeded' } | { status: 'pending' } | { status: 'failed'; error: string };

export interface PaymentProvider {
  readonly name: string;
  refund(req: RefundRequest): Promise<RefundResult>;
}

export interface SimulatedOptions {
  /** Milliseconds each call takes. */
  delayMs?: number;
  /** Share of calls that fail (0..1), before anything is paid. */
  failureRate?: number;
  random?: () => number;
  now?: () => number;
}

/**
 * The built-in provider. Its books are a table of its own (`provider_refunds`) in the same
 * database, so any number of processes share them and `aftersale doctor` can audit them.
 */
export function simulatedProvider(sql: Sql, opts: SimulatedOptions = {}): PaymentProvider {
  const random = opts.random ?? Math.random;
  const now = opts.now ?? systemClock.now;
  return {
    name: 'simulated',
    async refund(req) {
      if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
      if (opts.failureRate && random() < opts.failureRate) return { status: 'failed', error: 'simulated provider failure' };
      await recordProviderRefund(sql, req.shopId, req.refundId, req.amount, now());
      return { status: 'succeeded' };
    },
  };
}
