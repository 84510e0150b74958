// Issue 16, a day's work in real Chromium: the merchant's queue searched by buyer, product title,
// order id and SKU ("nothing found" distinct from an empty queue), most urgent first with the
// urgency's colour, j/k/Enter and the '?' help, the filtered list exported as CSV and XLSX (parsed),
// an offer confirmed with its amount in words (12.345 refused), a reject from the shop's presets,
// two tabs on one case (the stale one drops the dead action by itself), and the buyer's progress
// steps and offer above its buttons at 375 px.
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../src/app/engine.ts';
import { builtinPacks } from '../src/app/packs.ts';
import { simulatedProvider } from '../src/app/payments.ts';
import type { CaseCommand } from '../src/domain/commands.ts';
import { urgencyOf } from '../web/src/workbench/urgency.ts';
import { HAVE_CHROMIUM } from './browser/chromium.ts';
import type { ConsoleWorld } from './browser/console-world.ts';
import { browserSuite } from './browser/suite.ts';
import { horizontalOverflow, PHOTO_PNG, pick, screenshot, signIn } from './browser/page-helpers.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SHOP = 'tb-apparel';
type Detail = { id: string; status: string; applied_at: string; deadline: { due: string } | null; buyer: string };
const LIVE = { timeout: 15_000, interval: 250 };

