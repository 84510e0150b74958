// Shop metrics in the web console, in real Chromium against the demo (SPEC §8.4–§8.5): the
// platform's category view ranks the fruit shops by 介入率 and names the shop restricted and the
// one watched this period; a shop's dashboard shows each metric against the category average with
// its 90-day trend and the governance line, the cases behind the 介入率 one click away; the
// merchant sees its own numbers and exports them as CSV. Labelled controls, no layout break at
// 375 px; screenshots in .artifacts/screenshots/.
import { beforeAll, describe, expect, it } from 'vitest';
import type { CategoryMetrics, ShopMetrics } from '../src/contract/index.ts';
import { HAVE_CHROMIUM } from './browser/chromium.ts';
import type { ConsoleWorld } from './browser/console-world.ts';
import { browserSuite } from './browser/suite.ts';
import { horizontalOverflow, screenshot, signIn, unlabelledControls } from './browser/page-helpers.ts';

describe.skipIf(!HAVE_CHROMIUM)('shop metrics in the web console', () => {
  const suite = browserSuite();
  const newPage = suite.newPage;
  let world: ConsoleWorld;
  beforeAll(() => {
    world = suite.world();
  });

  it('the platform ranks a category’s shops and sees who is watched and restricted this period', async () => {
    const api = (await world.api<CategoryMetrics>(world.keys.platform!, '/v1/metrics/categories/fresh')).body;
    const page = await newPage();
    await signIn(page, world.url, world.keys.platform!);
    await page.goto(`${world.url}/indicators`);
    const input = page.getByTestId('category-input');
    await input.fill('fresh');
    await input.press('Enter');
    const rows = page.getByTestId('category-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(api.shops.length);
    // Ranked by intervention rate, highest first, as the API ranks them.
    expect(await rows.first().locator('td').nth(1).textContent()).toContain(api.shops[0]!.shop);
    expect(api.shops[0]!.shop).toBe('pdd-orchard');
    const flagged = page.getByTestId('category-flagged');
    await expect.poll(() => flagged.textContent()).toMatch(/pdd-orchard.*限制经营中/);
    expect(await flagged.textContent()).toMatch(/pdd-farm.*重点观察中/);
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'metrics-category-1440');
    const download = page.waitForEvent('download');
    await page.getByTestId('export-category').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('metrics-fresh.csv');
  });

  it('a shop’s dashboard: each metric against the average, its trend, the cases behind the 介入率', async () => {
    const api = (await world.api<ShopMetrics>(world.keys.platform!, '/v1/shops/pdd-orchard/metrics')).body;
    expect(api.status).toBe('restricted');
    const page = await newPage();
    await signIn(page, world.url, world.keys.platform!);
    await page.goto(`${world.url}/indicators/pdd-orchard`);
    const card = page.getByTestId('metric-intervention_rate');
    await card.waitFor();
    expect(await card.textContent()).toContain(`${(api.metrics.intervention_rate! * 100).toFixed(2)}%`);
    expect(await card.textContent()).toContain(`行业均值 ${(api.category_average.intervention_rate! * 100).toFixed(2)}%`);
    expect(await card.textContent()).toContain(`类目排名 第 ${api.rank.intervention_rate}`);
    // The trend chart says in words what it draws (the shop's value and the average).
    expect(await page.getByTestId('trend-intervention_rate').getAttribute('aria-label')).toMatch(/^介入率: \d+\.\d\d% \/ 行业均值 \d+\.\d\d%$/);
    expect(await page.getByTestId('shop-dashboard').textContent()).toMatch(/站内信 2 封/);
    await screenshot(page, 'metrics-shop-restricted-1440');
    await page.getByTestId('behind-intervention_rate').click();
    const facts = page.getByTestId('metric-facts');
    const links = facts.locator('a[href^="/complaints/"]');
    await expect.poll(() => links.count()).toBe(api.metrics.intervention_volume);
    await links.first().click();
    await page.waitForURL(/\/complaints\/KM-pdd-orchard-/);
  });

  it('a merchant sees its own numbers, exports them, and the page holds at 375 px', async () => {
    const page = await newPage(375, 812);
    await signIn(page, world.url, world.keys['pdd-fresh']!);
    await page.goto(`${world.url}/indicators`);
    await page.getByTestId('metric-refund_rate').waitFor();
    const own = (await world.api<ShopMetrics>(world.keys['pdd-fresh']!, '/v1/shops/pdd-fresh/metrics')).body;
    expect(await page.getByTestId('shop-dashboard').textContent()).toContain(`支付订单 ${own.paid} 笔`);
    // SPEC §10.1: the desk's numbers beside the others — the demo's breached complaint ticket shows in the rate.
    expect(own.metrics.ticket_sla_breach_rate).toBeGreaterThan(0);
    const breach = await page.getByTestId('metric-ticket_sla_breach_rate').textContent();
    expect(breach).toMatch(/^工单超时率/);
    expect(breach).toContain(`${(own.metrics.ticket_sla_breach_rate! * 100).toFixed(2)}%行业均值`);
    const csat = await page.getByTestId('metric-csat_avg').textContent();
    expect(csat).toMatch(/^工单满意度 \(1–5\)/);
    expect(csat).toContain(`${own.metrics.csat_avg === null ? '—' : String(own.metrics.csat_avg)}行业均值`);
    expect(await unlabelledControls(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'metrics-merchant-375');
    const download = page.waitForEvent('download');
    await page.getByTestId('export-series').click();
    expect((await download).suggestedFilename()).toBe('metrics-pdd-fresh.csv');
    // Another shop's numbers are not the merchant's to see.
    expect((await world.api(world.keys['pdd-fresh']!, '/v1/shops/pdd-orchard/metrics')).status).toBe(404);
  });
});
