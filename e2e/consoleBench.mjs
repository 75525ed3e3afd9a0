// The shift console on a generated fleet (default 1,000 clusters): time from
// navigation to the first table rows, and from the user's last input to the
// updated table while filtering, with the main thread's long tasks, in
// headless Chromium. Prints JSON and writes it to results.json.
//
// By default the frontend is the production build (`backstage-cli package
// build` of packages/app) served by the backend's app plugin on :7007;
// `--dev` measures the `npm start` dev server on :3000 instead.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../scripts/lib/toolchain.mjs';
import {
  createBackendApi,
  guestToken,
  waitForRefresh,
} from './lib/backendApi.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { startBackendOnly, startPortal, waitFor } from './lib/portal.mjs';
import { benchConfig, writeGeneratedFleet } from './bench/generatedFleet.mjs';
import { configFileText, mergeConfig } from './lib/configFile.mjs';
import { choosePorts, portsConfig, urlsOf } from './lib/ports.mjs';
import { PROBES_SCRIPT } from './bench/pageProbes.mjs';
import { longTasksBetween, summarize } from './bench/stats.mjs';

const MINUTE = 60_000;
const VIEWPORT = { width: 1400, height: 1000 };
/** The console waits this long after typing stops (FILTER_DEBOUNCE_MS). */
const CONSOLE_DEBOUNCE_MS = 300;

function roundAll(record) {
  return Object.fromEntries(
    Object.entries(record).map(([k, v]) => [
      k,
      typeof v === 'number' ? Math.round(v) : v,
    ]),
  );
}

/**
 * Refresh, search and reconciler schedules stretched so the measurement runs
 * between refreshes: a full refresh of 1,000 clusters takes longer than the
 * embedded default's one-minute cadence, so with the defaults the backend
 * never rests and the figures measure the refresh as much as the console.
 */
const QUIET_SCHEDULES = {
  fleetResilience: {
    refresh: {
      aws: {
        schedule: {
          frequency: { minutes: 30 },
          timeout: { minutes: 10 },
          initialDelay: { seconds: 5 },
        },
      },
      kubernetes: {
        schedule: {
          frequency: { minutes: 30 },
          timeout: { minutes: 10 },
          initialDelay: { seconds: 10 },
        },
      },
    },
  },
  search: {
    collators: {
      fleetResilience: {
        schedule: {
          frequency: { minutes: 30 },
          timeout: { minutes: 10 },
          initialDelay: { seconds: 45 },
        },
      },
    },
  },
};

