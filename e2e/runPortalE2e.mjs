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
import { repoRoot } from '../scripts/lib/toolchain.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { configFileText } from './lib/configFile.mjs';
import { startPortal, waitFor } from './lib/portal.mjs';
import { choosePorts, portsConfig, urlsOf } from './lib/ports.mjs';
import { createStepRunner, watchConsole } from './lib/steps.mjs';
import { GROUPS, runPortalScenario, WIDE } from './portalScenario.mjs';

const MINUTE = 60_000;
const MAX_ATTEMPTS = 3;

/** Moves an attempt's screenshots and reports aside (the portal log stays). */
function moveStepFiles(dir, aside) {
  fs.mkdirSync(aside, { recursive: true });
  for (const name of fs.readdirSync(dir)) {
    if (/\.(png|json|txt)$/.test(name)) {
      fs.renameSync(path.join(dir, name), path.join(aside, name));
    }
  }
}

export async function runPortalE2e({ env, artifacts, skip }) {
  const unknown = skip.filter(group => !GROUPS.includes(group));
  if (unknown.length > 0) {
    throw new Error(
      `--skip takes ${GROUPS.join(', ')}; not ${unknown.join(', ')}`,
    );
  }
  fs.rmSync(artifacts, { recursive: true, force: true });
  fs.mkdirSync(artifacts, { recursive: true });
  // app-config.yaml's ports, or all three shifted when another portal runs.
  const { offset, ports } = await choosePorts();
  const {
    frontend: FRONTEND,
    backend: BACKEND,
    simulator: SIMULATOR,
  } = urlsOf(ports);
  const args = [];
  if (offset !== 0) {
    const file = path.join(artifacts, 'app-config.ports.yaml');
    fs.writeFileSync(file, configFileText(portsConfig(ports)));
    // Absolute: `backstage-cli repo start` hands --config to the backend,
    // which runs in packages/backend.
    args.push(
      '--config',
      path.join(repoRoot, 'app-config.yaml'),
      '--config',
      file,
    );
    console.log(
      `[e2e] default ports busy: frontend ${ports.frontend}, backend ${ports.backend}, simulator ${ports.simulator}`,
    );
  }

  const started = Date.now();
  const portal = startPortal({
    env,
    args,
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
  // `npm start` runs the backend in watch mode: when a source file changes
  // (someone editing the tree), it restarts with an empty in-memory database
  // and the scenario's state is gone. A failure across such a restart is not
  // the product's: run the scenario again, at most MAX_ATTEMPTS times. CI's
  // tree does not change, so there a failure fails at once.
  const ready = async () => {
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
    return { api, status };
  };
  try {
    for (let attempt = 1; ; attempt++) {
      // A cold machine compiles the frontend and the backend first.
      const { api, status } = await ready();
      const starts = portal.backendStarts();
      console.log(
        `[e2e] portal ready after ${Math.round(
          (Date.now() - started) / 1000,
        )} s; ${status.clusters.total} clusters refreshed`,
      );
      browser = await launchBrowser();
      const page = await browser.newPage({ viewport: WIDE });
      page.setDefaultTimeout(30_000);
      const problems = watchConsole(page);
      runner = createStepRunner({ page, dir: artifacts, problems });
      try {
        await runPortalScenario({
          page,
          step: runner.step,
          frontendUrl: FRONTEND,
          simulatorUrl: SIMULATOR,
          artifacts,
          api,
          skip,
        });
        break;
      } catch (error) {
        if (portal.backendStarts() === starts || attempt >= MAX_ATTEMPTS) {
          throw error;
        }
        const aside = path.join(
          artifacts,
          `attempt-${attempt}-backend-restarted`,
        );
        console.log(
          `[e2e] the backend restarted during the scenario (a source file changed): running it again; attempt ${attempt} is in ${aside}`,
        );
        runner.writeSummary({
          passed: false,
          error: error.message,
          backendRestarted: true,
        });
        moveStepFiles(artifacts, aside);
        await browser.close();
      }
    }
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
