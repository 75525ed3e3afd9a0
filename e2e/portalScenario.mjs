// The end-to-end scenario on the demo fleet, as a user does it: sign in as
// guest, find a cluster with search, read its AZ capacity, shift it away from
// an AZ and watch the state change, revert, find both actions in the history,
// then look at the fleet in the shift console. Each step is checked in the
// browser and, where it changes something, against the backend's API too.

import { excludedProblem, restoredProblem } from './lib/reconcileChecks.mjs';

/**
 * A demo-fleet cluster with zonal shift enabled and three AZs whose Karpenter
 * (1.11) has no native zonal shift: the reconciler itself patches its
 * NodePool `default` (zone names In [a, b, c]) out of the shifted AZ and
 * restores it after the revert. Its autoshift is ENABLED, but the simulator
 * starts autoshifts only when told to.
 */
export const DEMO_CLUSTER = {
  name: 'payments-prod-use1',
  arn: 'arn:aws:eks:us-east-1:111122223333:cluster/payments-prod-use1',
  zones: 3,
  nodePool: 'default',
};
const DEMO_FLEET_SIZE = 12;
/** payments-prod-use1, payments-prod-usw2, payments-dr-euw1. */
const DEMO_PAYMENTS_CLUSTERS = 3;

/** Optional step groups (sign-in, search and the cluster page always run). */
export const GROUPS = ['capacity', 'shift', 'history', 'console'];

const sleep = ms => new Promise(done => setTimeout(done, ms));

function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** Retries an async probe until it returns a truthy value. */
async function eventually(
  what,
  probe,
  { timeoutMs = 60_000, intervalMs = 1000 } = {},
) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await sleep(intervalMs);
  }
  throw new Error(
    `timed out after ${timeoutMs / 1000} s: ${what}${
      lastError ? ` (${lastError.message})` : ''
    }`,
  );
}

/** The MUI card (Backstage InfoCard) whose header has this title. */
function card(page, title) {
  return page
    .locator('.MuiCard-root')
    .filter({ has: page.locator('.MuiCardHeader-title', { hasText: title }) })
    .first();
}

