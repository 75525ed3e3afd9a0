// The same pages on a small screen: what an incident needs is reachable
// without scrolling, nothing falls off its card, axe finds nothing
// serious. Each step keeps a viewport-sized screenshot too.
import { checkA11y } from '../lib/axe.mjs';
import {
  aboveTheFold,
  check,
  DEMO_PAYMENTS_TEAM_CLUSTERS,
  eventually,
  NARROW,
  WIDE,
} from './common.mjs';

export async function narrowSteps({
  page,
  step,
  frontendUrl,
  artifacts,
  api,
  cluster,
  shiftCard,
}) {
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
    // The cards above it settle as their data arrives: measure once the
    // layout has, with the page scrolled to the top.
    let box;
    const settled = await eventually(
      'the Shift button above the fold at 1024x768',
      async () => {
        await page.evaluate(() => window.scrollTo(0, 0));
        box = await button.boundingBox();
        return aboveTheFold(button, NARROW);
      },
      { timeoutMs: 10_000, intervalMs: 500 },
    ).catch(() => false);
    check(
      settled,
      `the Shift button is not visible without scrolling at 1024x768 (at ${JSON.stringify(
        box,
      )})`,
    );
    await checkA11y(page, 'the cluster page at 1024x768');
    await viewportShot('cluster-page');
  });

  await step('shift history at 1024x768', async () => {
    // The history fits its half-width card, and no word breaks inside:
    // the Outcome header and each outcome ("success", "canceled") stay on
    // one line.
    const history = page.getByRole('table', { name: 'Shift history' });
    await history.locator('tbody tr').first().waitFor({ timeout: 30_000 });
    await history.scrollIntoViewIfNeeded();
    const layout = await history.evaluate(table => ({
      overflow: table.scrollWidth - table.parentElement.clientWidth,
      outcomeLines: [...table.querySelectorAll('tr')].map(row => {
        const cell = row.lastElementChild;
        const range = document.createRange();
        range.selectNodeContents(cell);
        return [cell.textContent, range.getClientRects().length];
      }),
    }));
    check(
      layout.overflow <= 1,
      `the shift history is ${layout.overflow}px wider than its card at 1024x768`,
    );
    const broken = layout.outcomeLines.filter(([, lines]) => lines > 1);
    check(
      broken.length === 0,
      `outcomes broken over lines at 1024x768: ${JSON.stringify(broken)}`,
    );
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
    // The filter bar, the Owner field included, wraps within the card.
    await page.getByLabel('Owner').fill('payments-team');
    await page
      .getByText(`${DEMO_PAYMENTS_TEAM_CLUSTERS.length} clusters match.`)
      .waitFor({ timeout: 30_000 });
    const bar = await page
      .getByRole('search')
      .evaluate(el => el.scrollWidth - el.clientWidth);
    check(bar <= 1, `the filter bar is ${bar}px too wide at 1024x768`);
    await viewportShot('console-owner-filter');
  });
  await page.setViewportSize(WIDE);
}
