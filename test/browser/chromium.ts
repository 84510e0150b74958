// Debian's Chromium driven by playwright-core (never a downloaded browser). With CI=true a missing
// Chromium fails the run; locally the browser tests are skipped with a loud message.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);

if (!HAVE_CHROMIUM) {
  if (process.env.CI === 'true') throw new Error(`Chromium is required in CI but ${CHROMIUM} is missing: apt-get install chromium`);
  console.warn(`\n*** Chromium not found at ${CHROMIUM} (apt-get install chromium): SKIPPING the browser tests ***\n`);
}

/**
 * Headless, and without the background connections Chromium makes at start (this machine's
 * network is closed: they fail loudly and slowly). playwright gives each launch a fresh profile.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
