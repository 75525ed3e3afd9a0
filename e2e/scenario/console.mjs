// The shift console: the fleet table, the heatmap, the filter, axe.
import { checkA11y } from '../lib/axe.mjs';
import {
  check,
  DEMO_FLEET_SIZE,
  DEMO_PAYMENTS_CLUSTERS,
  DEMO_PAYMENTS_TEAM_CLUSTERS,
  eventually,
  WIDE,
} from './common.mjs';

export async function consoleSteps({ page, step, cluster }) {
  await step('console shows the fleet', async () => {
    await page.getByRole('link', { name: 'Fleet Resilience' }).first().click();
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
    // The owner filter: the team's clusters, whatever their names.
    await page.getByLabel('Search cluster names').fill('');
    await page.getByLabel('Owner').fill('payments-team');
    await page
      .getByText(`${DEMO_PAYMENTS_TEAM_CLUSTERS.length} clusters match.`)
      .waitFor({ timeout: 30_000 });
    const owned = await page
      .getByRole('table', { name: 'Clusters' })
      .locator('tbody tr')
      .allInnerTexts();
    const listed = DEMO_PAYMENTS_TEAM_CLUSTERS.filter(name =>
      owned.some(text => text.includes(name)),
    );
    check(
      listed.length === DEMO_PAYMENTS_TEAM_CLUSTERS.length,
      `filtering by owner payments-team listed ${JSON.stringify(owned)}`,
    );
  });
  await step('console accessibility', async () => {
    await checkA11y(page, `the console at ${WIDE.width}x${WIDE.height}`);
  });
}
