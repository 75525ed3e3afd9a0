// Runs the end-to-end scenario against a freshly started portal: `npm start`
// on the embedded defaults (frontend :3000, backend :7007, demo fleet on
// :7480), then headless Chromium. Artifacts: numbered screenshots, the
// portal's log, summary.json; on failure also failure.txt and
// console-errors.json.
import fs from 'node:fs';
import path from 'node:path';
import {
  createBackendApi,
  guestToken,
  waitForRefresh,
} from './lib/backendApi.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { assertPortsFree, startPortal, waitFor } from './lib/portal.mjs';
import { createStepRunner, watchConsole } from './lib/steps.mjs';
import { GROUPS, runPortalScenario } from './portalScenario.mjs';

const FRONTEND = 'http://localhost:3000';
const BACKEND = 'http://localhost:7007';
const PORTS = [3000, 7007, 7480];
const MINUTE = 60_000;

export async function runPortalE2e({ env, artifacts, skip }) {
  const unknown = skip.filter(group => !GROUPS.includes(group));
  if (unknown.length > 0) {
    throw new Error(
      `--skip takes ${GROUPS.join(', ')}; not ${unknown.join(', ')}`,
    );
  }
  fs.rmSync(artifacts, { recursive: true, force: true });
  fs.mkdirSync(artifacts, { recursive: true });
  await assertPortsFree(PORTS);

  const started = Date.now();
  const portal = startPortal({
    env,
    logFile: path.join(artifacts, 'portal.log'),
  });
  console.log(
    `[e2e] npm start (process group ${portal.pid}), log in ${path.relative(
      process.cwd(),
      artifacts,
    )}/portal.log`,
  );
  let browser;
  let runner;
  try {
    // A cold machine compiles the frontend and the backend first.
    await waitFor('the backend', `${BACKEND}/.backstage/health/v1/readiness`, {
      timeoutMs: 15 * MINUTE,
      exited: portal.exited,
      failWhen: portal.startupFailure,
    });
    await waitFor('the frontend', FRONTEND, {
      timeoutMs: 10 * MINUTE,
      exited: portal.exited,
      failWhen: portal.startupFailure,
      check: (response, body) => response.ok && body.includes('<div id="root"'),
    });
    const api = createBackendApi(BACKEND, await guestToken(BACKEND));
    const status = await waitForRefresh(api, BACKEND, {
      timeoutMs: 5 * MINUTE,
      exited: portal.exited,
      failWhen: portal.startupFailure,
    });
    console.log(
      `[e2e] portal ready in ${Math.round((Date.now() - started) / 1000)} s; ${
        status.clusters.total
      } clusters refreshed`,
    );

    browser = await launchBrowser();
    const page = await browser.newPage({
      viewport: { width: 1400, height: 1000 },
    });
    page.setDefaultTimeout(30_000);
    const problems = watchConsole(page);
    runner = createStepRunner({ page, dir: artifacts, problems });
    await runPortalScenario({
      page,
      step: runner.step,
      frontendUrl: FRONTEND,
      api,
      skip,
    });
    runner.writeSummary({ passed: true, skipped: skip });
    console.log(
      `[e2e] passed: ${runner.results.length} steps in ${Math.round(
        (Date.now() - started) / 1000,
      )} s`,
    );
    return 0;
  } catch (error) {
    runner?.writeSummary({
      passed: false,
      skipped: skip,
      error: error.message,
    });
    console.error(`[e2e] FAILED: ${error.message}`);
    console.error(
      `[e2e] screenshots, failure.txt, console-errors.json and portal.log are in ${artifacts}`,
    );
    return 1;
  } finally {
    await browser?.close().catch(() => undefined);
    await portal.stop();
  }
}
