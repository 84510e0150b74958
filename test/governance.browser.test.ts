// Governance in the web console, in real Chromium against a demo server (SPEC §8.1–§8.3): a buyer
// files a 12-point complaint from an order; the merchant sees it on 违规与申诉 with its deadline
// and answers with evidence; the platform upholds it on the complaint desk; the merchant's page
// shows the points and the 7-day restriction with its end; the merchant appeals, the platform
// accepts, and the restriction is gone. The deposit: a top-up shows in the ledger. Labelled
// controls, no layout break at 375 px; screenshots in .artifacts/screenshots/.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM } from './browser/chromium.ts';
import type { ConsoleWorld } from './browser/console-world.ts';
import { browserSuite } from './browser/suite.ts';
import { horizontalOverflow, pick, screenshot, signIn, unlabelledControls } from './browser/page-helpers.ts';
import type { ComplaintDetail, DepositLedger, ShopGovernance } from '../src/contract/index.ts';

// A shop the demo gives no governance history (tb-apparel is seeded restricted with 12 points), so the
// flow starts from 0 points.
const SHOP = 'jd-digital';

describe.skipIf(!HAVE_CHROMIUM)('governance in the web console', () => {
  const suite = browserSuite();
  const newPage = suite.newPage;
  let world: ConsoleWorld;
  const status = (page: Page) => page.getByTestId('complaint-status');
  const complaint = async (id: string) => (await world.api<ComplaintDetail>(world.keys.platform!, `/v1/complaints/${id}`)).body;
  const governance = async () => (await world.api<ShopGovernance>(world.keys.platform!, `/v1/shops/${SHOP}/governance`)).body;

  beforeAll(() => {
    world = suite.world();
  });

  let complaintId = '';
  let order = '';
  let buyer = '';
  let buyerPage: Page;
  let merchantPage: Page;
  let platformPage: Page;

  it('a buyer files a complaint from the order page', async () => {
    // An order of the shop placed within the complaint window (15 days), newest first.
    const { rows } = await world.db.query<{ order_id: string; buyer_id: string }>(
      "SELECT order_id, buyer_id FROM orders WHERE shop_id = $1 ORDER BY (state->>'placedAt')::bigint DESC LIMIT 1",
      [SHOP],
    );
    order = rows[0]!.order_id;
    buyer = rows[0]!.buyer_id;

    buyerPage = await newPage();
    await signIn(buyerPage, world.url, world.buyerToken(buyer));
    await buyerPage.goto(`${world.url}/buyer/orders/${SHOP}/${order}`);
    await buyerPage.getByTestId('complain-open').click();
    await buyerPage.getByTestId('complaint-kind').getByText('描述不符').click();
    await pick(buyerPage, 'complaint-sub-kind', /^材质成分严重不符或无法使用$/);
    await buyerPage.getByTestId('complaint-note').fill('详情页写 100% 羊毛, 洗标是 30% 羊毛');
    await buyerPage.getByTestId('complaint-evidence-add').click();
    await pick(buyerPage, 'complaint-evidence-kind-0', /^照片$/);
    await buyerPage.getByTestId('complaint-evidence-description-0').fill('洗标照片: 羊毛 30%');
    expect(await unlabelledControls(buyerPage)).toEqual([]);
    expect(await horizontalOverflow(buyerPage)).toBeLessThanOrEqual(0);
    await screenshot(buyerPage, 'gov-buyer-complaint-form-1440');
    await buyerPage.getByTestId('complaint-submit').click();

    await buyerPage.waitForURL(/\/complaints\/[^/]+$/);
    complaintId = decodeURIComponent(new URL(buyerPage.url()).pathname.split('/').pop()!);
    await expect.poll(() => status(buyerPage).textContent()).toBe('待商家回应');
    const filed = await complaint(complaintId);
    expect([filed.kind, filed.sub_kind, filed.evidence.map((e) => [e.party, e.kind, e.description])]).toEqual(['misdescription', 'severe', [['buyer', 'photo', '洗标照片: 羊毛 30%']]]);
    // The buyer may withdraw while it is open; the deadline runs on the merchant's answer.
    await buyerPage.getByTestId('action-withdraw_complaint').waitFor();
    expect(await buyerPage.getByTestId('complaint-summary').textContent()).toMatch(/剩余 .*商家回应截止/);
    await screenshot(buyerPage, 'gov-buyer-complaint-1440');

    // Listed among the buyer's complaints, with its status and deadline.
    await buyerPage.goto(`${world.url}/buyer/complaints`);
    const row = buyerPage.getByTestId(`complaint-row-${complaintId}`);
    await row.waitFor();
    expect(await row.textContent()).toMatch(/描述不符.*待商家回应.*剩余/);
    await screenshot(buyerPage, 'gov-buyer-complaints-1440');
  });

  it('the merchant sees it on 违规与申诉 with its deadline and answers with evidence', async () => {
    merchantPage = await newPage();
    await signIn(merchantPage, world.url, world.keys[SHOP]!);
    await merchantPage.getByRole('menuitem', { name: '违规与申诉' }).click();
    await merchantPage.waitForURL(/\/governance$/);
    const row = merchantPage.getByTestId(`complaint-row-${complaintId}`);
    await row.waitFor();
    await expect.poll(() => row.textContent()).toMatch(/剩余 .*商家回应截止/);
    await merchantPage.getByTestId('gov-points').waitFor();
    await merchantPage.getByTestId('gov-ledger').waitFor();
    expect(await unlabelledControls(merchantPage)).toEqual([]);
    expect(await horizontalOverflow(merchantPage)).toBeLessThanOrEqual(0);
    await screenshot(merchantPage, 'gov-merchant-governance-1440');

    await row.click();
    await merchantPage.waitForURL(/\/complaints\//);
    await merchantPage.getByTestId('respond_complaint-text').fill('发货前已在详情页更正成分, 买家下单时页面为 30% 羊毛');
    await merchantPage.getByTestId('respond_complaint-evidence-add').click();
    await pick(merchantPage, 'respond_complaint-evidence-kind-0', /^聊天记录$/);
    await merchantPage.getByTestId('respond_complaint-evidence-description-0').fill('下单前客服已告知成分');
    expect(await unlabelledControls(merchantPage)).toEqual([]);
    await screenshot(merchantPage, 'gov-merchant-respond-1440');
    await merchantPage.getByTestId('respond_complaint-submit').click();
    await expect.poll(() => status(merchantPage).textContent()).toBe('平台审核中');
    await merchantPage.getByTestId('complaint-response').waitFor();
    expect((await complaint(complaintId)).evidence.filter((e) => e.party === 'merchant').map((e) => e.kind)).toEqual(['chat_log']);
  });

  it('the platform upholds it on the complaint desk, both sides side by side', async () => {
    platformPage = await newPage();
    await signIn(platformPage, world.url, world.keys.platform!);
    await platformPage.getByRole('menuitem', { name: '投诉台' }).click();
    await platformPage.waitForURL(/\/complaints$/);
    await platformPage.getByTestId(`complaint-row-${complaintId}`).click();
    await platformPage.getByTestId('complaint-evidence-buyer').getByText('洗标照片: 羊毛 30%').waitFor();
    await platformPage.getByTestId('complaint-evidence-merchant').getByText('下单前客服已告知成分').waitFor();
    // Side by side at desktop width: the merchant's column starts level with the buyer's.
    const [b, m] = await Promise.all([platformPage.getByTestId('complaint-evidence-buyer').boundingBox(), platformPage.getByTestId('complaint-evidence-merchant').boundingBox()]);
    expect(Math.abs(b!.y - m!.y)).toBeLessThan(4);
    expect(m!.x).toBeGreaterThan(b!.x);
    await platformPage.getByTestId('rule_complaint-outcome').getByText('投诉成立').click();
    await platformPage.getByTestId('rule_complaint-note').fill('洗标与详情页不符, 投诉成立');
    expect(await unlabelledControls(platformPage)).toEqual([]);
    await screenshot(platformPage, 'gov-platform-desk-1440');
    await platformPage.getByTestId('rule_complaint-submit').click();
    await expect.poll(() => status(platformPage).textContent()).toBe('投诉成立');
    await platformPage.getByTestId('complaint-ruling').waitFor();
    expect((await complaint(complaintId)).points).toBe(12);
    // Ruled, it leaves the queue.
    await expect.poll(() => platformPage.getByTestId(`complaint-row-${complaintId}`).count()).toBe(0);
    await screenshot(platformPage, 'gov-platform-ruled-1440');
  });

  it("the merchant's page shows the points and the restriction with its end (also at 375 px)", async () => {
    const g = await governance();
    expect([g.points, g.status]).toEqual([12, 'restricted']);
    expect(g.restricted_until).not.toBeNull();
    await merchantPage.goto(`${world.url}/governance`);
    await expect.poll(() => merchantPage.getByTestId('gov-points').textContent()).toMatch(/12/);
    expect(await merchantPage.getByTestId('gov-points-next').textContent()).toBe('再扣 12 分将限制 14 天');
    expect(await merchantPage.getByTestId('shop-status').textContent()).toBe('限制经营中');
    const until = g.restricted_until!.replace('T', ' ').slice(0, 16);
    expect(await merchantPage.getByTestId('gov-restricted-until').textContent()).toContain(`限制至 ${until}`);
    expect(await merchantPage.getByTestId('sanction-running').textContent()).toContain(until);
    await screenshot(merchantPage, 'gov-merchant-restricted-1440');

    const phone = await newPage(375, 812);
    await signIn(phone, world.url, world.keys[SHOP]!);
    await phone.goto(`${world.url}/governance`);
    await phone.getByTestId('sanction-running').waitFor();
    await phone.getByTestId('gov-ledger').locator('.ant-table').waitFor();
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    expect(await unlabelledControls(phone)).toEqual([]);
    await screenshot(phone, 'gov-merchant-governance-375');
    await phone.goto(`${world.url}/complaints/${complaintId}`);
    await status(phone).waitFor();
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    await screenshot(phone, 'gov-merchant-complaint-375');
  });

  it('the merchant appeals, the platform accepts, and the restriction is gone', async () => {
    await merchantPage.goto(`${world.url}/complaints/${complaintId}`);
    await merchantPage.getByTestId('appeal-text').fill('买家下单前已确认成分, 见聊天记录');
    await merchantPage.getByTestId('appeal-evidence-add').click();
    await merchantPage.getByTestId('appeal-evidence-description-0').fill('聊天记录截图: 买家确认 30% 羊毛');
    await merchantPage.getByTestId('appeal-submit').click();
    await expect.poll(() => status(merchantPage).textContent()).toBe('申诉中');
    await merchantPage.getByTestId('complaint-appeal').waitFor();
    await screenshot(merchantPage, 'gov-merchant-appealed-1440');

    await platformPage.goto(`${world.url}/complaints`);
    await platformPage.getByTestId(`complaint-row-${complaintId}`).click();
    await platformPage.getByTestId('rule_appeal-outcome').getByText('申诉成立, 撤销扣分').click();
    await screenshot(platformPage, 'gov-platform-appeal-1440');
    await platformPage.getByTestId('rule_appeal-submit').click();
    await expect.poll(() => status(platformPage).textContent()).toBe('申诉成功');
    expect((await complaint(complaintId)).points).toBe(0);

    const g = await governance();
    expect([g.points, g.status, g.restricted_until]).toEqual([0, 'active', null]);
    await merchantPage.goto(`${world.url}/governance`);
    await expect.poll(() => merchantPage.getByTestId('shop-status').textContent()).toBe('正常经营');
    expect(await merchantPage.getByTestId('gov-restricted-until').count()).toBe(0);
    expect(await merchantPage.getByTestId('sanction-running').count()).toBe(0);
    expect(await merchantPage.getByTestId('sanction-ended').count()).toBe(1);
    await screenshot(merchantPage, 'gov-merchant-reversed-1440');
  });

  it('a deposit top-up shows in the ledger', async () => {
    const before = await governance();
    await merchantPage.goto(`${world.url}/governance`);
    await merchantPage.getByLabel('补缴金额 (元)').fill('500');
    await merchantPage.getByTestId('topup-submit').click();
    await expect.poll(async () => (await governance()).deposit.balance).toBe(before.deposit.balance + 50_000);
    const ledger = (await world.api<DepositLedger>(world.keys[SHOP]!, `/v1/shops/${SHOP}/deposit/ledger`)).body.data;
    expect(ledger.at(-1)).toMatchObject({ kind: 'topup', amount: 50_000, balance_after: before.deposit.balance + 50_000 });
    await expect.poll(() => merchantPage.getByTestId('gov-ledger').locator('tbody tr.ant-table-row').first().textContent()).toContain('+¥500.00');
    expect(await merchantPage.getByTestId('deposit-balance').textContent()).toContain(`¥${((before.deposit.balance + 50_000) / 100).toFixed(2)}`);
    await screenshot(merchantPage, 'gov-merchant-deposit-1440');
  });

  it('says it all in English too', async () => {
    await merchantPage.getByTestId('lang-switch').getByText('EN').click();
    await expect.poll(() => merchantPage.getByRole('menuitem', { name: 'Violations & appeals' }).isVisible()).toBe(true);
    await expect.poll(() => merchantPage.getByTestId('shop-status').textContent()).toBe('Active');
    expect(await merchantPage.getByTestId('gov-points-next').textContent()).toBe('12 more points: restricted 7 days');
    await merchantPage.getByTestId('gov-ledger').locator('tr.ant-table-row').first().waitFor();
    const text = (await merchantPage.locator('.as-content').textContent()) ?? '';
    // No key shown for want of a word, no Chinese left on the page.
    expect(text).not.toMatch(/\b(gov|complaint\w*|sanction|shopStatus|ledger)\.\w/);
    expect(text.match(/[\u4e00-\u9fff]+/g)).toBeNull();
    await screenshot(merchantPage, 'gov-merchant-governance-en-1440');
    await merchantPage.goto(`${world.url}/complaints/${complaintId}`);
    await expect.poll(() => status(merchantPage).textContent()).toBe('Reversed on appeal');
    await screenshot(merchantPage, 'gov-merchant-complaint-en-1440');
    await merchantPage.getByTestId('lang-switch').getByText('中文').click();
    await expect.poll(() => status(merchantPage).textContent()).toBe('申诉成功');
  });

  it('the platform reaches the shop from the desk; the pages hold at 375 px', async () => {
    await platformPage.goto(`${world.url}/complaints/${complaintId}`);
    await platformPage.getByTestId('complaint-summary').getByRole('link', { name: SHOP }).click();
    await platformPage.waitForURL(new RegExp(`/governance/${SHOP}$`));
    await platformPage.getByTestId('gov-status').waitFor();
    // The platform records no top-up for the shop from here, and reopens only a closed shop.
    expect(await platformPage.getByTestId('topup-form').count()).toBe(0);
    expect(await platformPage.getByTestId('gov-reopen').count()).toBe(0);
    await screenshot(platformPage, 'gov-platform-shop-1440');

    const phone = await newPage(375, 812);
    await signIn(phone, world.url, world.keys.platform!);
    for (const path of ['/complaints', `/complaints/${complaintId}`, `/governance/${SHOP}`]) {
      await phone.goto(world.url + path);
      await phone.waitForLoadState('networkidle');
      await screenshot(phone, `gov-platform${path.replace(complaintId, 'detail').replace(/\//g, '-')}-375`);
      // Measured once the header's menu has folded its items for the width.
      await expect.poll(() => horizontalOverflow(phone), { message: path }).toBeLessThanOrEqual(0);
    }
    const buyerPhone = await newPage(375, 812);
    await signIn(buyerPhone, world.url, world.buyerToken(buyer));
    for (const path of ['/buyer/complaints', `/complaints/${complaintId}`, `/buyer/orders/${SHOP}/${order}`]) {
      await buyerPhone.goto(world.url + path);
      await buyerPhone.waitForLoadState('networkidle');
      await expect.poll(() => horizontalOverflow(buyerPhone), { message: path }).toBeLessThanOrEqual(0);
    }
    await buyerPhone.getByTestId('complain-open').click();
    await buyerPhone.getByTestId('complaint-form').waitFor();
    expect(await horizontalOverflow(buyerPhone)).toBeLessThanOrEqual(0);
    expect(await unlabelledControls(buyerPhone)).toEqual([]);
    await screenshot(buyerPhone, 'gov-buyer-complaint-form-375');
  });
});
