// What every group of the scenario shares: the demo cluster, the screen
// sizes, and small helpers to wait and check.

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
export const DEMO_FLEET_SIZE = 12;
/** payments-prod-use1, payments-prod-usw2, payments-dr-euw1. */
export const DEMO_PAYMENTS_CLUSTERS = 3;
/** The clusters payments-team owns (their `owner` tag in the demo fleet). */
export const DEMO_PAYMENTS_TEAM_CLUSTERS = [
  'payments-prod-use1',
  'payments-prod-usw2',
  'payments-dr-euw1',
  'checkout-canary-use1',
];

/** Optional step groups (sign-in, search and the cluster page always run). */
export const GROUPS = [
  'capacity',
  'shift',
  'history',
  'console',
  'autoshift',
  'narrow',
  'operations',
  'readiness',
  'identities',
];

/** The sizes the UI is checked at: a laptop and a small screen. */
export const WIDE = { width: 1440, height: 900 };
export const NARROW = { width: 1024, height: 768 };

export const sleep = ms => new Promise(done => setTimeout(done, ms));

export function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** Retries an async probe until it returns a truthy value. */
export async function eventually(
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
export function card(page, title) {
  return page
    .locator('.MuiCard-root')
    .filter({ has: page.locator('.MuiCardHeader-title', { hasText: title }) })
    .first();
}

/** The shift's expiry as the backend reports it now, epoch ms. */
export async function expiryOf(api, arn) {
  const detail = await api.cluster(arn);
  const shift = detail.activeShifts.find(s => s.shiftType === 'ZONAL_SHIFT');
  return shift ? Date.parse(shift.expiryTime) : undefined;
}

/** Whether the element is on screen without scrolling. */
export async function aboveTheFold(locator, viewport) {
  const box = await locator.boundingBox();
  return Boolean(box) && box.y >= 0 && box.y + box.height <= viewport.height;
}
