// Automation in the web console, in real Chromium against a demo server (SPEC §10.2-§10.4): a
// merchant writes a rule on 自动化规则 (conditions in words), sees its backtest before it can be
// saved, saves it (off), switches it on — and the next application is agreed by it, named in the
// case's timeline. The merchant's case page shows the buyer's risk badge and the suggestions; the
// platform sees its high-risk buyers. Labelled controls, no overflow at 375 px.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM } from './browser/chromium.ts';
import type { ConsoleWorld } from './browser/console-world.ts';
import { browserSuite } from './browser/suite.ts';
import { horizontalOverflow, pick, screenshot, signIn, unlabelledControls } from './browser/page-helpers.ts';
import type { AutomationSettings, CaseDetail } from '../src/contract/index.ts';

// Pinduoduo has no platform instant refund: what acts is the merchant's own rule.
const SHOP = 'pdd-fresh';

describe.skipIf(!HAVE_CHROMIUM)('automation in the web console', () => {
  const suite = browserSuite();
  const newPage = suite.newPage;
  let world: ConsoleWorld;
  beforeAll(() => {
    world = suite.world();
  });

  let merchant: Page;

  it('a merchant writes a rule, sees its backtest, saves it and switches it on', async () => {
    merchant = await newPage();
    await signIn(merchant, world.url, world.keys[SHOP]!);
    await merchant.getByRole('menuitem', { name: '自动化规则' }).click();
    await merchant.waitForURL(/\/automation$/);
    await merchant.getByTestId('rule-name').fill('未发货小额极速退款');
    await pick(merchant, 'rule-order-status', /^待发货$/);
    await merchant.keyboard.press('Escape');
    await pick(merchant, 'rule-type', /^仅退款$/);
    await merchant.keyboard.press('Escape');
    await merchant.getByTestId('rule-max-amount').fill('500');
    await expect.poll(() => merchant.getByTestId('rule-preview').textContent()).toBe('订单待发货 · 仅退款 · 金额 ≤ ¥500.00 → 自动同意');
    // Saving waits for a backtest.
    expect(await merchant.getByTestId('rule-save').isDisabled()).toBe(true);
    await merchant.getByTestId('rule-backtest').click();
    await merchant.getByTestId('backtest-report').waitFor();
    expect(await merchant.getByTestId('backtest-report').textContent()).toMatch(/近 30 天售后单 \d+ 个.*规则会自动处理 \d+ 个/);
    expect(await unlabelledControls(merchant)).toEqual([]);
    await screenshot(merchant, 'auto-rule-backtest-1440');
    await merchant.getByTestId('rule-save').click();
    const list = merchant.getByTestId('rule-list');
    await list.waitFor();
    const rules = async () => (await world.api<AutomationSettings>(world.keys[SHOP]!, `/v1/shops/${SHOP}/rules`)).body.rules;
    await expect.poll(async () => (await rules()).map((r) => [r.name, r.enabled])).toEqual([['未发货小额极速退款', false]]);
    const id = (await rules())[0]!.id;
    expect(await merchant.getByTestId(`rule-words-${id}`).textContent()).toBe('订单待发货 · 仅退款 · 金额 ≤ ¥500.00 → 自动同意');
    await merchant.getByTestId(`rule-enabled-${id}`).click();
    await expect.poll(async () => (await rules())[0]!.enabled).toBe(true);
    await screenshot(merchant, 'auto-rules-1440');
  });

  it('the merchant reorders rules by dragging one above another (the order they are checked in)', async () => {
    const path = `/v1/shops/${SHOP}/rules`;
    const first = (await world.api<AutomationSettings>(world.keys[SHOP]!, path)).body.rules;
    const second = { id: 'keep-cheap', name: '低价商品仅退款', enabled: false, when: { type: ['return_refund'], max_amount: 3000 }, then: 'returnless_refund' };
    const put = await world.api<AutomationSettings>(world.keys[SHOP]!, path, { method: 'PUT', body: { rules: [...first, second] } });
    expect(put.status).toBe(200);
    await merchant.reload();
    await merchant.getByTestId('rule-keep-cheap').waitFor();
    await merchant.getByTestId('rule-keep-cheap').dragTo(merchant.getByTestId(`rule-${first[0]!.id}`));
    await expect.poll(async () => (await world.api<AutomationSettings>(world.keys[SHOP]!, path)).body.rules.map((r) => r.id)).toEqual(['keep-cheap', first[0]!.id]);
    // Put the first rule back first: the next test's application is for it.
    await world.api<AutomationSettings>(world.keys[SHOP]!, path, { method: 'PUT', body: { rules: first } });
    await merchant.reload();
  });

  it('the next application is handled by the rule, named in the timeline; the merchant sees the risk badge', async () => {
    // An unshipped order of the shop without a case.
    const { rows } = await world.db.query<{ order_id: string; buyer_id: string }>(
      `SELECT o.order_id, o.buyer_id FROM orders o WHERE o.shop_id = $1 AND o.status = 'paid'
       AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.shop_id = o.shop_id AND c.order_id = o.order_id)
       AND (o.state->'lines'->0->>'paidAmount')::int <= 50000 ORDER BY o.order_id LIMIT 1`,
      [SHOP],
    );
    const { order_id: order, buyer_id: buyer } = rows[0]!;
    const applied = await world.api<CaseDetail>(world.buyerToken(buyer), `/v1/shops/${SHOP}/orders/${order}/cases`, { body: { type: 'refund_only', reason: 'no_longer_needed' } });
    expect(applied.status).toBe(201);
    expect(applied.body).toMatchObject({ status: 'completed', automated_by: expect.any(String) });
    await merchant.goto(`${world.url}/cases/${encodeURIComponent(applied.body.id)}`);
    await merchant.getByTestId('case-detail').waitFor();
    await expect.poll(() => merchant.getByTestId('case-status').textContent()).toBe('已完成');
    expect(await merchant.getByTestId('case-detail').textContent()).toContain('规则「未发货小额极速退款」自动同意');
    await merchant.getByTestId('risk-badge').waitFor();
    expect(await merchant.getByTestId('risk-badge').textContent()).toMatch(/^(低|中|高)风险 · \d+$/);
    await screenshot(merchant, 'auto-case-by-rule-1440');
  });

  it('the merchant sees suggestions on an open case and offers one with a click', async () => {
    const { rows } = await world.db.query<{ case_id: string }>("SELECT case_id FROM cases WHERE shop_id = 'tm-beauty' AND status = 'requested' ORDER BY case_id LIMIT 1");
    const caseId = rows[0]!.case_id;
    const page = await newPage();
    await signIn(page, world.url, world.keys['tm-beauty']!);
    await page.goto(`${world.url}/cases/${encodeURIComponent(caseId)}`);
    await page.getByTestId('suggestions').waitFor();
    const offers = page.locator('[data-testid^="suggestion-offer-"]');
    expect(await offers.count()).toBeGreaterThan(0);
    await screenshot(page, 'auto-suggestions-1440');
    await offers.first().click();
    await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('待买家确认方案');
  });

  it('the platform sees its high-risk buyers; the pages fit a phone', async () => {
    const page = await newPage();
    await signIn(page, world.url, world.keys.platform!);
    await page.getByRole('menuitem', { name: '高风险买家' }).click();
    await page.getByTestId('risky-buyers').waitFor();
    // A row opens on the shops its signals came from (the platform only, SPEC §10.4).
    const risky = (await world.api<{ data: { buyer: string }[] }>(world.keys.platform!, '/v1/buyers/risky?min_score=30')).body.data;
    expect(risky.length).toBeGreaterThan(0);
    await page.getByTestId('risky-buyers').locator('.ant-table-row-expand-icon').first().click();
    const shops = page.getByTestId(`risky-shops-${risky[0]!.buyer}`);
    await shops.waitFor();
    expect(await shops.locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    await screenshot(page, 'auto-risky-buyers-1440');
    const phone = await newPage(375, 800);
    await signIn(phone, world.url, world.keys[SHOP]!);
    await phone.goto(`${world.url}/automation`);
    await phone.getByTestId('rule-list').waitFor();
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    expect(await unlabelledControls(phone)).toEqual([]);
    await screenshot(phone, 'auto-rules-375');
  });
});
