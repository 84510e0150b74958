// The service desk in the web console, in real Chromium against a demo server (SPEC §10.1, §10.5,
// issue 13): a buyer asks the merchant for the return address from the case page; the merchant
// sees the notification in the header, opens it, answers with a quick reply filled in; the buyer
// sees the answer. A buyer's 联系商家 from an order opens a ticket; the merchant's queue shows it by
// its SLA deadline and the merchant answers; the platform's escalated tickets. Labelled controls,
// no layout break at 375 px; screenshots in .artifacts/screenshots/.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM } from './browser/chromium.ts';
import type { ConsoleWorld } from './browser/console-world.ts';
import { browserSuite } from './browser/suite.ts';
import { horizontalOverflow, pick, PHOTO_PNG, screenshot, signIn, unlabelledControls } from './browser/page-helpers.ts';
import type { CaseMessages, NotificationPage, TicketDetail } from '../src/contract/index.ts';

const DAY = 86_400_000;

describe.skipIf(!HAVE_CHROMIUM)('the service desk in the web console', () => {
  const suite = browserSuite();
  const newPage = suite.newPage;
  let world: ConsoleWorld;
  beforeAll(() => {
    world = suite.world();
  });

  let shop = '';
  let caseId = '';
  let buyer = '';
  let buyerPage: Page;
  let merchantPage: Page;

  it('a buyer asks the merchant for the return address from the case page', async () => {
    // An open case waiting on the merchant (the return address is not given yet).
    const { rows } = await world.db.query<{ shop_id: string; case_id: string; buyer_id: string }>(
      "SELECT c.shop_id, c.case_id, o.buyer_id FROM cases c JOIN orders o ON o.shop_id = c.shop_id AND o.order_id = c.order_id WHERE c.status = 'requested' ORDER BY c.case_id LIMIT 1",
    );
    ({ shop_id: shop, case_id: caseId, buyer_id: buyer } = rows[0]!);
    buyerPage = await newPage(375, 812);
    await signIn(buyerPage, world.url, world.buyerToken(buyer));
    await buyerPage.goto(`${world.url}/cases/${caseId}`);
    await buyerPage.getByTestId('case-conversation').waitFor();
    await buyerPage.getByTestId('case-reply-text').fill('商家尚未提供退货地址, 请问寄到哪里?');
    expect(await unlabelledControls(buyerPage)).toEqual([]);
    expect(await horizontalOverflow(buyerPage)).toBeLessThanOrEqual(0);
    await buyerPage.getByTestId('case-reply-send').click();
    await expect.poll(() => buyerPage.getByTestId('case-messages-message').count()).toBe(1);
    expect(await buyerPage.getByTestId('case-messages').textContent()).toContain('商家尚未提供退货地址, 请问寄到哪里?');
    await screenshot(buyerPage, 'desk-buyer-case-ask-375');
  });

  it('the merchant sees the notification in the header, opens it and answers with a quick reply', async () => {
    const saved = await world.api(world.keys[shop]!, `/v1/shops/${shop}/quick-replies/${encodeURIComponent('退货地址')}`, {
      method: 'PUT',
      body: { text: '{buyer} 您好, 售后单 {case} 请寄回: 杭州市余杭区仓前街道 1 号 售后部' },
    });
    expect(saved.status).toBe(200);
    merchantPage = await newPage();
    await signIn(merchantPage, world.url, world.keys[shop]!);
    const bell = merchantPage.getByTestId('notifications-bell');
    await expect.poll(async () => Number(await bell.getAttribute('data-unread'))).toBeGreaterThan(0);
    await bell.click();
    await merchantPage.waitForURL(/\/notifications$/);
    const item = merchantPage.locator('[data-testid="inbox-item"][data-kind="case.message"]').first();
    expect(await item.textContent()).toContain(`买家在售后单 ${caseId} 中留言: 「商家尚未提供退货地址, 请问寄到哪里?」`);
    await screenshot(merchantPage, 'desk-merchant-inbox-1440');
    await item.click();
    await merchantPage.waitForURL(new RegExp(`/cases/${caseId}$`));
    await pick(merchantPage, 'case-reply-quick', /^退货地址$/);
    expect(await merchantPage.getByTestId('case-reply-text').inputValue()).toBe(`${buyer} 您好, 售后单 ${caseId} 请寄回: 杭州市余杭区仓前街道 1 号 售后部`);
    expect(await unlabelledControls(merchantPage)).toEqual([]);
    await merchantPage.getByTestId('case-reply-send').click();
    await expect.poll(() => merchantPage.getByTestId('case-messages-message').count()).toBe(2);
    const read = (await world.api<NotificationPage>(world.keys[shop]!, '/v1/notifications')).body;
    expect(read.data.find((n) => n.kind === 'case.message' && n.subject === `case:${caseId}`)?.read_at).not.toBeNull();
  });

  it('the buyer sees the answer, with the notification of it', async () => {
    await buyerPage.reload();
    await expect.poll(() => buyerPage.getByTestId('case-messages-message').count()).toBe(2);
    const last = buyerPage.getByTestId('case-messages-message').last();
    expect(await last.getAttribute('data-from')).toBe('merchant');
    expect(await last.textContent()).toContain('杭州市余杭区仓前街道 1 号 售后部');
    expect(Number(await buyerPage.getByTestId('notifications-bell').getAttribute('data-unread'))).toBeGreaterThan(0);
    const messages = (await world.api<CaseMessages>(world.buyerToken(buyer), `/v1/cases/${caseId}/messages`)).body.data;
    expect(messages.map((m) => m.from)).toEqual(['buyer', 'merchant']);
    await screenshot(buyerPage, 'desk-buyer-case-answer-375');
  });

  it('a buyer contacts the merchant from an order; the merchant’s queue shows the ticket by its deadline and the merchant answers', async () => {
    const { rows } = await world.db.query<{ order_id: string }>('SELECT order_id FROM orders WHERE shop_id = $1 AND buyer_id = $2 LIMIT 1', [shop, buyer]);
    const order = rows[0]!.order_id;
    const page = await newPage();
    await signIn(page, world.url, world.buyerToken(buyer));
    await page.goto(`${world.url}/buyer/orders/${shop}/${order}`);
    await page.getByTestId('contact-merchant').click();
    await page.getByTestId('contact-kind').getByText('物流').click();
    await page.getByTestId('contact-message').fill('物流三天没有更新了, 能帮忙查一下吗?');
    await page.getByTestId('contact-submit').click();
    await page.waitForURL(/\/tickets\/[^/]+$/);
    const ticketId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await expect.poll(() => page.getByTestId('ticket-status').textContent()).toBe('处理中');

    await merchantPage.goto(`${world.url}/tickets`);
    const row = merchantPage.locator('tr', { has: merchantPage.getByText(ticketId, { exact: true }) });
    await row.waitFor();
    expect(await row.getByTestId('ticket-due').getAttribute('data-urgency')).toBe('none');
    // Quick replies are kept here; one offering money for a good review is refused in words.
    await merchantPage.getByTestId('quick-reply-name').fill('催件');
    await merchantPage.getByTestId('quick-reply-text').fill('亲, 确认收货给个五星好评, 截图找客服返现 5 元哦');
    await merchantPage.getByTestId('quick-reply-save').click();
    await expect.poll(() => merchantPage.getByTestId('quick-reply-error').textContent()).toBe('快捷回复不能以返现、红包等利益诱导买家好评 (好评返现违反平台规则)');
    await merchantPage.getByTestId('quick-reply-text').fill('{buyer} 您好, 包裹已催快递加急派送, 预计 {deadline} 前送达');
    await merchantPage.getByTestId('quick-reply-save').click();
    await expect.poll(() => merchantPage.getByTestId('quick-replies').textContent()).toContain('包裹已催快递加急派送');
    expect(await unlabelledControls(merchantPage)).toEqual([]);
    await screenshot(merchantPage, 'desk-merchant-queue-1440');
    await row.getByTestId('ticket-link').click();
    await pick(merchantPage, 'ticket-reply-quick', /^催件$/);
    expect(await merchantPage.getByTestId('ticket-reply-text').inputValue()).toMatch(new RegExp(`^${buyer} 您好, 包裹已催快递加急派送, 预计 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} 前送达$`));
    await merchantPage.getByTestId('ticket-reply-text').fill('已联系快递, 明天送达');
    await merchantPage.getByTestId('ticket-reply-send').click();
    await expect.poll(() => merchantPage.getByTestId('ticket-messages-message').count()).toBe(2);
    const t = (await world.api<TicketDetail>(world.buyerToken(buyer), `/v1/tickets/${ticketId}`)).body;
    expect([t.kind, t.awaiting_response, t.messages.map((m) => m.from)]).toEqual(['logistics', false, ['buyer', 'merchant']]);
    await page.reload();
    await expect.poll(() => page.getByTestId('ticket-messages-message').count()).toBe(2);

    // SPEC §10.1: the buyer's reply carries a photo, uploaded to the ticket; the merchant sees it.
    await page.getByTestId('ticket-reply-attach').locator('input[type=file]').setInputFiles({ name: 'parcel.png', mimeType: 'image/png', buffer: PHOTO_PNG });
    await expect.poll(() => page.getByTestId('ticket-reply-attach-file').textContent()).toBe('parcel.png');
    await page.getByTestId('ticket-reply-text').fill('快递单号查不到, 附上面单照片');
    await page.getByTestId('ticket-reply-send').click();
    await expect.poll(() => page.getByTestId('ticket-messages-message').count()).toBe(3);
    const withPhoto = (await world.api<TicketDetail>(world.buyerToken(buyer), `/v1/tickets/${ticketId}`)).body.messages.at(-1)!;
    expect(withPhoto.attachments).toEqual([{ kind: 'photo', description: null, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), url: expect.stringMatching(new RegExp(`^/v1/tickets/.+/attachments/[0-9a-f]{64}$`)) }]);
    await merchantPage.reload();
    await expect.poll(() => merchantPage.getByTestId('ticket-messages-attachments').locator('img').count()).toBe(1);
    expect(await unlabelledControls(page)).toEqual([]);
  });

  it('the platform sees the tickets escalated for a missed resolution and answers them', async () => {
    const opened = await world.engine.ticketCommand(
      { kind: 'open_ticket', ticketId: 'DESK-E1', ticketKind: 'complaint', message: '客服一直不处理我的投诉', actor: { role: 'buyer', id: buyer } },
      { shopId: shop },
      { at: Date.now() - 20 * DAY },
    );
    expect(opened.ok).toBe(true);
    for (let d = await world.engine.nextDue(Date.now()); d; d = await world.engine.nextDue(Date.now())) await world.engine.fire(d);
    const page = await newPage();
    await signIn(page, world.url, world.keys.platform!);
    await page.goto(`${world.url}/tickets`);
    const row = page.locator('tr', { has: page.getByText('DESK-E1', { exact: true }) });
    await row.waitFor();
    expect(await row.getByTestId('ticket-due').getAttribute('data-urgency')).toBe('breached');
    await row.getByTestId('ticket-link').click();
    await page.getByTestId('ticket-reply-text').fill('平台已介入, 请商家今天内处理');
    await page.getByTestId('ticket-reply-send').click();
    await expect.poll(() => page.getByTestId('ticket-messages-message').count()).toBe(2);
    await page.getByTestId('ticket-resolve').click();
    await expect.poll(() => page.getByTestId('ticket-status').textContent()).toBe('已解决');
    await screenshot(page, 'desk-platform-escalated-1440');
  });
});
