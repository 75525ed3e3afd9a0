// The end-to-end scenario on the demo fleet, as a user does it: sign in as
// guest, find a cluster with search, read its AZ capacity, shift it away from
// an AZ and watch the state change, revert, find both actions in the history,
// then look at the fleet in the shift console. Each step is checked in the
// browser and, where it changes something, against the backend's API too.
//
// Each group of steps lives in scenario/<group>.mjs.

import { autoshiftSteps } from './scenario/autoshift.mjs';
import { card, DEMO_CLUSTER } from './scenario/common.mjs';
import { consoleSteps } from './scenario/console.mjs';
import { entrySteps } from './scenario/entry.mjs';
import { historySteps } from './scenario/history.mjs';
import { identitySteps } from './scenario/identities.mjs';
import { narrowSteps } from './scenario/narrow.mjs';
import { operationsSteps } from './scenario/operations.mjs';
import { readinessSteps } from './scenario/readiness.mjs';
import { shiftSteps } from './scenario/shift.mjs';

export { DEMO_CLUSTER, GROUPS, NARROW, WIDE } from './scenario/common.mjs';

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
  const context = {
    page,
    step,
    frontendUrl,
    simulatorUrl,
    artifacts,
    api,
    runs,
    cluster: DEMO_CLUSTER,
    shiftCard: card(page, 'Zonal shift'),
  };
  await entrySteps(context);
  if (runs('shift')) {
    await shiftSteps(context);
  }
  if (runs('shift') && runs('history')) {
    await historySteps(context);
  }
  if (runs('console')) {
    await consoleSteps(context);
  }
  if (runs('autoshift')) {
    await autoshiftSteps(context);
  }
  if (runs('narrow')) {
    await narrowSteps(context);
  }
  if (runs('operations')) {
    await operationsSteps(context);
  }
  if (runs('readiness')) {
    await readinessSteps(context);
  }
  // Last: it signs the browser in as other identities.
  if (runs('identities')) {
    await identitySteps(context);
  }
}
