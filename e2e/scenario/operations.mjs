// What an operator checks after deploying: the preflight page (the demo
// fleet has one deliberate misconfiguration, so it shows a failure and its
// fix), the backend's metrics in Prometheus format, and the MCP server's
// fleet tools.
import fs from 'node:fs';
import path from 'node:path';
import { check, DEMO_FLEET_SIZE, eventually, NARROW, WIDE } from './common.mjs';
import { mcpSteps } from './mcp.mjs';

/** packages/backend/src/instrumentation.js serves them here. */
const METRICS_URL = `http://127.0.0.1:${
  process.env.FLEET_METRICS_PORT ?? 9464
}/metrics`;

/** The demo fleet's misconfiguration (examples/fleets/demo.yaml). */
export const DEMO_MISCONFIGURATION = {
  cluster: 'search-staging-usw2',
  /** Words of the fix the preflight page must show for it. */
  fix: /patch.*nodepools/i,
};

export async function operationsSteps({
  page,
  step,
  frontendUrl,
  artifacts,
  api,
}) {
  await step(
    'preflight page shows the misconfiguration and its fix',
    async () => {
      await page.setViewportSize(WIDE);
      await page.goto(`${frontendUrl}/fleet-resilience`);
      await page.getByRole('link', { name: 'Preflight' }).first().click();
      await page.waitForURL(
        url => url.pathname === '/fleet-resilience/preflight',
      );
      // The run starts with the backend; wait until it is done.
      await eventually(
        'a finished preflight report',
        async () =>
          (await page.locator('li[data-check-id]').count()) > 0 &&
          (await page.getByLabel('Preflight progress').count()) === 0,
        { timeoutMs: 120_000, intervalMs: 2000 },
      );
      const failed = page.locator('li[data-check-id][data-status="fail"]');
      check(
        (await failed.count()) > 0,
        'the demo fleet is misconfigured on purpose, but no check fails',
      );
      const texts = await failed.allInnerTexts();
      check(
        texts.some(
          text =>
            text.includes(DEMO_MISCONFIGURATION.cluster) ||
            DEMO_MISCONFIGURATION.fix.test(text),
        ),
        `no failed check names ${
          DEMO_MISCONFIGURATION.cluster
        } and its fix: ${texts.join(' | ')}`,
      );
      check(
        (await page.locator('li[data-check-id][data-status="pass"]').count()) >
          0,
        'no preflight check passes on the demo fleet',
      );
      // Failures come first: the first account shown holds the failed check.
      const statuses = await page
        .locator('li[data-check-id]')
        .evaluateAll(items => items.map(item => item.dataset.status));
      const firstAccountChecks = await page
        .locator('.MuiCard-root')
        .filter({ has: page.locator('li[data-check-id]') })
        .first()
        .locator('li[data-check-id]')
        .count();
      check(
        statuses.indexOf('fail') < firstAccountChecks,
        'the failed check is not in the first account shown',
      );
      // The failure and its fix, as an operator sees them (for the README).
      await failed.first().scrollIntoViewIfNeeded();
      await page.screenshot({
        path: path.join(artifacts, 'preflight-failure-and-fix.png'),
      });
      // The same at 1024 wide: the fix still reads whole, nothing overflows.
      await page.setViewportSize(NARROW);
      await failed.first().scrollIntoViewIfNeeded();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      check(
        overflow <= 0,
        `the preflight page overflows 1024 px by ${overflow}`,
      );
      await page.screenshot({
        path: path.join(artifacts, 'preflight-failure-and-fix-1024.png'),
      });
      await page.setViewportSize(WIDE);
    },
  );

  await step('metrics in Prometheus format', async () => {
    const text = await eventually(
      'fleet metrics at the Prometheus endpoint',
      async () => {
        const response = await fetch(METRICS_URL);
        const body = await response.text();
        return /^fleet_resilience_refresh_duration/m.test(body) &&
          /^fleet_resilience_clusters/m.test(body)
          ? body
          : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 2000 },
    );
    fs.writeFileSync(path.join(artifacts, 'metrics.txt'), text);
    const ours = text
      .split('\n')
      .filter(line => line.startsWith('# TYPE fleet_resilience'));
    for (const name of [
      'fleet_resilience_refresh_duration',
      'fleet_resilience_refresh_run_duration',
      'fleet_resilience_clusters',
    ]) {
      check(
        ours.some(line => line.startsWith(`# TYPE ${name} `)),
        `${name} is not exported: ${ours.join('; ')}`,
      );
    }
    // The gauge counts the whole demo fleet.
    const clusters = text
      .split('\n')
      .filter(line => line.startsWith('fleet_resilience_clusters{'))
      .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
    check(
      clusters === DEMO_FLEET_SIZE,
      `fleet_resilience_clusters adds up to ${clusters}, not ${DEMO_FLEET_SIZE}`,
    );
  });

  await mcpSteps({ step, api });
}
