// Debian's Chromium driven by playwright-core, headless. The networking flags
// matter: without them Chromium phones home (component updates, sync, field
// trials, QUIC probes), and on a machine with a closed network those
// connections are refused and slow or break page loads.
import { chromium } from 'playwright-core';
import fs from 'node:fs';

export const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * A fresh browser: playwright's launch gives it a new temporary
 * --user-data-dir (no cookies, no stored Backstage session) and --headless.
 */
export async function launchBrowser() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium) or set E2E_CHROMIUM`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
}
