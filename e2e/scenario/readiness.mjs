// AZ readiness: the console's fleet summary agrees with GET
// /readiness-summary and with what the simulator holds; a summary line
// filters the table; a cluster's Readiness card lists its checks and
// workloads at risk as the API has them; and zonal shift is turned on for a
// cluster with it off (platform-tools-use1), from the card, followed until
// EKS's update is Successful. Screenshots at 1440 (each step) and 1024.
import { checkA11y } from '../lib/axe.mjs';
import { card, check, eventually, NARROW, WIDE } from './common.mjs';

/** The demo cluster whose zonal shift is off (examples/fleets/demo.yaml). */
const ZONAL_SHIFT_OFF = 'platform-tools-use1';
const CARD_TITLE = 'AZ readiness';
const VERDICT_TEXT = {
  ready: 'ready',
  'at-risk': 'at risk',
  'not-ready': 'not ready',
  unknown: 'readiness unknown',
};

async function getJson(url, headers = {}) {
  const response = await fetch(url, { headers });
  if (!response.ok) {
    throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  }
  return response.json();
}

function plural(count, one, many) {
  return `${count} ${count === 1 ? one : many}`;
}

/** The catalog path of a cluster's entity, from its summary's entity ref. */
function entityPath(summary) {
  const [, namespace, name] = /^resource:([^/]+)\/(.+)$/.exec(
    summary.entityRef,
  );
  return `/catalog/${namespace}/resource/${name}`;
}

/** The same page at 1024 wide: a full-page screenshot, then back to 1440. */
async function narrowShot(page, artifacts, name) {
  await page.setViewportSize(NARROW);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({
    path: `${artifacts}/${name}-${NARROW.width}x${NARROW.height}.png`,
    fullPage: true,
  });
  const sideways = await page.evaluate(
    () => document.documentElement.scrollWidth > window.innerWidth + 1,
  );
  // A table wider than its card scrolls inside it: columns out of sight.
  const tables = await page.evaluate(() =>
    [...document.querySelectorAll('table')]
      .filter(t => t.scrollWidth - t.parentElement.clientWidth > 1)
      .map(t => t.getAttribute('aria-label') ?? 'a table'),
  );
  await page.setViewportSize(WIDE);
  check(!sideways, `${name} scrolls sideways at ${NARROW.width} wide`);
  check(
    tables.length === 0,
    `${name}: ${tables.join(', ')} wider than its card at ${NARROW.width}`,
  );
}

