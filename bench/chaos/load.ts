// The chaos run's clients: steady stories (an order, the buyer's refund application, now and then a
// photo, the merchant's agreement → a refund the workers pay) and bursts of orders whose
// auto-confirm deadline is already overdue. Every command carries an Idempotency-Key and is retried
// (on the other API process) after a transport error or a 5xx, like a careful client; every 2xx
// answer goes into the acknowledgement log the end checks hold against the event store.

const DAY = 86_400_000;
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

export interface Ack {
  step: 'order' | 'apply' | 'upload' | 'agree' | 'burst_order';
  id: string;
  at: number;
}

export interface LoadStats {
  sent: number;
  acknowledged: number;
  refused: Record<string, number>;
  retries: number;
  gaveUp: number;
  /** When commands were acknowledged (for recovery times). */
  ackTimes: number[];
}

export interface LoadOptions {
  apis: () => string[];
  shopKey: string;
  buyerToken: string;
  shop: string;
  buyer: string;
  now: () => number;
}

export class Load {
  readonly acks: Ack[] = [];
  readonly stats: LoadStats = { sent: 0, acknowledged: 0, refused: {}, retries: 0, gaveUp: 0, ackTimes: [] };
  private n = 0;
  private rr = 0;
  stopped = false;

  constructor(private readonly o: LoadOptions) {}

  /** One command until it is answered by a server (2xx or a 4xx refusal) or 90 s have passed. */
  private async command(step: Ack['step'], id: string, path: string, auth: string, body: unknown, multipart?: FormData): Promise<boolean> {
    const key = `${step}:${id}`;
    const end = performance.now() + 90_000;
    for (let attempt = 0; performance.now() < end; attempt++) {
      const apis = this.o.apis();
      const base = apis[this.rr++ % Math.max(1, apis.length)];
      if (!base) {
        await new Promise((r) => setTimeout(r, 200));
        continue;
      }
      if (attempt > 0) this.stats.retries++;
      this.stats.sent++;
      try {
        const headers: Record<string, string> = { authorization: `Bearer ${auth}`, 'idempotency-key': key };
        if (!multipart) headers['content-type'] = 'application/json';
        const res = await fetch(`${base}${path}`, { method: 'POST', headers, body: multipart ?? JSON.stringify(body), signal: AbortSignal.timeout(15_000) });
        const text = await res.text();
        if (res.status >= 200 && res.status < 300) {
          this.acks.push({ step, id, at: this.o.now() });
          this.stats.acknowledged++;
          this.stats.ackTimes.push(performance.now());
          return true;
        }
        if (res.status < 500 && res.status !== 429) {
          const code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? `http_${res.status}`;
          this.stats.refused[code] = (this.stats.refused[code] ?? 0) + 1;
          return false;
        }
      } catch {
        // Refused connection, reset, timeout: the process or the database is down; try again.
      }
      await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
    }
    this.stats.gaveUp++;
    return false;
  }

  private order(id: string, shippedDaysAgo: number, signed: boolean) {
    const now = this.o.now();
    return {
      id, shop: this.o.shop, buyer: this.o.buyer,
      placed_at: new Date(now - (shippedDaysAgo + 1) * DAY).toISOString(), paid_at: new Date(now - (shippedDaysAgo + 1) * DAY).toISOString(),
      shipped_at: new Date(now - shippedDaysAgo * DAY).toISOString(),
      ...(signed ? { signed_at: new Date(now - DAY).toISOString() } : {}),
      shipping_fee: 0, free_shipping: true, shipping_insurance: 0,
      lines: [{ id: 'L1', sku: 'MUG-1', title: '陶瓷马克杯', category: 'home', quantity: 1, paid_amount: 3900 + (this.n % 50) * 100, flags: [] }],
    };
  }

  /** Order → refund application (with a photo one time in five) → the merchant agrees. */
  async story(): Promise<void> {
    const i = ++this.n;
    const orderId = `CH${i}`;
    const caseId = `CH${i}-R`;
    if (!(await this.command('order', orderId, '/v1/orders', this.o.shopKey, this.order(orderId, 2, true)))) return;
    const applied = await this.command('apply', caseId, `/v1/shops/${this.o.shop}/orders/${orderId}/cases`, this.o.buyerToken, {
      id: caseId, type: 'refund_only', reason: 'damaged', evidence: [{ kind: 'photo', description: '杯口有裂纹' }],
    });
    if (!applied || this.stopped) return;
    if (i % 5 === 0) {
      const form = new FormData();
      form.set('kind', 'photo');
      form.set('file', new Blob([PNG], { type: 'image/png' }), 'crack.png');
      await this.command('upload', caseId, `/v1/cases/${caseId}/evidence`, this.o.buyerToken, null, form);
    }
    await this.command('agree', caseId, `/v1/cases/${caseId}/agree`, this.o.shopKey, {});
  }

  /** Orders shipped 12 days ago: their auto-confirm (10 days) is overdue the moment they exist. */
  async burst(size: number): Promise<void> {
    const base = ++this.n;
    await Promise.all(
      Array.from({ length: size }, (_, k) => `CB${base}-${k}`).map((id) => this.command('burst_order', id, '/v1/orders', this.o.shopKey, this.order(id, 12, false))),
    );
  }

  async run(concurrency: number): Promise<void> {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (!this.stopped) await this.story();
      }),
    );
  }
}
