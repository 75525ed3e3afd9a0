// The demo's two sign-in identities (auth.providers.fleetDemo in
// app-config.yaml), chosen on the sign-in page: the payments developer sees
// only the payments team's clusters and no fleet data of a foreign cluster;
// the platform engineer sees the whole fleet. Screenshots at 1440 and 1024
// wide of each console.
import {
  check,
  DEMO_FLEET_SIZE,
  DEMO_PAYMENTS_TEAM_CLUSTERS,
  eventually,
  NARROW,
  WIDE,
} from './common.mjs';

/** Where the sign-in page remembers the choice (packages/app DemoSignInPage). */
const CHOICE_KEY = 'fleetResilience.demoSignIn.choice';
export const DEMO_IDENTITIES = {
  developer: 'Dana, payments developer',
  engineer: 'Pat, platform engineer',
};
/** A cluster owned by search-team: foreign to the payments developer. */
const FOREIGN_CLUSTER = 'search-prod-use1';

/** The catalog path of a cluster's entity, from the backend (as guest). */
async function entityPath(api, name) {
  const { items } = await api.clusters({ limit: '100' });
  const summary = items.find(c => c.ref.name === name);
  check(summary?.entityRef, `the backend lists no entity for ${name}`);
  const [, namespace, entity] = /^resource:([^/]+)\/(.+)$/.exec(
    summary.entityRef,
  );
  return `/catalog/${namespace}/resource/${entity}`;
}

/**
 * Forgets the remembered choice and reloads: the app starts signed out on
 * the sign-in page, which lists both identities and Guest; the identity's
 * card is chosen.
 */
async function signInAs(page, frontendUrl, title) {
  await page.goto(frontendUrl);
  await page.evaluate(key => window.localStorage.removeItem(key), CHOICE_KEY);
  await page.goto(frontendUrl);
  for (const name of Object.values(DEMO_IDENTITIES)) {
    await page
      .getByRole('button', { name: `Sign in as ${name}` })
      .waitFor({ timeout: 120_000 });
  }
  await page.getByRole('button', { name: 'Enter' }).waitFor();
  await page.getByRole('button', { name: `Sign in as ${title}` }).click();
  await page
    .getByRole('link', { name: 'Fleet Resilience' })
    .first()
    .waitFor({ timeout: 60_000 });
}

/** Whether a "Shift away from an AZ" button is there and usable. */
function shiftEnabled(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('button')].some(
      b =>
        b.textContent?.includes('Shift away from an AZ') &&
        b.getAttribute('aria-disabled') !== 'true' &&
        !b.disabled,
    ),
  );
}

/** The console's cluster names once the count reads `count clusters match.` */
async function consoleRows(page, frontendUrl, count) {
  await page.goto(`${frontendUrl}/fleet-resilience`);
  await page
    .getByText(`${count} cluster${count === 1 ? '' : 's'} match.`)
    .waitFor({ timeout: 60_000 });
  return page
    .getByRole('table', { name: 'Clusters' })
    .locator('tbody tr td:first-child')
    .allInnerTexts();
}

/** The same page at 1024 wide: a numbered viewport screenshot, then back. */
async function narrowShot(page, artifacts, name) {
  await page.setViewportSize(NARROW);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({
    path: `${artifacts}/${name}-${NARROW.width}x${NARROW.height}.png`,
    fullPage: true,
  });
  await page.setViewportSize(WIDE);
}

