// The end-to-end scenario on the demo fleet, as a user does it: sign in as
// guest, find a cluster with search, read its AZ capacity, shift it away from
// an AZ and watch the state change, revert, find both actions in the history,
// then look at the fleet in the shift console. Each step is checked in the
// browser and, where it changes something, against the backend's API too.

import { checkA11y } from './lib/axe.mjs';
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
export const GROUPS = [
  'capacity',
  'shift',
  'history',
  'console',
  'autoshift',
  'narrow',
];

/** The sizes the UI is checked at: a laptop and a small screen. */
export const WIDE = { width: 1440, height: 900 };
export const NARROW = { width: 1024, height: 768 };

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

/** The shift's expiry as the backend reports it now, epoch ms. */
async function expiryOf(api, arn) {
  const detail = await api.cluster(arn);
  const shift = detail.activeShifts.find(s => s.shiftType === 'ZONAL_SHIFT');
  return shift ? Date.parse(shift.expiryTime) : undefined;
}

/** Whether the element is on screen without scrolling. */
async function aboveTheFold(locator, viewport) {
  const box = await locator.boundingBox();
  return Boolean(box) && box.y >= 0 && box.y + box.height <= viewport.height;
}

export async function runPortalScenario({
  page,
  step,
  frontendUrl,
  simulatorUrl,
  artifacts,
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

  await step('cluster page accessibility', async () => {
    await shiftCard
      .getByRole('button', { name: 'Shift away from an AZ' })
      .waitFor({ timeout: 30_000 });
    await checkA11y(page, `the cluster page at ${WIDE.width}x${WIDE.height}`);
  });

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
      // The impact the backend computes, shown before confirming.
      await dialog.getByText(/^Shifting away from /).waitFor();
      await dialog
        .getByText('If one more AZ is lost while the shift lasts')
        .waitFor();
      // Focus on the summary: pressing Enter again must not start a shift.
      const focused = await page.evaluate(
        () => document.activeElement?.textContent ?? '',
      );
      check(
        focused.startsWith(`Shift ${cluster.name} away from`),
        `after Review the focus is on "${focused.slice(
          0,
          60,
        )}", not the summary`,
      );
      await checkA11y(page, 'the start-shift confirmation', {
        include: '[role="dialog"]',
      });
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
      // The outcome in words, with the focus on it, no shift ID.
      const notice = shiftCard.getByRole('alert').filter({
        hasText: `Started the shift away from ${shiftedZoneLabel} until`,
      });
      await notice.waitFor();
      check(
        !(await notice.innerText()).includes(
          detail.summary.activeShift.zonalShiftId,
        ),
        'the success message shows the shift ID',
      );
      check(
        await notice.evaluate(el => el.contains(document.activeElement)),
        'after the start the focus is not on the outcome',
      );
      // The N-1 verdict with the shifted AZ counted as lost is there at once,
      // the same as the confirm step computed, not after the next read.
      check(
        detail.shiftImpact?.afterShift?.verdict ===
          detail.summary.survivability.verdict,
        `the card's verdict ${detail.summary.survivability.verdict} is not the shift's impact ${detail.shiftImpact?.afterShift?.verdict}`,
      );
    });

    await step('extend adds time', async () => {
      const before = await expiryOf(api, cluster.arn);
      check(before, 'no active zonal shift to extend');
      await shiftCard
        .getByRole('button', { name: 'Extend', exact: true })
        .click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Extend the zonal shift').waitFor();
      await dialog.getByLabel('Add').fill('1h');
      await dialog.getByRole('row', { name: /New expiry/ }).waitFor();
      await checkA11y(page, 'the extend dialog', {
        include: '[role="dialog"]',
      });
      await dialog.getByRole('button', { name: 'Extend', exact: true }).click();
      await dialog.waitFor({ state: 'detached', timeout: 30_000 });
      const after = await eventually('the new expiry', async () => {
        const expiry = await expiryOf(api, cluster.arn);
        return expiry !== before ? expiry : undefined;
      });
      // One hour more than before (ARC rounds to the minute), never less.
      const added = (after - before) / 60_000;
      check(
        added >= 59 && added <= 61,
        `extending by 1h moved the expiry by ${added} min`,
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

    await step('revert from the console', async () => {
      await page
        .getByRole('link', { name: 'Fleet Resilience' })
        .first()
        .click();
      await page.waitForURL(url => url.pathname === '/fleet-resilience');
      const active = page.getByRole('table', { name: 'Active shifts' });
      const row = active.getByRole('row').filter({ hasText: cluster.name });
      await row.waitFor({ timeout: 30_000 });
      // The cluster's name links to its page.
      await row.getByRole('link', { name: cluster.name }).waitFor();
      await row
        .getByRole('button', { name: `Revert the shift of ${cluster.name}` })
        .click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Revert the zonal shift').waitFor();
      await checkA11y(page, 'the revert dialog', {
        include: '[role="dialog"]',
      });
      await dialog.getByRole('button', { name: 'Revert', exact: true }).click();
      await dialog.waitFor({ state: 'detached', timeout: 30_000 });
      await page
        .getByText(`Reverted the shift of ${cluster.name}`)
        .waitFor({ timeout: 30_000 });
      await row.waitFor({ state: 'detached', timeout: 30_000 });
      // Back to the cluster page through the fleet table's link.
      await page
        .getByRole('table', { name: 'Clusters' })
        .getByRole('link', { name: cluster.name })
        .click();
      await page.getByRole('heading', { name: cluster.name }).first().waitFor();
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
      // The extension reads as one, with the time it added.
      await row(/Extend shift by 1 h/)
        .getByText('success')
        .waitFor();
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
        actions.includes('shift.start') &&
          actions.includes('shift.update') &&
          actions.includes('shift.cancel'),
        `the audit log has ${JSON.stringify(
          actions,
        )}, not shift.start, shift.update and shift.cancel`,
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

  if (runs('console')) {
    await step('console accessibility', async () => {
      await checkA11y(page, `the console at ${WIDE.width}x${WIDE.height}`);
    });
  }

  if (runs('autoshift')) {
    // AWS starts an autoshift (the simulator's control stands in for AWS):
    // it must show in Active shifts, with no revert but a link to ARC.
    const zoneId = (await api.cluster(cluster.arn)).summary.zones[0].id;
    const sim = (verb, body) =>
      fetch(`${simulatorUrl}/_sim/autoshifts/${verb}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then(async response => {
        check(
          response.ok,
          `simulator ${verb} autoshift: ${
            response.status
          } ${await response.text()}`,
        );
      });
    const autoshiftRow = () =>
      page
        .getByRole('table', { name: 'Active shifts' })
        .getByRole('row')
        .filter({ hasText: cluster.name })
        .filter({ hasText: 'Zonal autoshift' });

    await step('an autoshift appears in Active shifts', async () => {
      await sim('start', { awayFrom: zoneId, resourceArns: [cluster.arn] });
      await page.goto(`${frontendUrl}/fleet-resilience`);
      await eventually(
        `the autoshift away from ${zoneId} in Active shifts`,
        async () => {
          await page.reload();
          await autoshiftRow().waitFor({ timeout: 10_000 });
          return true;
        },
        { timeoutMs: 120_000, intervalMs: 5000 },
      );
      const row = autoshiftRow();
      await row.getByText(zoneId).waitFor();
      await row.getByRole('link', { name: /in the ARC console/ }).waitFor();
      check(
        (await row.getByRole('button').count()) === 0,
        'an autoshift row offers a button (only customer shifts can be reverted here)',
      );
      await row.scrollIntoViewIfNeeded();
    });

    await step('the autoshift ends', async () => {
      await sim('end', { awayFrom: zoneId });
      await eventually(
        'the autoshift gone from Active shifts',
        async () => {
          await page.reload();
          await page
            .getByRole('table', { name: 'Clusters' })
            .locator('tbody tr')
            .first()
            .waitFor();
          // The panel has loaded: its table or its "no shift" sentence.
          await page
            .getByRole('table', { name: 'Active shifts' })
            .or(page.getByText('No shift is active anywhere in the fleet.'))
            .first()
            .waitFor();
          return (await autoshiftRow().count()) === 0;
        },
        { timeoutMs: 120_000, intervalMs: 5000 },
      );
    });
  }

  if (runs('narrow')) {
    // The same pages on a small screen: what an incident needs is reachable
    // without scrolling, nothing falls off its card, axe finds nothing
    // serious. Each step keeps a viewport-sized screenshot too.
    await page.setViewportSize(NARROW);
    const viewportShot = name =>
      page.screenshot({
        path: `${artifacts}/${name}-${NARROW.width}x${NARROW.height}-viewport.png`,
      });

    await step('cluster page at 1024x768', async () => {
      // The entity's name carries the region and account (names repeat
      // across accounts): take it from the backend.
      const { entityRef } = (await api.cluster(cluster.arn)).summary;
      const [, namespace, name] = /^resource:([^/]+)\/(.+)$/.exec(entityRef);
      await page.goto(`${frontendUrl}/catalog/${namespace}/resource/${name}`);
      await page.getByRole('heading', { name: cluster.name }).first().waitFor();
      const button = shiftCard.getByRole('button', {
        name: 'Shift away from an AZ',
      });
      await button.waitFor({ timeout: 30_000 });
      await page.evaluate(() => window.scrollTo(0, 0));
      check(
        await aboveTheFold(button, NARROW),
        `the Shift button is not visible without scrolling at 1024x768 (at ${JSON.stringify(
          await button.boundingBox(),
        )})`,
      );
      await checkA11y(page, 'the cluster page at 1024x768');
      await viewportShot('cluster-page');
    });

    await step('start dialog at 1024x768', async () => {
      await shiftCard
        .getByRole('button', { name: 'Shift away from an AZ' })
        .click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Shift traffic away from an AZ').waitFor();
      await checkA11y(page, 'the start-shift dialog at 1024x768', {
        include: '[role="dialog"]',
      });
    });

    await step('console at 1024x768', async () => {
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await page.goto(`${frontendUrl}/fleet-resilience`);
      const table = page.getByRole('table', { name: 'Clusters' });
      await table.locator('tbody tr').first().waitFor({ timeout: 30_000 });
      // Every column, the verdict included, fits the card: no sideways scroll.
      const overflow = await table.evaluate(
        el => el.scrollWidth - el.parentElement.clientWidth,
      );
      check(
        overflow <= 1,
        `the clusters table is ${overflow}px wider than its card at 1024x768`,
      );
      await checkA11y(page, 'the console at 1024x768');
      await viewportShot('console');
    });
    await page.setViewportSize(WIDE);
  }
}
