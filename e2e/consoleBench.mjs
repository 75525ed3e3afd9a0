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
import {
  CONSOLE_DEBOUNCE_MS,
  FILTER_ACTIONS,
  measureRun,
  signedInState,
} from './bench/consoleRun.mjs';
import { summarize } from './bench/stats.mjs';

const MINUTE = 60_000;

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
