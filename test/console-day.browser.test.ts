// A console for a day's work (issue 16), in Chromium against the demo: the case page's dossier
// button gives the case's PDF; a buyer's orders come newest first under their shops' names; the
// policy viewer says parameters, values and sources in words, and its unit picker saves an
// override the API then reports, shown against the pack's value; and a screenshot of every role's
// main pages at 1440 and 375 px (.artifacts/screenshots/<page>-<width>.png).
import { readFileSync, statSync } from 'node:fs';
import { PDFParse } from 'pdf-parse';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM } from './browser/chromium.ts';
import type { ConsoleWorld } from './browser/console-world.ts';
import { browserSuite } from './browser/suite.ts';
import { pick, screenshot, signIn, unlabelledControls } from './browser/page-helpers.ts';
import { DEMO_SHOPS } from '../src/app/demo-seed.ts';

type Orders = { data: { id: string; shop: string; shop_name: string | null; placed_at: string }[] };
type ShopPolicy = { overrides: Record<string, unknown>; parameters: { name: string; value: string | null; overridden: boolean }[] };

describe.skipIf(!HAVE_CHROMIUM)('a console for a day’s work', () => {
  const suite = browserSuite();
  let world: ConsoleWorld;
  beforeAll(() => {
    world = suite.world();
  });

  it('downloads the case dossier from the case page: a PDF of that case', async () => {
    const id = world.caseIds['in_arbitration-1']!;
    const page = await suite.newPage();
    await signIn(page, world.url, world.keys.platform!);
    await page.goto(`${world.url}/cases/${id}`);
    await page.getByTestId('case-status').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('dossier-download').click()]);
    expect(download.suggestedFilename()).toBe(`dossier-${id}.pdf`);
    const pdf = readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = (await new PDFParse({ data: new Uint8Array(pdf) }).getText()).text.replace(/\s+/g, ' ');
    expect(text).toContain(id);
    expect(text).toContain(`aftersale history verify ${id}`);
    expect(await unlabelledControls(page)).toEqual([]);
  });

  it('lists a buyer’s orders newest first, under the shops’ names', async () => {
    // A buyer of the demo's four shops with orders at more than one of them.
    const { rows } = await world.db.query<{ buyer_id: string }>(
      'SELECT buyer_id FROM orders WHERE shop_id = ANY($1::text[]) GROUP BY buyer_id HAVING count(DISTINCT shop_id) > 1 ORDER BY count(*) DESC, buyer_id LIMIT 1',
      [DEMO_SHOPS.map((s) => s.id)],
    );
    const buyer = rows[0]!.buyer_id;
    const token = world.buyerToken(buyer);
    const api = (await world.api<Orders>(token, '/v1/orders?limit=20&sort=placed')).body.data;
    expect(api.length).toBeGreaterThan(1);
    const placed = api.map((o) => Date.parse(o.placed_at));
    expect(placed).toEqual([...placed].sort((a, b) => b - a));
    const page = await suite.newPage(375, 812);
    await signIn(page, world.url, token);
    const shops = page.locator('[data-testid^="order-shop-"]');
    await expect.poll(() => shops.count()).toBe(api.length);
    const shown = await shops.evaluateAll((els) => els.map((e) => ({ id: e.getAttribute('data-testid')!.slice('order-shop-'.length), text: e.textContent?.trim() })));
    expect(shown.map((s) => s.id)).toEqual(api.map((o) => o.id));
    const names = new Map<string, string>(DEMO_SHOPS.map((s) => [s.id, s.name]));
    for (const [i, o] of api.entries()) {
      expect(shown[i]!.text, o.id).toBe(names.get(o.shop));
      expect(o.shop_name).toBe(names.get(o.shop));
    }
    expect(new Set(api.map((o) => o.shop)).size).toBeGreaterThan(1);
  });

  it('shows the policy in words, and its unit picker saves an override the API reports', async () => {
    const page = await suite.newPage();
    await signIn(page, world.url, world.keys['tb-apparel']!);
    await page.goto(`${world.url}/policy`);
    const table = page.getByTestId('shop-policy-params');
    await table.locator('[data-testid="value-business_hours"]').waitFor();
    expect(await table.locator('[data-testid="value-business_hours"]').textContent()).toBe('工作日 9:00–18:00');
    expect(await table.locator('[data-testid="param-buyer_return_shipment"]').textContent()).toBe('买家退货时限');
    const words = (await table.textContent()) ?? '';
    // Names, values and sources in words: no JSON, no parameter codes, no maintainers' references.
    expect(words).not.toMatch(/\{"|buyer_return_shipment|SPEC|seed \d/);
    expect(await page.getByTestId('policy-params').textContent()).toContain('《网络购买商品七日无理由退货暂行办法》第三条');

    // 10 days to send a return back (the pack's 7): typed as a number and a unit.
    await pick(page, 'override-name', /^买家退货时限$/, '买家退货');
    await expect.poll(() => page.getByTestId('override-form').textContent()).toContain('当前 7 天');
    await page.getByTestId('override-amount').fill('10');
    await pick(page, 'override-unit', /^天$/);
    expect(await unlabelledControls(page)).toEqual([]);
    await page.getByTestId('override-submit').click();
    await expect.poll(async () => (await world.api<ShopPolicy>(world.keys['tb-apparel']!, '/v1/shops/tb-apparel/policy')).body.overrides.buyer_return_shipment).toBe('10d');
    // The diff: the pack's value against the shop's, in words.
    await expect.poll(() => page.getByTestId('diff-buyer_return_shipment').textContent()).toMatch(/规则包\s*7 天.*本店\s*10 天/);
    await screenshot(page, 'policy-override-1440');
    // 72 hours, with the unit changed.
    await pick(page, 'override-name', /^买家退货时限$/, '买家退货');
    // The form starts from the value in force (the 10 days just saved) before it is changed.
    await expect.poll(() => page.getByTestId('override-form').textContent()).toContain('当前 10 天');
    await page.getByTestId('override-amount').fill('240');
    await pick(page, 'override-unit', /^小时$/);
    await expect.poll(() => page.getByTestId('override-unit').textContent()).toContain('小时');
    await page.getByTestId('override-submit').click();
    await expect.poll(async () => (await world.api<ShopPolicy>(world.keys['tb-apparel']!, '/v1/shops/tb-apparel/policy')).body.overrides.buyer_return_shipment).toBe('240h');
    // English too.
    await page.getByTestId('lang-switch').getByText('EN').click();
    await expect.poll(() => table.locator('[data-testid="value-business_hours"]').textContent()).toBe('working days 9:00–18:00');
    await expect.poll(() => page.getByTestId('diff-buyer_return_shipment').textContent()).toMatch(/Pack\s*7 days.*This shop\s*240 h/);
    await page.getByTestId('lang-switch').getByText('中文').click();
  });

  /** Opens `path`, lets its data arrive, and saves it as <name>-<width>.png at both widths. */
  async function shoot(page: Page, path: string, name: string): Promise<void> {
    for (const [width, height] of [[1440, 900], [375, 812]] as const) {
      await page.setViewportSize({ width, height });
      await page.goto(world.url + path);
      await page.waitForLoadState('networkidle');
      await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning'), null, { timeout: 10_000 }).catch(() => undefined);
      // The page shows what it is for, not an error (a case of another shop, a refused read).
      expect(await page.locator('.ant-alert-error').count(), `${name} ${path}`).toBe(0);
      const file = await screenshot(page, `${name}-${width}`);
      expect(statSync(file).size, file).toBeGreaterThan(10_000);
    }
  }

  /** Signs in with `token` and shoots each page. */
  async function shootAs(token: string, pages: readonly (readonly [path: string, name: string])[]): Promise<void> {
    const page = await suite.newPage();
    await signIn(page, world.url, token);
    for (const [path, name] of pages) await shoot(page, path, name);
  }

  it('writes screenshots of the merchant’s main pages at 1440 and 375 px', async () => {
    const own = (await world.api<{ shop: string }>(world.keys.platform!, `/v1/cases/${world.caseIds['requested-1']}`)).body.shop;
    expect(own).toBe('tb-apparel');
    await shootAs(world.keys['tb-apparel']!, [
      ['/workbench', 'queue'],
      [`/cases/${world.caseIds['requested-1']}`, 'case'],
      ['/policy', 'policy'],
      ['/governance', 'governance'],
      ['/tickets', 'desk'],
      ['/automation', 'automation'],
      ['/indicators', 'metrics'],
    ]);
  }, 180_000);

  it('writes screenshots of the platform’s main pages at 1440 and 375 px', async () => {
    await shootAs(world.keys.platform!, [
      ['/arbitration', 'arbitration'],
      [`/cases/${world.caseIds['in_arbitration-2']}`, 'case-platform'],
      ['/complaints', 'complaints'],
      ['/buyers', 'risky-buyers'],
      ['/governance/tb-apparel', 'governance-platform'],
      ['/indicators', 'metrics-platform'],
    ]);
  }, 180_000);

  it('writes screenshots of the buyer’s main pages at 1440 and 375 px', async () => {
    const id = world.caseIds['offer_pending-2']!;
    const buyer = (await world.api<{ buyer: string }>(world.keys.platform!, `/v1/cases/${id}`)).body.buyer;
    await shootAs(world.buyerToken(buyer), [
      ['/buyer/orders', 'buyer-orders'],
      ['/buyer/cases', 'buyer-cases'],
      [`/cases/${id}`, 'case-buyer'],
      ['/tickets', 'desk-buyer'],
    ]);
  }, 180_000);
});