export async function readinessSteps({
  page,
  step,
  frontendUrl,
  simulatorUrl,
  artifacts,
  api,
}) {
  const summaryOf = () =>
    getJson(`${api.backendUrl}/api/fleet-resilience/readiness-summary`, {
      ...api.headers,
    });
  const simClusters = async () =>
    (await getJson(`${simulatorUrl}/_sim/clusters`)).clusters;
  const panel = page.getByRole('region', { name: 'Fleet readiness' });

  await step('console readiness summary', async () => {
    await page.goto(`${frontendUrl}/fleet-resilience`);
    const { items } = await api.clusters({ limit: '100' });
    await page
      .getByText(`${items.length} clusters match.`)
      .waitFor({ timeout: 60_000 });
    // Every cluster's readiness assessed (the documents carry it).
    await eventually(
      'every cluster assessed for readiness',
      async () => {
        const listed = await api.clusters({ limit: '100' });
        return listed.items.every(c => c.readiness !== undefined);
      },
      { timeoutMs: 120_000, intervalMs: 3000 },
    );
    const summary = await summaryOf();
    check(
      summary.clusterCount === items.length,
      `the summary counts ${summary.clusterCount} clusters, the list ${items.length}`,
    );
    // What the simulator holds: EKS zonalShiftConfig per cluster.
    const sim = await simClusters();
    const off = sim.filter(c => c.zonalShiftEnabled === false);
    check(
      summary.checks['zonal-shift'].fail === off.length,
      `the summary counts ${
        summary.checks['zonal-shift'].fail
      } clusters without zonal shift, the simulator holds ${off.length} (${off
        .map(c => c.name)
        .join(', ')})`,
    );
    check(
      off.some(c => c.name === ZONAL_SHIFT_OFF),
      `${ZONAL_SHIFT_OFF} has zonal shift on in the simulator already`,
    );
    await panel
      .getByText(`AZ readiness of ${summary.clusterCount} clusters`)
      .waitFor({ timeout: 30_000 });
    await panel
      .getByRole('button', {
        name: `${plural(
          off.length,
          'cluster',
          'clusters',
        )} not enabled for zonal shift`,
      })
      .waitFor();
    for (const [verdict, count] of Object.entries(summary.byVerdict)) {
      await panel
        .getByRole('button', { name: `${count} ${VERDICT_TEXT[verdict]}` })
        .waitFor();
    }
    if (summary.workloadsAtRisk > 0) {
      await panel
        .getByRole('button', {
          name: new RegExp(
            `^${plural(
              summary.workloadsAtRisk,
              'workload',
              'workloads',
            )} at risk in `,
          ),
        })
        .waitFor();
    }
    // Each check drawn, its counts as the bar's text.
    const c = summary.checks['zonal-shift'];
    await panel
      .getByRole('img', {
        name: `Zonal shift enabled: ${c.fail} fail, ${c.warn} warn, ${c.unknown} unknown, ${c.pass} pass`,
      })
      .waitFor();
    await panel.scrollIntoViewIfNeeded();
  });

  await step('readiness summary filters the table', async () => {
    const off = (await simClusters()).filter(c => !c.zonalShiftEnabled);
    await panel
      .getByRole('button', { name: /not enabled for zonal shift$/ })
      .click();
    await page
      .getByText(`${plural(off.length, 'cluster', 'clusters')} match.`)
      .waitFor({ timeout: 30_000 });
    const rows = await page
      .getByRole('table', { name: 'Clusters' })
      .locator('tbody tr td:first-child')
      .allInnerTexts();
    check(
      off.every(c => rows.some(text => text.includes(c.name))),
      `filtered on zonal shift the table lists ${JSON.stringify(
        rows,
      )}, the simulator has it off on ${off.map(c => c.name).join(', ')}`,
    );
    check(
      (
        await page.getByRole('button', { name: /Failing check/ }).innerText()
      ).includes('Zonal shift enabled'),
      'the filter bar does not show the failing check the link set',
    );
    await checkA11y(page, `the console with the readiness summary`);
    await narrowShot(page, artifacts, 'console-readiness');
    await page.getByRole('button', { name: 'Clear filters' }).click();
  });

  await step('readiness card lists checks and workloads at risk', async () => {
    const { items } = await api.clusters({
      check: 'workload-spread',
      limit: '100',
    });
    check(items.length > 0, 'no cluster of the demo has workloads at risk');
    const detail = await api.cluster(items[0].ref.arn);
    const { readiness } = detail;
    await page.goto(`${frontendUrl}${entityPath(items[0])}`);
    const readinessCard = card(page, CARD_TITLE);
    await readinessCard.waitFor({ timeout: 30_000 });
    await readinessCard.scrollIntoViewIfNeeded();
    const checks = readinessCard.locator(
      '[aria-label="Readiness checks"] > li',
    );
    await eventually(
      `${readiness.checks.length} checks in the card`,
      async () => (await checks.count()) === readiness.checks.length,
      { timeoutMs: 30_000 },
    );
    for (const [i, c] of readiness.checks.entries()) {
      const text = await checks.nth(i).innerText();
      check(
        text.includes(c.title),
        `check ${i + 1} reads "${text}", not ${c.title}`,
      );
    }
    const table = readinessCard.getByRole('table', {
      name: 'Workloads at risk',
    });
    const rows = table.locator('tbody tr');
    check(
      (await rows.count()) === readiness.workloads.atRisk.length,
      `the card lists ${await rows.count()} workloads, the API ${
        readiness.workloads.atRisk.length
      }`,
    );
    const first = readiness.workloads.atRisk[0];
    await rows.first().getByText(first.name, { exact: true }).waitFor();
    const zones = detail.summary.zones.map(z => z.name);
    await rows
      .first()
      .getByRole('img', {
        name: `Ready replicas per AZ: ${zones
          .map(z => `${z} ${first.readyByZone[z] ?? 0}`)
          .join(', ')}`,
      })
      .waitFor();
    await checkA11y(page, 'the readiness card', {
      include: '.MuiCard-root:has([aria-label="Readiness checks"])',
    });
    await narrowShot(page, artifacts, 'readiness-card');
  });

  await step('enable zonal shift from the readiness card', async () => {
    const { items } = await api.clusters({ q: ZONAL_SHIFT_OFF });
    const summary = items.find(c => c.ref.name === ZONAL_SHIFT_OFF);
    check(summary, `the backend lists no ${ZONAL_SHIFT_OFF}`);
    await page.goto(`${frontendUrl}${entityPath(summary)}`);
    const readinessCard = card(page, CARD_TITLE);
    await readinessCard.waitFor({ timeout: 30_000 });
    const zonalShift = readinessCard.getByTestId('check-zonal-shift');
    await zonalShift.getByText('Fails').waitFor({ timeout: 30_000 });
    await zonalShift.scrollIntoViewIfNeeded();
    await zonalShift
      .getByRole('button', { name: 'Enable zonal shift' })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/Comment/).fill('e2e: ready for the loss of an AZ');
    await dialog.getByRole('button', { name: 'Enable zonal shift' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
    await readinessCard
      .getByRole('progressbar', { name: 'EKS update in progress' })
      .waitFor({ timeout: 30_000 });
    await readinessCard.scrollIntoViewIfNeeded();
    await page.screenshot({
      path: `${artifacts}/readiness-update-in-progress.png`,
      fullPage: true,
    });
  });

  await step('the EKS update completes', async () => {
    const readinessCard = card(page, CARD_TITLE);
    // The simulator's update takes a simulated minute (wall clock), the
    // backend follows it every few seconds and the card reads it every 5 s.
    await readinessCard
      .getByText(/completed successfully/)
      .waitFor({ timeout: 240_000 });
    await readinessCard
      .getByTestId('check-zonal-shift')
      .getByText('Passes')
      .waitFor({ timeout: 60_000 });
    const sim = await simClusters();
    check(
      sim.find(c => c.name === ZONAL_SHIFT_OFF)?.zonalShiftEnabled === true,
      `the simulator still has zonal shift off on ${ZONAL_SHIFT_OFF}`,
    );
    const { items } = await api.clusters({ q: ZONAL_SHIFT_OFF });
    const detail = await api.cluster(
      items.find(c => c.ref.name === ZONAL_SHIFT_OFF).ref.arn,
    );
    check(
      detail.readiness.checks.find(c => c.id === 'zonal-shift').verdict ===
        'pass',
      'the API does not pass the zonal shift check after the update',
    );
    // A successful update is no longer pending (a failed one would be).
    check(
      detail.readiness.pendingUpdate === undefined,
      `the API's pending update is ${JSON.stringify(
        detail.readiness.pendingUpdate,
      )}`,
    );
    await readinessCard.scrollIntoViewIfNeeded();
  });
}
