// AWS starts an autoshift (the simulator's control stands in for AWS): it
// shows in Active shifts with a link to ARC and no revert, then ends.
import { check, eventually } from './common.mjs';

export async function autoshiftSteps({
  page,
  step,
  frontendUrl,
  simulatorUrl,
  api,
  cluster,
}) {
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
