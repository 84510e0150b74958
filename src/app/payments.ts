// SPEC §5: refunds are executed through a payment-provider adapter. `simulated` is built in;
// real adapters implement the same interface. The refund id is the provider-side idempotency key.
import type { Fen } from '../domain/types.ts';

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

/** Confirms every refund at once (FORMAT.md: an agreed refund shows as completed in the same step). */
export function simulatedProvider(): PaymentProvider {
  const executed = new Map<string, Fen>();
  return {
    name: 'simulated',
    async refund(req) {
      // Provider-side idempotency: a repeated refund id is acknowledged, never paid twice.
      if (!executed.has(req.refundId)) executed.set(req.refundId, req.amount);
      return { status: 'succeeded' };
    },
  };
}
