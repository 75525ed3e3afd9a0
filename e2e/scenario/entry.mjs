// Sign in as guest, find the cluster with search, open its page, read its
// AZ capacity, and check the page with axe.
import { checkA11y } from '../lib/axe.mjs';
import { card, eventually, WIDE } from './common.mjs';

export async function entrySteps({
  page,
  step,
  frontendUrl,
  runs,
  cluster,
  shiftCard,
}) {
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
}
