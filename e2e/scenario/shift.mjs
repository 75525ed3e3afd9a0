// Shift the cluster away from an AZ, extend the shift, watch the capacity
// card and the reconciler follow, and revert it from the console.
import { checkA11y } from '../lib/axe.mjs';
import { excludedProblem, restoredProblem } from '../lib/reconcileChecks.mjs';
import { card, check, eventually, expiryOf } from './common.mjs';

export async function shiftSteps({
  page,
  step,
  api,
  runs,
  cluster,
  shiftCard,
}) {
  let shiftedZoneLabel;

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
      `after Review the focus is on "${focused.slice(0, 60)}", not the summary`,
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
    await shiftCard.getByText('e2e: drain the AZ for a network test').waitFor();
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
    await page.getByRole('link', { name: 'Fleet Resilience' }).first().click();
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