describe.skipIf(!HAVE_CHROMIUM)("a merchant's day in Chromium (issue 16)", () => {
  const suite = browserSuite();
  let world: ConsoleWorld;
  let merchant: Page;
  /** URG-<urgency> → its buyer, made with clocks set back so their deadlines fall in each band. */
  const made: Record<string, string> = {};

  const search = async (page: Page, q: string) => {
    await page.getByTestId('filter-q').fill(q);
    await page.getByTestId('filter-q').press('Enter');
  };
  const rowIds = (page: Page) => page.locator('[data-testid^="queue-row-"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')!.slice('queue-row-'.length)));

  beforeAll(async () => {
    world = suite.world();
    // Each case on an order of its own, placed, shipped and signed before the case's (moved back)
    // application time, so every case applies whatever the demo's orders look like.
    const buyer = 'tb_55501234';
    const apply = async (id: string, back: number) => {
      const now = Date.now() - back;
      const engine = createEngine({ db: world.db, packs: builtinPacks(), clock: { now: () => now }, payments: simulatedProvider(world.db), inlineRefunds: true });
      const order = {
        id: `${id}-O`, shop: SHOP, buyer, placed_at: now - 5 * DAY, paid_at: now - 5 * DAY, shipped_at: now - 4 * DAY, signed_at: now - 2 * DAY,
        shipping_fee: 0, free_shipping: true, shipping_insurance: 0,
        lines: [{ id: 'L1', sku: 'COAT-L', title: '羊毛大衣 L', category: 'apparel', quantity: 1, paid_amount: 59900, flags: [] }],
      };
      expect((await engine.placeOrder(order, { role: 'platform' })).ok).toBe(true);
      const cmd = { kind: 'apply', caseId: id, args: { type: 'return_refund', reason: 'quality_issue', evidence: [{ kind: 'photo', description: '开线' }] } } as unknown as CaseCommand;
      const r = await engine.caseCommand(cmd, { role: 'buyer', id: buyer }, { shopId: SHOP, orderId: order.id });
      if (!r.ok) throw new Error(`${id}: ${JSON.stringify(r)}`);
      made[id] = buyer;
    };
    await apply('URG-later', 0);
    const first = (await world.api<Detail>(world.keys.platform!, '/v1/cases/URG-later')).body;
    const window = Date.parse(first.deadline!.due) - Date.parse(first.applied_at);
    await apply('URG-overdue', window + HOUR);
    await apply('URG-h4', window - 2 * HOUR);
    await apply('URG-h24', window - 12 * HOUR);
    for (const id of ['BAT-1', 'BAT-2', 'BAT-3', 'BAT-4']) await apply(id, 0);
    merchant = await suite.newPage();
    await signIn(merchant, world.url, world.keys[SHOP]!);
  });

  it('searches the queue by buyer, product title, order id and SKU; nothing found says so', async () => {
    const { rows } = await world.db.query<{ case_id: string; order_id: string; buyer_id: string; title: string; sku: string }>(
      `SELECT c.case_id, c.order_id, c.buyer_id, o.state->'lines'->0->>'title' AS title, o.state->'lines'->0->>'sku' AS sku
         FROM cases c JOIN orders o USING (shop_id, order_id) WHERE c.shop_id = $1 AND c.case_id ~ '^[0-9]{8}-[0-9]{6}$' ORDER BY c.case_id LIMIT 1`,
      [SHOP],
    );
    const c = rows[0]!;
    await merchant.goto(`${world.url}/workbench?status=all`);
    for (const [term, cell] of [
      [c.buyer_id, 'buyer'],
      [c.title, 'products'],
      [c.order_id, null],
      [c.sku, null],
    ] as const) {
      await search(merchant, term);
      // The rows shown are the API's answer for the same search (the queue's first page), the case among them.
      const api = await world.api<{ data: { id: string }[] }>(world.keys[SHOP]!, `/v1/cases?sort=deadline&limit=50&q=${encodeURIComponent(term)}`);
      const expected = api.body.data.map((r) => r.id);
      expect(expected, term).toContain(c.case_id);
      await expect.poll(() => rowIds(merchant), { message: term }).toEqual(expected);
      // Where the queue shows the term, every row found carries it.
      if (cell) for (const id of expected) expect(await merchant.getByTestId(`${cell}-${id}`).textContent(), `${term} ${id}`).toContain(term);
    }
    await search(merchant, 'zz-nothing-like-this');
    await expect.poll(() => merchant.getByTestId('queue-empty').textContent()).toBe('没有找到符合条件的售后单');
  });

  it('lists the most urgent first, each row coloured by its urgency', async () => {
    await merchant.goto(`${world.url}/workbench?q=URG-`);
    await merchant.getByTestId('queue-row-URG-later').waitFor();
    expect(await rowIds(merchant)).toEqual(['URG-overdue', 'URG-h4', 'URG-h24', 'URG-later']);
    for (const id of ['URG-overdue', 'URG-h4', 'URG-h24', 'URG-later']) {
      const due = (await world.api<Detail>(world.keys.platform!, `/v1/cases/${id}`)).body.deadline!.due;
      const expected = id.slice(4);
      expect(urgencyOf(due, Date.now())).toBe(expected);
      expect(await merchant.getByTestId(`urgency-${id}`).getAttribute('data-urgency')).toBe(expected);
      expect(await merchant.getByTestId(`queue-row-${id}`).getAttribute('class')).toContain(`wd-row-${expected}`);
    }
    await screenshot(merchant, 'merchant-queue-urgency-1440');
  });

  it('moves with j/k, shows the keys on ?, opens with Enter', async () => {
    await merchant.goto(`${world.url}/workbench?q=URG-`);
    await merchant.getByTestId('queue-row-URG-later').waitFor();
    const active = () => merchant.locator('tr.wd-row-active').getAttribute('data-testid');
    await merchant.keyboard.press('j');
    expect(await active()).toBe('queue-row-URG-overdue');
    await merchant.keyboard.press('j');
    await merchant.keyboard.press('j');
    expect(await active()).toBe('queue-row-URG-h24');
    await merchant.keyboard.press('k');
    expect(await active()).toBe('queue-row-URG-h4');
    await merchant.keyboard.press('?');
    await merchant.getByTestId('keys-help-table').waitFor();
    expect(await merchant.getByTestId('keys-help-table').textContent()).toContain('下一条');
    await merchant.keyboard.press('Escape');
    await merchant.getByTestId('keys-help-table').waitFor({ state: 'hidden' });
    await merchant.keyboard.press('Enter');
    await merchant.waitForURL(/\/cases\/URG-h4$/);
    await merchant.getByTestId('case-progress').waitFor();
    // `a`: the current case opens with its agree dialog (nothing is sent before it is confirmed).
    await merchant.goBack();
    await merchant.getByTestId('queue-row-URG-later').waitFor();
    await merchant.keyboard.press('j');
    await merchant.keyboard.press('a');
    await merchant.waitForURL(/\/cases\/URG-overdue\?do=agree$/);
    await merchant.getByTestId('form-agree').waitFor();
    expect((await world.api<Detail>(world.keys.platform!, '/v1/cases/URG-overdue')).body.status).toBe('requested');
  });

  it('exports the filtered list as CSV and Excel with exactly its rows', async () => {
    await merchant.goto(`${world.url}/workbench?q=URG-`);
    await merchant.getByTestId('queue-row-URG-later').waitFor();
    const listed = await rowIds(merchant);
    const [csv] = await Promise.all([merchant.waitForEvent('download'), merchant.getByTestId('export-csv').click()]);
    const text = readFileSync((await csv.path())!, 'utf8').replace(/^\uFEFF/, '');
    expect(text.trim().split('\r\n').slice(1).map((l) => l.split(',')[0])).toEqual(listed);
    const [xlsx] = await Promise.all([merchant.waitForEvent('download'), merchant.getByTestId('export-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toBe('cases.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await xlsx.path())!);
    const sheet = book.getWorksheet('cases')!;
    const ids = [];
    for (let i = 2; i <= sheet.rowCount; i++) ids.push(sheet.getRow(i).getCell(1).value);
    expect(ids).toEqual(listed);
  });

  it('confirms an offer with its amount in words, refusing a third decimal', async () => {
    await merchant.goto(`${world.url}/cases/URG-later`);
    await merchant.getByTestId('action-offer').click();
    await merchant.getByTestId('field-amount').fill('12.345');
    await merchant.getByTestId('action-submit').click();
    await expect.poll(() => merchant.getByText('金额最多两位小数').count()).toBeGreaterThan(0);
    expect(await merchant.getByTestId('confirm-words').count()).toBe(0);
    await merchant.getByTestId('field-amount').fill('12.35');
    await merchant.getByTestId('action-submit').click();
    await merchant.getByTestId('confirm-words').waitFor();
    expect(await merchant.getByTestId('confirm-words').textContent()).toBe('确认向买家提出部分退款 ¥12.35（人民币壹拾贰元叁角伍分）？');
    await merchant.getByTestId('confirm-ok').click();
    await expect.poll(() => merchant.getByTestId('case-status').textContent(), LIVE).toBe('待买家确认方案');
    const after = (await world.api<{ offer: { amount: number } }>(world.keys.platform!, '/v1/cases/URG-later')).body;
    expect(after.offer.amount).toBe(1235);
  });

  it("shows the buyer the progress, the next step and the offer right above its buttons at 375 px", async () => {
    const buyer = await suite.newPage(375, 812);
    await signIn(buyer, world.url, world.buyerToken(made['URG-later']!));
    await buyer.goto(`${world.url}/cases/URG-later`);
    await buyer.getByTestId('case-progress').waitFor();
    expect(await buyer.getByTestId('case-progress').textContent()).toContain('提交申请');
    expect(await buyer.getByTestId('buyer-next').textContent()).toContain('商家提出了方案');
    const offer = (await buyer.getByTestId('offer-box').boundingBox())!;
    const accept = (await buyer.getByTestId('action-accept_offer').boundingBox())!;
    expect(await buyer.getByTestId('offer-amount').textContent()).toBe('¥12.35');
    // The amount sits directly above the button that accepts it, both on the phone's screen width.
    expect(offer.y + offer.height).toBeLessThanOrEqual(accept.y);
    expect(accept.y - (offer.y + offer.height)).toBeLessThan(40);
    expect(await horizontalOverflow(buyer)).toBeLessThanOrEqual(0);
    await screenshot(buyer, 'buyer-case-progress-375');
  });

  it('rejects with a preset reason, shown at the top of the case', async () => {
    await merchant.goto(`${world.url}/cases/URG-overdue`);
    await merchant.getByTestId('action-reject').click();
    await merchant.getByTestId('field-reason').click();
    const preset = merchant.getByTestId('preset-option').first();
    await preset.waitFor();
    const words = (await preset.textContent())!;
    await preset.click();
    expect(await merchant.getByTestId('field-reason').inputValue()).toBe(words);
    await merchant.getByTestId('action-submit').click();
    await expect.poll(() => merchant.getByTestId('latest-refusal').textContent(), LIVE).toContain(words);
  });

  it('drops a dead action from a stale tab by itself', async () => {
    const stale = await suite.newPage();
    await signIn(stale, world.url, world.keys[SHOP]!);
    await stale.goto(`${world.url}/cases/URG-h24`);
    await stale.getByTestId('action-agree').waitFor();
    await merchant.goto(`${world.url}/cases/URG-h24`);
    await merchant.getByTestId('action-agree').click();
    await merchant.getByTestId('field-return-address').fill('杭州市余杭区 售后仓');
    await merchant.getByTestId('action-submit').click();
    await expect.poll(() => merchant.getByTestId('case-status').textContent(), LIVE).toBe('待买家退货');
    // The other tab, untouched: its agree button goes and its status follows, without a reload.
    await expect.poll(() => stale.getByTestId('action-agree').count(), LIVE).toBe(0);
    expect(await stale.getByTestId('case-status').textContent()).toBe('待买家退货');
  });

  it('shows the fresh order after Back from a new application', async () => {
    const { rows } = await world.db.query<{ order_id: string; buyer_id: string }>(
      "SELECT order_id, buyer_id FROM orders o WHERE shop_id = $1 AND status IN ('signed', 'completed') AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.shop_id = o.shop_id AND c.order_id = o.order_id) ORDER BY order_id DESC",
      [SHOP],
    );
    let target: { order_id: string; buyer_id: string } | undefined;
    for (const r of rows) {
      const e = await world.api<{ options: { type: string; reason: string; eligible: boolean }[] }>(world.buyerToken(r.buyer_id), `/v1/shops/${SHOP}/orders/${r.order_id}/eligibility`);
      if (e.body.options.some((o) => o.type === 'return_refund' && o.reason === 'quality_issue' && o.eligible)) {
        target = r;
        break;
      }
    }
    expect(target).toBeDefined();
    const buyer = await suite.newPage(375, 812);
    await signIn(buyer, world.url, world.buyerToken(target!.buyer_id));
    await buyer.goto(`${world.url}/buyer/orders/${SHOP}/${target!.order_id}`);
    await buyer.getByTestId('eligibility').waitFor();
    expect(await buyer.locator('[data-testid^="order-case-"]').count()).toBe(0);
    await pick(buyer, 'apply-type', /^退货退款$/);
    await pick(buyer, 'apply-reason', /^质量问题$/);
    await buyer.getByTestId('apply-evidence').locator('input[type=file]').setInputFiles({ name: 'seam.png', mimeType: 'image/png', buffer: PHOTO_PNG });
    await buyer.getByTestId('apply-submit').click();
    await buyer.waitForURL(/\/cases\/[^/]+$/);
    const caseId = decodeURIComponent(new URL(buyer.url()).pathname.split('/').pop()!);
    await buyer.getByTestId('buyer-next').waitFor();
    await buyer.goBack();
    // The order page as it is now: the new case on it (no stale copy from before applying).
    await buyer.getByTestId(`order-case-${caseId}`).waitFor();
  });

  it('rejects and offers in a batch after one confirmation each, the offer in words', async () => {
    const status = async (id: string) => (await world.api<Detail>(world.keys.platform!, `/v1/cases/${id}`)).body.status;
    await merchant.goto(`${world.url}/workbench?q=BAT-`);
    await merchant.getByTestId('queue-row-BAT-4').waitFor();
    for (const id of ['BAT-1', 'BAT-2']) await merchant.getByTestId(`queue-row-${id}`).getByRole('checkbox').check();
    await pick(merchant, 'batch-action', /^拒绝$/);
    await merchant.getByTestId('batch-reason').click();
    await merchant.getByTestId('batch-preset').first().click();
    await merchant.getByTestId('batch-reject').click();
    expect(await merchant.getByTestId('batch-question').textContent()).toMatch(/^拒绝所选 2 件, 理由: .+\?$/);
    await merchant.getByTestId('batch-reject-confirm').click();
    await expect.poll(() => merchant.getByTestId('batch-result').textContent()).toContain('已处理 2 件');
    expect([await status('BAT-1'), await status('BAT-2')]).toEqual(['rejected', 'rejected']);
    // The queue has reloaded (the rows show the refusals) before the next selection.
    await expect.poll(() => merchant.getByTestId('queue-row-BAT-2').textContent()).toContain('商家已拒绝');

    for (const id of ['BAT-3', 'BAT-4']) await merchant.getByTestId(`queue-row-${id}`).getByRole('checkbox').check();
    await pick(merchant, 'batch-action', /^部分退款$/);
    await merchant.getByTestId('batch-amount').fill('5.005');
    await merchant.getByTestId('batch-amount-error').waitFor();
    expect(await merchant.getByTestId('batch-offer').isDisabled()).toBe(true);
    await merchant.getByTestId('batch-amount').fill('5');
    await merchant.getByTestId('batch-offer').click();
    expect(await merchant.getByTestId('batch-question').textContent()).toBe('向所选 2 件的买家各提出部分退款 ¥5.00（人民币伍元整）?');
    await merchant.getByTestId('batch-offer-confirm').click();
    await expect.poll(() => status('BAT-4')).toBe('offer_pending');
    expect(await status('BAT-3')).toBe('offer_pending');
  });

  it('keeps a saved filter in this browser and applies it again', async () => {
    await merchant.goto(`${world.url}/workbench?q=BAT-&status=all`);
    await merchant.getByTestId('queue-row-BAT-1').waitFor();
    await merchant.getByTestId('saved-save').click();
    await merchant.getByTestId('saved-name').fill('批量测试');
    await merchant.getByTestId('saved-confirm').click();
    await merchant.goto(`${world.url}/workbench`);
    await pick(merchant, 'saved-pick', '批量测试');
    await merchant.waitForURL((u) => u.searchParams.get('q') === 'BAT-' && u.searchParams.get('status') === 'all');
    await expect.poll(() => rowIds(merchant)).toEqual(expect.arrayContaining(['BAT-1', 'BAT-2', 'BAT-3', 'BAT-4']));
  });
});