function log(message) {
  process.stderr.write(`[bench] ${message}\n`);
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

function run(command, args, { env, logFile }) {
  return new Promise((done, fail) => {
    const out = fs.openSync(logFile, 'w');
    const child = spawn(command, args, {
      cwd: repoRoot,
      env,
      stdio: ['ignore', out, out],
    });
    fs.closeSync(out);
    child.once('error', fail);
    child.once('exit', code =>
      code === 0
        ? done()
        : fail(
            new Error(
              `${command} ${args.join(
                ' ',
              )} exited with ${code}; see ${logFile}`,
            ),
          ),
    );
  });
}

/**
 * The filter actions measured in each run, in order; each names the API
 * query whose totalCount the table must show once it has caught up.
 */
const FILTER_ACTIONS = [
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

async function signedInState(browser, appUrl) {
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
async function measureRun(
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

export async function runConsoleBench({
  env,
  artifacts,
  clusters,
  nodes,
  pods,
  runs,
  production,
  busy = false,
  seed = 42,
}) {
  fs.rmSync(artifacts, { recursive: true, force: true });
  fs.mkdirSync(artifacts, { recursive: true });
  const { ports } = await choosePorts();
  const { frontend, backend: BACKEND } = urlsOf(ports);
  const appUrl = production ? BACKEND : frontend;

  const fleet = writeGeneratedFleet(artifacts, { clusters, nodes, pods, seed });
  const configFile = path.join(artifacts, 'app-config.bench.yaml');
  fs.writeFileSync(
    configFile,
    configFileText(
      mergeConfig(
        portsConfig(ports),
        busy ? {} : QUIET_SCHEDULES,
        benchConfig({
          fleetFile: fleet.file,
          accounts: fleet.accounts,
          appBaseUrl: production ? BACKEND : undefined,
        }),
      ),
    ),
  );
  log(
    `generated fleet: ${clusters} clusters x ${nodes} nodes x ${pods} pods (seed ${seed}) in ${fleet.file}`,
  );

  const appDist = path.join(repoRoot, 'packages/app/dist');
  const distExisted = fs.existsSync(appDist);
  let buildMs;
  if (production) {
    log('building the frontend (backstage-cli package build in packages/app)');
    const t0 = Date.now();
    await run('yarn', ['workspace', 'app', 'build'], {
      env,
      logFile: path.join(artifacts, 'app-build.log'),
    });
    buildMs = Date.now() - t0;
    log(`frontend built in ${Math.round(buildMs / 1000)} s`);
  }

  const configs = ['app-config.yaml', configFile];
  const portal = production
    ? startBackendOnly({
        env,
        configs,
        logFile: path.join(artifacts, 'portal.log'),
      })
    : startPortal({
        env,
        args: configs.flatMap(config => [
          '--config',
          path.resolve(repoRoot, config),
        ]),
        logFile: path.join(artifacts, 'portal.log'),
      });
  let browser;
  try {
    await waitFor('the backend', `${BACKEND}/.backstage/health/v1/readiness`, {
      timeoutMs: 15 * MINUTE,
      exited: portal.exited,
      failWhen: portal.startupFailure,
    });
    await waitFor('the frontend', appUrl, {
      timeoutMs: 10 * MINUTE,
      exited: portal.exited,
      failWhen: portal.startupFailure,
      check: (response, body) => response.ok && body.includes('<div id="root"'),
    });
    const api = createBackendApi(BACKEND, await guestToken(BACKEND));
    const t0 = Date.now();
    const status = await waitForRefresh(api, BACKEND, {
      expectedClusters: clusters,
      timeoutMs: 30 * MINUTE,
      exited: portal.exited,
      failWhen: portal.startupFailure,
    });
    log(
      `refresh complete: ${status.clusters.total} clusters (waited ${Math.round(
        (Date.now() - t0) / 1000,
      )} s, last refresh ${status.lastRefresh.durationMs} ms)`,
    );
    const total = (await api.clusters({ limit: 1 })).totalCount;

    browser = await launchBrowser();
    const storageState = await signedInState(browser, appUrl);
    const results = [];
    for (let i = 0; i < runs; i++) {
      const result = await measureRun(browser, {
        appUrl,
        storageState,
        api,
        total,
        shotDir: artifacts,
        index: i,
      });
      log(
        `run ${i + 1}/${runs}: first rows after ${
          result.firstRowsMs
        } ms (warm ${result.warmFirstRowsMs} ms, in-app ${
          result.inAppFirstRowsMs
        } ms); filters ${result.filters
          .map(f => `${f.updateMs} ms`)
          .join(', ')}`,
      );
      results.push(result);
    }

    const filterLatencies = results.flatMap(r =>
      r.filters.map(f => f.updateMs),
    );
    const report = {
      frontend: production
        ? 'production build served by the backend (app-backend) on :7007'
        : 'npm start dev server on :3000',
      fleet: {
        clusters: total,
        nodesPerCluster: nodes,
        podsPerCluster: pods,
        seed,
      },
      schedules: busy
        ? "app-config.yaml's (refresh every minute: the backend refreshes throughout the measurement)"
        : 'refresh and search indexing every 30 minutes (measured between refreshes)',
      refresh: { lastRefreshMs: status.lastRefresh.durationMs },
      ...(buildMs !== undefined ? { frontendBuildMs: buildMs } : {}),
      navigationToFirstRows: summarize(results.map(r => r.firstRowsMs)),
      warmNavigationToFirstRows: summarize(results.map(r => r.warmFirstRowsMs)),
      inAppNavigationToFirstRows: summarize(
        results.map(r => r.inAppFirstRowsMs),
      ),
      targetFirstRowsMs: 2000,
      filtering: {
        note: `update = last input event to the animation frame that shows the new table; includes the console's ${CONSOLE_DEBOUNCE_MS} ms typing debounce`,
        all: summarize(filterLatencies),
        perAction: FILTER_ACTIONS.map((action, i) => ({
          action: action.name,
          matches: results[0]?.filters[i]?.matches,
          update: summarize(results.map(r => r.filters[i].updateMs)),
          slowestInputEventMs: Math.max(
            ...results.map(r => r.filters[i].slowestInputEventMs),
          ),
          longestTaskMs: Math.max(
            ...results.map(r => r.filters[i].longTasks.longestMs),
          ),
        })),
      },
      longTasks: {
        untilFirstRows: results.map(r => r.longTasksUntilRows),
        whileFiltering: results.map(r => ({
          count: r.filters.reduce((n, f) => n + f.longTasks.count, 0),
          totalMs: r.filters.reduce((n, f) => n + f.longTasks.totalMs, 0),
          longestMs: Math.max(...r.filters.map(f => f.longTasks.longestMs)),
        })),
      },
      runs: results,
    };
    fs.writeFileSync(
      path.join(artifacts, 'results.json'),
      `${JSON.stringify(report, null, 2)}\n`,
    );
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  } finally {
    await browser?.close().catch(() => undefined);
    await portal.stop();
    // Leave the tree as found: the build is only for this measurement.
    if (production && !distExisted)
      fs.rmSync(appDist, { recursive: true, force: true });
  }
}
