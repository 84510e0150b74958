// The set-up every console browser suite shares: the demo world and Chromium for the suite, a page
// of its own (own localStorage: own sign-in) per role at a viewport width, all closed afterwards.
// Call inside a `describe`.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './chromium.ts';
import { consoleWorld, type ConsoleWorld } from './console-world.ts';

export function browserSuite(): { world: () => ConsoleWorld; newPage: (width?: number, height?: number) => Promise<Page> } {
  let world: ConsoleWorld;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    world = await consoleWorld();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await world?.close();
  });
  return {
    world: () => world,
    newPage: async (width = 1440, height = 900) => {
      const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN' });
      contexts.push(context);
      return context.newPage();
    },
  };
}