export async function identitySteps({
  page,
  step,
  frontendUrl,
  artifacts,
  api,
}) {
  await page.setViewportSize(WIDE);
  const foreignPath = await entityPath(api, FOREIGN_CLUSTER);
  const ownPath = await entityPath(api, DEMO_PAYMENTS_TEAM_CLUSTERS[0]);

  await step('sign in as the payments developer', async () => {
    await signInAs(page, frontendUrl, DEMO_IDENTITIES.developer);
  });

  await step('console as the payments developer', async () => {
    const names = await consoleRows(
      page,
      frontendUrl,
      DEMO_PAYMENTS_TEAM_CLUSTERS.length,
    );
    check(
      names.length === DEMO_PAYMENTS_TEAM_CLUSTERS.length &&
        DEMO_PAYMENTS_TEAM_CLUSTERS.every(n =>
          names.some(row => row.includes(n)),
        ),
      `the developer's console lists ${JSON.stringify(
        names,
      )}, not ${JSON.stringify(DEMO_PAYMENTS_TEAM_CLUSTERS)}`,
    );
    await narrowShot(page, artifacts, 'console-as-payments-developer');
  });

  await step('own cluster as the payments developer', async () => {
    await page.goto(`${frontendUrl}${ownPath}`);
    await page
      .getByRole('heading', { name: DEMO_PAYMENTS_TEAM_CLUSTERS[0] })
      .first()
      .waitFor({ timeout: 60_000 });
    const shift = page.getByRole('button', { name: 'Shift away from an AZ' });
    await shift.waitFor({ timeout: 30_000 });
    // The permission answer arrives after the card: the owner may shift.
    await eventually('the owner may start a shift', () => shiftEnabled(page), {
      timeoutMs: 30_000,
    });
    await narrowShot(page, artifacts, 'own-cluster-as-payments-developer');
  });

  await step('foreign cluster as the payments developer', async () => {
    await page.goto(`${frontendUrl}${foreignPath}`);
    // Either the catalog hides the entity, or the fleet cards answer 404
    // exactly as for a cluster that does not exist: no fleet data, no action.
    await page
      .getByText(
        /There is no Resource with the requested|Cluster not in the fleet yet|not found/i,
      )
      .first()
      .waitFor({ timeout: 60_000 });
    check(
      !(await shiftEnabled(page)),
      `the developer may start a shift on ${FOREIGN_CLUSTER}`,
    );
    check(
      (await page.getByText('AZ capacity and N-1').count()) === 0 ||
        (await page.locator('section[aria-label^="AZ "]').count()) === 0,
      `the developer sees the AZ capacity of ${FOREIGN_CLUSTER}`,
    );
    await narrowShot(page, artifacts, 'foreign-cluster-as-payments-developer');
  });

  await step('fleet shift dry run as the payments developer', async () => {
    await page.goto(`${frontendUrl}/fleet-resilience`);
    await page
      .getByRole('button', { name: 'Shift fleet away from an AZ' })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('AZ ID').fill('use1-az2');
    await dialog.getByLabel('Duration').fill('1h');
    await dialog.getByLabel('Comment').fill('e2e: what would a shift do');
    await dialog.getByRole('button', { name: 'Dry run' }).click();
    // Clusters of other teams in the AZ are counted, never named.
    await dialog
      .getByText(/in this AZ \(use1-az2\) (is|are) not visible to you/)
      .waitFor({ timeout: 60_000 });
    const text = await dialog.innerText();
    check(
      text.includes(DEMO_PAYMENTS_TEAM_CLUSTERS[0]) &&
        !text.includes(FOREIGN_CLUSTER),
      `the developer's dry run reads: ${text.slice(0, 500)}`,
    );
    await narrowShot(page, artifacts, 'fleet-dry-run-as-payments-developer');
    await dialog.getByRole('button', { name: 'Back' }).click();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  await step('sign in as the platform engineer', async () => {
    await signInAs(page, frontendUrl, DEMO_IDENTITIES.engineer);
  });

  await step('console as the platform engineer', async () => {
    const names = await consoleRows(page, frontendUrl, DEMO_FLEET_SIZE);
    check(
      names.length === DEMO_FLEET_SIZE &&
        names.some(row => row.includes(FOREIGN_CLUSTER)),
      `the platform engineer's console lists ${JSON.stringify(names)}`,
    );
    await narrowShot(page, artifacts, 'console-as-platform-engineer');
  });

  // Later runs in the same browser start on the sign-in page again.
  await page.evaluate(key => window.localStorage.removeItem(key), CHOICE_KEY);
}
