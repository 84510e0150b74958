// What the browser tests do on a page: sign in, pick in an Ant Design select, wait for a case's
// status, check that controls are labelled and that nothing overflows the viewport.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export const SCREENSHOTS = join(import.meta.dirname, '..', '..', '.artifacts', 'screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Signs in through the sign-in form with a key or token; lands on the role's home page. */
export async function signIn(page: Page, base: string, token: string): Promise<void> {
  await page.goto(`${base}/signin`);
  await page.getByLabel(/API 密钥或买家令牌|API key or buyer token/).fill(token);
  await page.getByRole('button', { name: /^(登\s*录|Sign in)$/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/signin'));
}

/**
 * Opens the Ant Design select marked `testid` and picks the option showing `text`; long lists are
 * virtual (only the visible options exist), so type `search` first to bring the option in.
 */
export async function pick(page: Page, testid: string, text: string | RegExp, search?: string): Promise<void> {
  await page.getByTestId(testid).click();
  if (search) await page.keyboard.type(search);
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: text }).first().click();
}

/** Visible form controls without an accessible name (label, aria-label, aria-labelledby, title or text). */
export function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const named = (el: Element) => {
      if (el.getAttribute('aria-label') || el.getAttribute('title')) return true;
      const by = el.getAttribute('aria-labelledby');
      if (by && by.split(/\s+/).some((id) => document.getElementById(id)?.textContent?.trim())) return true;
      if ((el as HTMLInputElement).labels?.length) return true;
      if (el.closest('label')?.textContent?.trim()) return true;
      const tag = el.tagName.toLowerCase();
      return (tag === 'button' || tag === 'a') && !!el.textContent?.trim();
    };
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    return [...document.querySelectorAll('input:not([type=hidden]):not([type=file]), select, textarea, button')]
      .filter((el) => visible(el) && !named(el))
      .map((el) => el.outerHTML.slice(0, 160));
  });
}

/** How far the page scrolls sideways beyond the viewport (0: no layout break). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** A small PNG made for these tests: what a buyer's phone photo is to the server (typed by content). */
export const PHOTO_PNG = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'return-photo.png'));
