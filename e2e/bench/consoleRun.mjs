// One measured run of the shift console in a fresh browser context: the
// time to the first table rows after a cold navigation, then each filter
// action of FILTER_ACTIONS until the table shows the API's count.

import path from 'node:path';
import { PROBES_SCRIPT } from './pageProbes.mjs';
import { longTasksBetween } from './stats.mjs';

const MINUTE = 60_000;
const VIEWPORT = { width: 1400, height: 1000 };
/** The console waits this long after typing stops (FILTER_DEBOUNCE_MS). */
export const CONSOLE_DEBOUNCE_MS = 300;

function roundAll(record) {
  return Object.fromEntries(
    Object.entries(record).map(([k, v]) => [
      k,
      typeof v === 'number' ? Math.round(v) : v,
    ]),
  );
}

function countText(n) {
  return `${n} cluster${n === 1 ? '' : 's'} match.`;
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, fail) => {
      timer = setTimeout(
        () => fail(new Error(`timed out after ${ms / 1000} s: ${what}`)),
        ms,
      );
    }),
  ]);
}

/**
 * The filter actions measured in each run, in order; each names the API
 * query whose totalCount the table must show once it has caught up.
 */
export const FILTER_ACTIONS = [
  {
    name: 'type "payments" in search',
    query: { q: 'payments' },
    act: async page => {
      await page.getByLabel('Search cluster names').click();
      await page.keyboard.type('payments', { delay: 60 });
    },
  },
  {
    name: 'type "-prod" more',
    query: { q: 'payments-prod' },
    act: page => page.keyboard.type('-prod', { delay: 60 }),
  },
  {
    name: 'choose N-1 verdict "at risk"',
    query: { q: 'payments-prod', verdict: 'at-risk' },
    act: async page => {
      await page.getByRole('button', { name: /N-1 verdict/ }).click();
      await page
        .getByRole('option', { name: 'At risk if an AZ is lost' })
        .click();
    },
  },
  {
    name: 'clear filters',
    query: {},
    act: page => page.getByRole('button', { name: 'Clear filters' }).click(),
  },
];

export async function signedInState(browser, appUrl) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.goto(appUrl);
  await page.getByRole('button', { name: 'Enter' }).click({ timeout: 120_000 });
  await page
    .getByRole('link', { name: 'Fleet Resilience' })
    .first()
    .waitFor({ timeout: 60_000 });
  const state = await context.storageState();
  await context.close();
  return state;
}

/** One cold navigation (fresh context: empty HTTP cache, signed in) and the filter sequence. */
export async function measureRun(
  browser,
  { appUrl, storageState, api, total, shotDir, index },
) {
  const context = await browser.newContext({
    viewport: VIEWPORT,
    storageState,
  });
  await context.addInitScript(PROBES_SCRIPT);
  const page = await context.newPage();
  try {
    await page.goto(`${appUrl}/fleet-resilience`, { waitUntil: 'commit' });
    const firstRowsMs = await withTimeout(
      page.evaluate(() => window.__bench.whenTable()),
      2 * MINUTE,
      'first rows of the console',
    );
    const fullCountMs = await withTimeout(
      page.evaluate(text => window.__bench.whenTable(text), countText(total)),
      MINUTE,
      `"${countText(total)}"`,
    );
    const loadTasks = await page.evaluate(() => window.__bench.longTasks);
    const load = await page.evaluate(until => {
      const nav = performance.getEntriesByType('navigation')[0];
      return {
        domContentLoadedMs: nav && nav.domContentLoadedEventEnd,
        ...window.__bench.apiRequests(0, until),
      };
    }, firstRowsMs);
    const result = {
      firstRowsMs: Math.round(firstRowsMs),
      fullCountMs: Math.round(fullCountMs),
      load: roundAll(load),
      longTasksUntilRows: longTasksBetween(loadTasks, 0, firstRowsMs),
      filters: [],
    };
    if (index === 0)
      await page.screenshot({
        path: path.join(shotDir, '01-console-loaded.png'),
        fullPage: true,
      });

    for (const [i, action] of FILTER_ACTIONS.entries()) {
      const expected = (await api.clusters({ ...action.query, limit: 1 }))
        .totalCount;
      const phaseStart = await page.evaluate(() => performance.now());
      await action.act(page);
      const updatedAt = await withTimeout(
        page.evaluate(
          text => window.__bench.whenTable(text),
          countText(expected),
        ),
        MINUTE,
        `"${countText(expected)}" after ${action.name}`,
      );
      const probe = await page.evaluate(() => ({
        lastInputAt: window.__bench.lastInputAt,
        longTasks: window.__bench.longTasks,
        events: window.__bench.events,
      }));
      const slowestInput = probe.events
        .filter(e => e.start >= phaseStart && e.start < updatedAt)
        .reduce((max, e) => Math.max(max, e.duration), 0);
      result.filters.push({
        action: action.name,
        matches: expected,
        updateMs: Math.round(updatedAt - probe.lastInputAt),
        requests: roundAll(
          await page.evaluate(
            ([from, to]) => window.__bench.apiRequests(from, to),
            [phaseStart, updatedAt],
          ),
        ),
        longTasks: longTasksBetween(probe.longTasks, phaseStart, updatedAt),
        slowestInputEventMs: Math.round(slowestInput),
      });
      if (index === 0) {
        await page.screenshot({
          path: path.join(
            shotDir,
            `${String(i + 2).padStart(2, '0')}-filter-${i + 1}.png`,
          ),
          fullPage: true,
        });
      }
    }

    // Again with a warm HTTP cache (the bundle's files are content-hashed).
    await page.goto(`${appUrl}/fleet-resilience`, { waitUntil: 'commit' });
    result.warmFirstRowsMs = Math.round(
      await withTimeout(
        page.evaluate(() => window.__bench.whenTable()),
        MINUTE,
        'first rows, warm',
      ),
    );
    // And inside the app: from the catalog, a click on the console's nav item.
    await page.getByRole('link', { name: 'Catalog' }).first().click();
    await page.waitForURL(url => !url.pathname.startsWith('/fleet-resilience'));
    await page.locator('table').first().waitFor();
    await page.getByRole('link', { name: 'Fleet Resilience' }).first().click();
    const inAppRowsAt = await withTimeout(
      page.evaluate(() => window.__bench.whenTable()),
      MINUTE,
      'first rows after the in-app navigation',
    );
    result.inAppFirstRowsMs = Math.round(
      inAppRowsAt - (await page.evaluate(() => window.__bench.lastInputAt)),
    );
    return result;
  } finally {
    await context.close();
  }
}