export async function runPortalScenario({
  page,
  step,
  frontendUrl,
  api,
  skip = [],
}) {
  const runs = group => !skip.includes(group);
  const cluster = DEMO_CLUSTER;
  const shiftCard = card(page, 'Zonal shift');
  let shiftedZoneLabel;

  await step('sign-in page', async () => {
    await page.goto(frontendUrl);
    await page
      .getByRole('button', { name: 'Enter' })
      .waitFor({ timeout: 120_000 });
  });

  await step('enter as guest', async () => {
    await page.getByRole('button', { name: 'Enter' }).click();
    // The catalog is the landing page; the demo's clusters are Resources.
    await page
      .getByRole('link', { name: 'Search' })
      .or(page.getByText('Search', { exact: true }))
      .first()
      .waitFor();
    await page
      .getByText('Fleet Resilience', { exact: false })
      .first()
      .waitFor();
  });

  await step('search for the cluster', async () => {
    // The fleet's search collator runs shortly after start-up: retry until
    // the index has the cluster.
    await eventually(
      `search finds ${cluster.name}`,
      async () => {
        await page.goto(
          `${frontendUrl}/search?query=${encodeURIComponent(cluster.name)}`,
        );
        const hit = page.getByRole('link', { name: cluster.name }).first();
        await hit.waitFor({ timeout: 10_000 });
        return true;
      },
      { timeoutMs: 240_000, intervalMs: 5000 },
    );
  });

  await step('open the cluster page', async () => {
    await page.getByRole('link', { name: cluster.name }).first().click();
    await page.waitForURL(
      url => url.pathname.toLowerCase().includes(`/resource/${cluster.name}`),
      {
        timeout: 30_000,
      },
    );
    await page.getByRole('heading', { name: cluster.name }).first().waitFor();
  });

  if (runs('capacity')) {
    await step('capacity chart', async () => {
      const capacity = card(page, 'AZ capacity and N-1');
      await capacity.waitFor({ timeout: 30_000 });
      const zones = capacity.locator('section[aria-label^="AZ "]');
      await eventually(
        `${cluster.zones} AZs in the capacity card`,
        async () => (await zones.count()) === cluster.zones,
        {
          timeoutMs: 60_000,
        },
      );
      await capacity.getByText('CPU').first().waitFor();
      await capacity.getByText('Memory').first().waitFor();
    });
  }

  if (runs('shift')) {
    await step('fill in the shift', async () => {
      await shiftCard.getByText('No active shift').waitFor({ timeout: 30_000 });
      await shiftCard
        .getByRole('button', { name: 'Shift away from an AZ' })
        .click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: /Availability Zone/ }).click();
      const option = page.getByRole('option').first();
      shiftedZoneLabel = (await option.innerText()).trim();
      await option.click();
      await dialog.getByLabel('Duration').fill('2h');
      await dialog
        .getByLabel(/Comment/)
        .fill('e2e: drain the AZ for a network test');
      await dialog.getByRole('button', { name: 'Review' }).click();
      await dialog.getByText('Confirm the zonal shift').waitFor();
    });

    await step('start the shift', async () => {
      await page
        .getByRole('dialog')
        .getByRole('button', { name: 'Start shift' })
        .click();
      await page
        .getByRole('dialog')
        .waitFor({ state: 'detached', timeout: 30_000 });
      await shiftCard
        .getByText(`Zonal shift active — away from ${shiftedZoneLabel}`)
        .waitFor({ timeout: 30_000 });
      await shiftCard
        .getByText('e2e: drain the AZ for a network test')
        .waitFor();
      const detail = await api.cluster(cluster.arn);
      check(
        detail.summary.shiftState === 'zonal-shift',
        `the backend reports shiftState ${detail.summary.shiftState}, not zonal-shift`,
      );
    });

    if (runs('capacity')) {
      await step('capacity shows the shifted AZ', async () => {
        await card(page, 'AZ capacity and N-1')
          .getByText(`${shiftedZoneLabel} — traffic shifted away`)
          .waitFor({ timeout: 60_000 });
      });
    }

    // The reconciler patches NodePool default to keep out of the shifted AZ
    // (outcome "patched"), and after the revert restores it exactly
    // ("restored"): checked in its status API and in the Resilience card's
    // NodePool table (allowed AZs as the last Kubernetes read reports them,
    // and the reconciler's last result). The card refetches the cluster on
    // the reconciler's signal, which comes before the next Kubernetes read
    // (every minute) sees the patch, and no signal follows that read: the
    // probe reloads the page until the table shows it.
    const poolRow = card(page, 'Resilience')
      .getByRole('table', { name: 'NodePool zones' })
      .getByRole('row')
      .filter({ hasText: cluster.nodePool })
      .first();
    const allowedCell = poolRow.getByRole('cell').nth(1);
    const reconcilerCell = poolRow.getByRole('cell').nth(2);
    let clusterZoneIds;
    let lastProblem;
    const reconcileProblem = async check =>
      (lastProblem = check(await api.reconcile(cluster.arn)));
    const onScreenAfterReload = probe => {
      let first = true;
      return async () => {
        if (!first) await page.reload();
        first = false;
        return probe();
      };
    };
    const allowedOnScreen = async () => {
      const text = await allowedCell.innerText();
      return clusterZoneIds.filter(id => text.includes(id));
    };

    await step('reconciler sees the shift', async () => {
      const zoneId =
        /\(([^)]+)\)$/.exec(shiftedZoneLabel)?.[1] ?? shiftedZoneLabel;
      const detail = await api.cluster(cluster.arn);
      clusterZoneIds = detail.summary.zones.map(zone => zone.id);
      check(
        clusterZoneIds.length === cluster.zones &&
          clusterZoneIds.includes(zoneId),
        `the cluster's zones ${clusterZoneIds.join(', ')} lack ${zoneId}`,
      );
      await eventually(
        `the reconciler API reports NodePool ${cluster.nodePool} patched to exclude ${zoneId}`,
        async () =>
          !(await reconcileProblem(status =>
            excludedProblem(status, cluster.nodePool, zoneId, clusterZoneIds),
          )),
        { timeoutMs: 60_000 },
      ).catch(error => {
        throw new Error(`${error.message}: ${lastProblem}`);
      });
      await eventually(
        `the NodePool table shows ${cluster.nodePool} patched, allowed everywhere but ${zoneId}`,
        onScreenAfterReload(async () => {
          const result = await reconcilerCell.innerText();
          const allowed = await allowedOnScreen();
          return (
            result.startsWith('patched') &&
            !allowed.includes(zoneId) &&
            allowed.length === cluster.zones - 1
          );
        }),
        { timeoutMs: 150_000, intervalMs: 10_000 },
      );
      await poolRow.scrollIntoViewIfNeeded();
    });

    await step('revert the shift', async () => {
      await shiftCard
        .getByRole('button', { name: 'Revert', exact: true })
        .click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Revert the zonal shift').waitFor();
      await dialog.getByRole('button', { name: 'Revert', exact: true }).click();
      await dialog.waitFor({ state: 'detached', timeout: 30_000 });
      await shiftCard.getByText('No active shift').waitFor({ timeout: 30_000 });
      const detail = await api.cluster(cluster.arn);
      check(
        detail.summary.shiftState === 'none',
        `after the revert the backend reports shiftState ${detail.summary.shiftState}`,
      );
      await eventually(
        `the reconciler API reports NodePool ${cluster.nodePool} restored to every AZ`,
        async () =>
          !(await reconcileProblem(status =>
            restoredProblem(status, cluster.nodePool, clusterZoneIds),
          )),
        { timeoutMs: 60_000 },
      ).catch(error => {
        throw new Error(`${error.message}: ${lastProblem}`);
      });
      await eventually(
        `the NodePool table shows ${cluster.nodePool} restored, allowed in every AZ`,
        onScreenAfterReload(
          async () =>
            (await reconcilerCell.innerText()).startsWith('restored') &&
            (await allowedOnScreen()).length === cluster.zones,
        ),
        { timeoutMs: 150_000, intervalMs: 10_000 },
      );
    });
  }

  if (runs('shift') && runs('history')) {
    await step('both actions in the history', async () => {
      // The history is a table (ARC's shifts and the portal's audited
      // actions, newest first) with an Outcome column.
      const history = page
        .getByRole('table')
        .filter({ has: page.getByRole('columnheader', { name: 'Outcome' }) })
        .first();
      await history.waitFor({ timeout: 30_000 });
      const row = text =>
        history.getByRole('row').filter({ hasText: text }).first();
      await row(/Revert shift/)
        .getByText('success')
        .waitFor({ timeout: 30_000 });
      await row(/Start shift away from/)
        .filter({ hasText: 'e2e: drain the AZ' })
        .getByText('success')
        .waitFor();
      await row(/Zonal shift away from/)
        .getByText('canceled')
        .waitFor();
      const audit = await api.audit(cluster.arn);
      const actions = audit.items
        .filter(e => e.outcome === 'success')
        .map(e => e.action);
      check(
        actions.includes('shift.start') && actions.includes('shift.cancel'),
        `the audit log has ${JSON.stringify(
          actions,
        )}, not shift.start and shift.cancel`,
      );
    });
  }

  if (runs('console')) {
    await step('console shows the fleet', async () => {
      await page
        .getByRole('link', { name: 'Fleet Resilience' })
        .first()
        .click();
      await page.waitForURL(url => url.pathname === '/fleet-resilience');
      await page
        .getByText(`${DEMO_FLEET_SIZE} clusters match.`)
        .waitFor({ timeout: 30_000 });
      const rows = page
        .getByRole('table', { name: 'Clusters' })
        .locator('tbody tr');
      check(
        (await rows.count()) === DEMO_FLEET_SIZE,
        `the fleet table has ${await rows.count()} rows, not ${DEMO_FLEET_SIZE}`,
      );
      await page
        .getByRole('table', { name: 'Clusters' })
        .getByText(cluster.name)
        .waitFor();
    });

    await step('console heatmap', async () => {
      const heatmap = page.getByRole('table', {
        name: 'Capacity utilisation per cluster and AZ',
      });
      await heatmap.waitFor({ timeout: 30_000 });
      const cells = heatmap.locator('td[title]');
      await eventually(
        'heatmap cells for the fleet',
        async () => (await cells.count()) >= DEMO_FLEET_SIZE * 2,
        {
          timeoutMs: 30_000,
        },
      );
      await heatmap.scrollIntoViewIfNeeded();
    });

    await step('console filter', async () => {
      await page.getByLabel('Search cluster names').fill('payments');
      await page
        .getByText(`${DEMO_PAYMENTS_CLUSTERS} clusters match.`)
        .waitFor({ timeout: 30_000 });
      const names = await page
        .getByRole('table', { name: 'Clusters' })
        .locator('tbody tr')
        .allInnerTexts();
      check(
        names.length === DEMO_PAYMENTS_CLUSTERS &&
          names.every(n => n.includes('payments')),
        `filtering by "payments" left ${JSON.stringify(names)}`,
      );
    });
  }
}
