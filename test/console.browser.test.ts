// The web console in real Chromium (Debian's, driven by playwright-core) against a demo server:
// a buyer applies for a return with a photo, the merchant agrees, the buyer ships, the merchant
// receives and the refund shows; an arbitration ruling; the zh/en switch; a refused action shows
// the API's message by its control; no layout break at 375 and 1440 px; labelled controls.
// Screenshots of every main page go to .artifacts/screenshots/.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM } from './browser/chromium.ts';
import type { ConsoleWorld } from './browser/console-world.ts';
import { browserSuite } from './browser/suite.ts';
import { returnsGoods, type CaseType } from '../src/contract/enums.ts';
import { horizontalOverflow, PHOTO_PNG, pick, screenshot, signIn, unlabelledControls } from './browser/page-helpers.ts';

type Detail = { id: string; status: string; amount: number; refunded: number; evidence: { url: string | null }[] };
type Eligibility = { options: { type: string; reason: string; eligible: boolean }[] };
const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

describe.skipIf(!HAVE_CHROMIUM)('web console in Chromium', () => {
  const suite = browserSuite();
  const newPage = suite.newPage;
  let world: ConsoleWorld;
  const status = (page: Page) => page.getByTestId('case-status');

  beforeAll(() => {
    world = suite.world();
  });

  // The return walk of SPEC §4, every step through the console.
  let caseId = '';
  let buyer = '';
  let buyerPage: Page;
  let merchantPage: Page;

  it('a buyer applies for a return with a photo (phone width)', async () => {
    // A tb-apparel order whose buyer may still apply for return_refund/quality_issue.
    const { rows } = await world.db.query<{ order_id: string; buyer_id: string }>(
      "SELECT order_id, buyer_id FROM orders o WHERE shop_id = 'tb-apparel' AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.shop_id = o.shop_id AND c.order_id = o.order_id) ORDER BY order_id",
    );
    let order = '';
    for (const r of rows) {
      const e = await world.api<Eligibility>(world.buyerToken(r.buyer_id), `/v1/shops/tb-apparel/orders/${r.order_id}/eligibility`);
      if (e.body.options.some((o) => o.type === 'return_refund' && o.reason === 'quality_issue' && o.eligible)) {
        order = r.order_id;
        buyer = r.buyer_id;
        break;
      }
    }
    expect(order).not.toBe('');

    buyerPage = await newPage(375, 812);
    await signIn(buyerPage, world.url, world.buyerToken(buyer));
    await expect.poll(() => buyerPage.getByTestId(`order-${order}`).isVisible()).toBe(true);
    expect(await horizontalOverflow(buyerPage)).toBeLessThanOrEqual(0);
    await screenshot(buyerPage, 'buyer-orders-375');

    await buyerPage.goto(`${world.url}/buyer/orders/tb-apparel/${order}`);
    await buyerPage.getByTestId('eligibility').waitFor();
    await pick(buyerPage, 'apply-type', /^退货退款$/);
    await pick(buyerPage, 'apply-reason', /^质量问题$/);
    await buyerPage.getByTestId('apply-evidence').locator('input[type=file]').setInputFiles({ name: 'seam.png', mimeType: 'image/png', buffer: PHOTO_PNG });
    expect(await unlabelledControls(buyerPage)).toEqual([]);
    expect(await horizontalOverflow(buyerPage)).toBeLessThanOrEqual(0);
    await screenshot(buyerPage, 'buyer-apply-375');
    await buyerPage.getByTestId('apply-submit').click();

    await buyerPage.waitForURL(/\/cases\/[^/]+$/);
    caseId = decodeURIComponent(new URL(buyerPage.url()).pathname.split('/').pop()!);
    await expect.poll(() => status(buyerPage).textContent()).toBe('待商家处理');
    // The photo is on the case, as a file the gallery shows.
    const detail = await world.api<Detail>(world.keys.platform!, `/v1/cases/${caseId}`);
    expect(detail.body.evidence.filter((e) => e.url !== null)).toHaveLength(1);
    await expect.poll(() => buyerPage.getByTestId('evidence-gallery').locator('img').count()).toBeGreaterThan(0);
    // Too early to ask the platform: no button, but the time it opens.
    expect(await buyerPage.getByTestId('escalate-from').textContent()).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} 起可申请平台介入/);
    expect(await buyerPage.getByTestId('action-escalate').count()).toBe(0);
    expect(await horizontalOverflow(buyerPage)).toBeLessThanOrEqual(0);
    await screenshot(buyerPage, 'buyer-case-375');
  });

  it('the merchant sees it in the queue with a countdown and agrees', async () => {
    merchantPage = await newPage();
    await merchantPage.goto(`${world.url}/signin`);
    await merchantPage.getByTestId('demo-tb-apparel').click();
    await merchantPage.waitForURL(/\/workbench$/);
    const row = merchantPage.getByTestId(`queue-row-${caseId}`);
    await row.waitFor();
    await expect.poll(() => row.textContent()).toMatch(/剩余 .*自动同意/);
    expect(await unlabelledControls(merchantPage)).toEqual([]);
    expect(await horizontalOverflow(merchantPage)).toBeLessThanOrEqual(0);
    await screenshot(merchantPage, 'merchant-workbench-1440');

    // A buyer's page is not the merchant's: the console sends them back to their workbench.
    await merchantPage.goto(`${world.url}/buyer/orders`);
    await merchantPage.waitForURL(/\/workbench$/);

    await merchantPage.goto(`${world.url}/cases/${encodeURIComponent(caseId)}`);
    await merchantPage.getByTestId('action-agree').click();
    await merchantPage.getByTestId('field-return-address').fill('杭州市余杭区文一西路 969 号 售后组');
    await screenshot(merchantPage, 'merchant-case-agree-1440');
    await merchantPage.getByTestId('action-submit').click();
    await expect.poll(() => status(merchantPage).textContent()).toBe('待买家退货');
  });

  it('the buyer ships the return', async () => {
    await buyerPage.reload();
    await buyerPage.getByTestId('action-ship_return').click();
    // The address the merchant typed is where the buyer is told to send the goods.
    expect(await buyerPage.getByTestId('ship-to').textContent()).toContain('文一西路 969 号');
    await buyerPage.getByTestId('field-carrier').fill('YTO');
    await buyerPage.getByTestId('field-tracking').fill('YT20261122001');
    await buyerPage.getByTestId('action-submit').click();
    await expect.poll(() => status(buyerPage).textContent()).toBe('退货运输中');
  });

  it('the merchant receives the goods and the refund shows', async () => {
    await merchantPage.reload();
    await merchantPage.getByTestId('action-receive_return').click();
    await merchantPage.getByTestId('action-submit').click();
    await expect.poll(() => status(merchantPage).textContent()).toMatch(/^(已完成|退款中)$/);
    const detail = await world.api<Detail>(world.keys.platform!, `/v1/cases/${caseId}`);
    expect(detail.body.refunded).toBeGreaterThan(0);
    await merchantPage.reload();
    await expect.poll(() => merchantPage.getByTestId('money-refunded').textContent()).toContain(yuan(detail.body.refunded));
    await screenshot(merchantPage, 'merchant-case-refunded-1440');
    // The buyer sees the same refund.
    await buyerPage.reload();
    await expect.poll(() => buyerPage.getByTestId('money-refunded').textContent()).toContain(yuan(detail.body.refunded));
  });

  it('a refused action shows the API message next to its control', async () => {
    // An offer above what the case may refund (SPEC §5): the API refuses; the form says why.
    const target = world.caseIds['requested-2']!;
    const before = await world.api<Detail & { shop: string }>(world.keys.platform!, `/v1/cases/${target}`);
    expect(before.status).toBe(200);
    const shopKey = world.keys[before.body.shop]!;
    const tooMuch = before.body.amount + 100_000;
    const expected = await world.api<{ error: { code: string; message: string } }>(shopKey, `/v1/cases/${target}/offer`, { body: { type: 'refund_only', amount: tooMuch } });
    expect(expected.body.error.code).toBe('amount_exceeds_refundable');

    const page = await newPage();
    await signIn(page, world.url, shopKey);
    await page.goto(`${world.url}/cases/${target}`);
    await page.getByTestId('action-offer').click();
    await pick(page, 'field-offer-type', /^仅退款$/);
    await page.getByTestId('field-amount').fill(String(tooMuch / 100));
    // The most it may refund is said before anyone types.
    expect(await page.getByTestId('form-offer').textContent()).toContain(`本单最多可退 ${yuan(before.body.amount)}`);
    await page.getByTestId('action-submit').click();
    // Issue 16: an offer is confirmed with its amount in words first.
    await page.getByTestId('confirm-ok').click();
    // The refusal is about the amount: it sits under the amount field.
    const refusal = page.getByTestId('form-offer').locator('.ant-form-item').filter({ has: page.getByTestId('field-amount') }).locator('.ant-form-item-explain-error');
    await expect.poll(() => refusal.textContent()).toContain(expected.body.error.message);
    await expect.poll(() => refusal.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
    await screenshot(page, 'merchant-refusal-1440');
    // Nothing changed.
    expect((await world.api<Detail>(world.keys.platform!, `/v1/cases/${target}`)).body.status).toBe(before.body.status);
  });

  it('a merchant rejects with a photo: the file is one evidence item, shown in the gallery', async () => {
    const target = world.caseIds['requested-3']!;
    const before = await world.api<Detail & { shop: string }>(world.keys.platform!, `/v1/cases/${target}`);
    const page = await newPage();
    await signIn(page, world.url, world.keys[before.body.shop]!);
    await page.goto(`${world.url}/cases/${target}`);
    await page.getByTestId('action-reject').click();
    await page.getByTestId('field-reason').fill('商品已按详情页描述发货, 见出库照片');
    const fileInput = page.getByTestId('field-file').locator('input[type=file]');
    // A file the upload would refuse (text named .png): the rejection is not sent at all.
    await fileInput.setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not a photo') });
    await page.getByTestId('action-submit').click();
    await expect.poll(() => page.getByTestId('refusal').textContent()).toContain('notes.png');
    expect((await world.api<Detail>(world.keys.platform!, `/v1/cases/${target}`)).body.status).toBe('requested');
    await page.getByRole('button', { name: /notes\.png/ }).click();
    await fileInput.setInputFiles({ name: 'outbound.png', mimeType: 'image/png', buffer: PHOTO_PNG });
    expect(await unlabelledControls(page)).toEqual([]);
    await page.getByTestId('action-submit').click();
    await expect.poll(() => status(page).textContent()).toBe('商家已拒绝');
    type WithParty = { evidence: { party: string; url: string | null }[] };
    await expect
      .poll(async () => (await world.api<WithParty>(world.keys.platform!, `/v1/cases/${target}`)).body.evidence.filter((e) => e.party === 'merchant').map((e) => e.url !== null))
      .toEqual([true]);
    await page.reload();
    await expect.poll(() => page.getByTestId('evidence-gallery').locator('img').count()).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'merchant-rejected-with-photo-1440');
  });

  it('the platform rules on an escalated case', async () => {
    const target = world.caseIds['in_arbitration-1']!;
    const page = await newPage();
    await page.goto(`${world.url}/signin`);
    await page.getByTestId('demo-platform').click();
    await page.waitForURL(/\/arbitration/);
    await page.getByTestId(`arb-row-${target}`).click();
    await page.getByTestId('burden').waitFor();
    expect(await page.getByTestId('burden').textContent()).toMatch(/商家/);
    await page.getByTestId('evidence-buyer').waitFor();
    await page.getByTestId('evidence-merchant').waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'platform-arbitration-1440');
    await page.getByTestId('rule-outcome').getByText('支持买家').click();
    await page.getByTestId('rule-liability').getByText('商家责任').click();
    // Issue 15: a ruling gives its reason, shown to both parties.
    await page.getByTestId('rule-note').fill('商家未能提供签收证明');
    await page.getByTestId('rule-submit').click();
    // The ruling asks for a confirmation before it is final.
    await page.getByTestId('rule-confirm').click();
    await expect
      .poll(async () => (await world.api<Detail>(world.keys.platform!, `/v1/cases/${target}`)).body.status, { timeout: 10_000 })
      .not.toBe('in_arbitration');
    await screenshot(page, 'platform-ruled-1440');
  });

  it('works from the keyboard alone: sign in, open an action, fill it, submit', async () => {
    const target = world.caseIds['requested-1']!;
    const before = await world.api<Detail & { shop: string }>(world.keys.platform!, `/v1/cases/${target}`);
    expect(before.body.status).toBe('requested');
    const page = await newPage();
    /** Presses Tab until the focused element matches, as a keyboard user would. */
    const tabTo = async (matches: (el: { testid: string | null; label: string | null; tag: string }) => boolean, limit = 80) => {
      for (let i = 0; i < limit; i++) {
        await page.keyboard.press('Tab');
        const el = await page.evaluate(() => {
          const a = document.activeElement as HTMLElement | null;
          const labels = (a as HTMLInputElement | null)?.labels;
          return { testid: a?.closest('[data-testid]')?.getAttribute('data-testid') ?? null, label: a?.getAttribute('aria-label') ?? labels?.[0]?.textContent ?? null, tag: a?.tagName ?? '' };
        });
        if (matches(el)) return el;
      }
      throw new Error('not reachable with Tab');
    };
    await page.goto(`${world.url}/signin`);
    await tabTo((el) => el.tag === 'INPUT' && /API 密钥或买家令牌/.test(el.label ?? ''));
    await page.keyboard.type(world.keys[before.body.shop]!);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/workbench/);
    await page.goto(`${world.url}/cases/${target}`);
    await status(page).waitFor();
    await tabTo((el) => el.testid === 'action-agree');
    await page.keyboard.press('Enter');
    await tabTo((el) => el.testid === 'field-return-address');
    await page.keyboard.type('上海市青浦区华新镇 售后仓');
    await tabTo((el) => el.testid === 'action-submit');
    await page.keyboard.press('Enter');
    await expect.poll(() => status(page).textContent()).toBe('待买家退货');
  });

  it('switches between Chinese and English', async () => {
    const page = await newPage();
    await signIn(page, world.url, world.keys['tb-apparel']!);
    await expect.poll(() => page.getByRole('menuitem', { name: '售后工作台' }).isVisible()).toBe(true);
    await page.getByTestId('lang-switch').getByText('EN').click();
    await expect.poll(() => page.getByRole('menuitem', { name: 'Workbench' }).isVisible()).toBe(true);
    await expect.poll(() => page.locator('body').textContent()).toMatch(/left until (auto-|evidence)/);
    await screenshot(page, 'merchant-workbench-en-1440');
    // The choice survives a reload, and API refusals come in English too.
    await page.reload();
    await expect.poll(() => page.getByRole('menuitem', { name: 'Workbench' }).isVisible()).toBe(true);
    await page.getByTestId('lang-switch').getByText('中文').click();
    await expect.poll(() => page.getByRole('menuitem', { name: '售后工作台' }).isVisible()).toBe(true);
  });

  it('greets the amazon-us seller in English, with dollar amounts and US dates in the shop zone (SPEC §13)', async () => {
    const page = await newPage();
    await signIn(page, world.url, world.keys['amz-home']!);
    // No language chosen yet: a US-dollar shop's console starts in English.
    await expect.poll(() => page.getByRole('menuitem', { name: 'Workbench' }).isVisible()).toBe(true);
    await expect.poll(() => page.locator('body').textContent()).toMatch(/\$\d+\.\d{2}/);
    const detail = await world.api<{ money: { amount: number; currency: string }; applied_at: string }>(world.keys['amz-home']!, '/v1/cases/US-C001');
    expect(detail.body.money.currency).toBe('USD');
    await page.goto(`${world.url}/cases/US-C001`);
    const dollars = `$${(detail.body.money.amount / 100).toFixed(2)}`;
    await expect.poll(() => page.locator('body').textContent()).toContain(dollars);
    const applied = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'America/Los_Angeles' }).format(Date.parse(detail.body.applied_at));
    await expect.poll(() => page.locator('body').textContent()).toContain(applied);
    expect(await page.locator('body').textContent()).not.toContain('¥');
    await screenshot(page, 'us-seller-case-1440');
  });

  it('shows the policy viewer and refuses an override that takes a right away', async () => {
    const page = await newPage();
    await signIn(page, world.url, world.keys['tb-apparel']!);
    await page.goto(`${world.url}/policy`);
    await page.getByTestId('policy-params').waitFor();
    const expected = await world.api<{ error: { message: string } }>(world.keys['tb-apparel']!, '/v1/shops/tb-apparel/policy', {
      method: 'PUT',
      body: { pack: 'taobao', category: 'apparel', overrides: { no_reason_days: 3 } },
    });
    expect(expected.status).toBe(422);
    const form = page.getByTestId('override-form');
    await pick(page, 'override-name', /七天无理由退货天数/, '七天无理由');
    // The form took the parameter: its current value is stated under the value box, in days.
    await expect.poll(() => form.textContent()).toContain('当前 7 天');
    await page.getByTestId('override-amount').fill('3');
    await page.getByTestId('override-submit').click();
    // Whatever the form says after submitting (a refusal, or a field's complaint) is in the failure.
    await expect
      .poll(async () => (await form.locator('[data-testid=refusal], .ant-form-item-explain-error').allTextContents()).join(' | '), { timeout: 30_000 })
      .toContain('不能改为 3 天');
    // The API's refusal, said with the parameter's name and both values in words.
    expect(expected.body.error.message).toContain('no_reason_days');
    const said = await page.getByTestId('refusal').textContent();
    expect(said).toContain('「七天无理由退货天数」不能改为 3 天');
    expect(said).toContain('7 天');
    expect(said).not.toContain('no_reason_days');
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'merchant-policy-1440');
  });

  it('batch agrees the selected cases, a return among them with its address, after one confirmation', async () => {
    // A shop with a return waiting for it, and a second case of that shop.
    const { rows } = await world.db.query<{ shop_id: string; case_id: string; type: CaseType }>(
      "SELECT shop_id, case_id, type FROM cases WHERE status = 'requested' ORDER BY shop_id, (type = 'return_refund') DESC, case_id",
    );
    const byShop = new Map<string, { id: string; type: CaseType }[]>();
    for (const r of rows) byShop.set(r.shop_id, [...(byShop.get(r.shop_id) ?? []), { id: r.case_id, type: r.type }]);
    const [shop, waiting] = [...byShop.entries()].find(([, w]) => w[0]!.type === 'return_refund')!;
    // One more, a refund for a parcel that never came, on an order of the shop without a case.
    const free = await world.db.query<{ order_id: string; buyer_id: string }>(
      "SELECT order_id, buyer_id FROM orders o WHERE shop_id = $1 AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.shop_id = o.shop_id AND c.order_id = o.order_id) ORDER BY order_id",
      [shop],
    );
    for (const o of free.rows) {
      const made = await world.api<{ id: string }>(world.buyerToken(o.buyer_id), `/v1/shops/${shop}/orders/${o.order_id}/cases`, { body: { type: 'refund_only', reason: 'not_received' } });
      if (made.status === 201) {
        waiting.push({ id: made.body.id, type: 'refund_only' });
        break;
      }
    }
    expect(waiting.length).toBeGreaterThanOrEqual(2);
    const chosen = waiting.slice(0, 2);
    const page = await newPage();
    await signIn(page, world.url, world.keys[shop]!);
    for (const c of chosen) await page.getByTestId(`queue-row-${c.id}`).getByRole('checkbox').check();
    // A return cannot be agreed without an address: the button waits for one.
    expect(await page.getByTestId('batch-agree').isDisabled()).toBe(true);
    await page.getByTestId('batch-address').fill('广州市白云区 退货仓 1 号');
    await page.getByTestId('batch-agree').click();
    await page.getByTestId('batch-agree-confirm').click();
    await expect.poll(() => page.getByTestId('batch-result').textContent()).toContain('已同意 2 件');
    for (const c of chosen) {
      const after = await world.api<Detail & { return_address: string | null }>(world.keys.platform!, `/v1/cases/${c.id}`);
      expect(after.body.status, c.id).not.toBe('requested');
      if (returnsGoods(c.type)) expect(after.body.return_address, c.id).toBe('广州市白云区 退货仓 1 号');
    }
  });

  it('keeps every main page within a 375 px phone screen', async () => {
    const page = await newPage(375, 812);
    await signIn(page, world.url, world.keys.platform!);
    for (const path of ['/arbitration', '/complaints', '/workbench', '/policy', `/cases/${world.caseIds['in_arbitration-2']}`]) {
      await page.goto(world.url + path);
      await page.waitForLoadState('networkidle');
      expect(await horizontalOverflow(page), path).toBeLessThanOrEqual(0);
      await screenshot(page, `platform${path.replace(/\//g, '-')}-375`);
    }
    // The phone's queue: the first row's time left is on screen (not scrolled off to the side),
    // and the folded filters open on demand.
    await page.goto(`${world.url}/workbench`);
    const firstCountdown = page.getByTestId('queue').getByTestId('countdown').first();
    await firstCountdown.waitFor();
    const box = (await firstCountdown.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(375);
    expect(await page.getByTestId('queue-filters').count()).toBe(0);
    await page.getByTestId('filters-toggle').click();
    await page.getByTestId('queue-filters').waitFor();
    await page.goto(`${world.url}/signin`);
    await screenshot(page, 'signin-375');
  });
});
