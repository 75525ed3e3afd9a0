/**
 * Permissions decided for real in a test backend: Backstage's permission
 * backend with the shipped policy module (platform-team are admins, owners
 * read and shift their own clusters, refresh by admins), the real
 * permissions services, and auth whose plugin tokens on behalf of a user
 * carry the actor. Only identity is given: each demo user's ownership
 * claims (what sign-in puts in the token) come from a userInfo stand-in.
 */
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { permissionsRegistryServiceFactory } from '@backstage/backend-defaults/permissionsRegistry';
import { mockServices } from '@backstage/backend-test-utils';
import permissionBackend from '@backstage/plugin-permission-backend';
import fleetResiliencePolicy from '@fleet-resilience/plugin-permission-backend-module-fleet-resilience-policy';
import { onBehalfOfAuthServices } from '@fleet-resilience/test-support/onBehalfOfAuth';
import type { RunningSimulator } from '@fleet-resilience/fleet-simulator';
import { clusterArnOf, simulatorConfig } from './fleetBackend';

export const PROD = '111122223333';
export const SHARED = '444455556666';
export const PAYMENTS_USE1 = clusterArnOf(
  PROD,
  'us-east-1',
  'payments-prod-use1',
);
export const SEARCH_USE1 = clusterArnOf(
  SHARED,
  'us-east-1',
  'search-prod-use1',
);

export const PAT = 'user:default/pat'; // platform engineer: admin
export const DANA = 'user:default/dana'; // payments developer: owner
export const SAM = 'user:default/sam'; // search developer: another team
const CLAIMS: Record<string, string[]> = {
  [PAT]: [PAT, 'group:default/platform-team'],
  [DANA]: [DANA, 'group:default/payments-team'],
  [SAM]: [SAM, 'group:default/search-team'],
};

/** `fleetResilience.policy` of the shipped policy, as the example portal sets it. */
export const SHIPPED_POLICY_CONFIG = {
  admins: ['group:default/platform-team'],
  read: 'owners',
  shift: 'owners',
  refresh: 'admins',
};

/**
 * The app-config of a backend on the simulator that decides with the shipped
 * policy, refreshed when the test asks (the scheduled refreshes are 10
 * minutes apart); `fleetResilience` adds to the plugin's part.
 */
export function shippedPolicySimulatorConfig(
  sim: RunningSimulator,
  fleetResilience: Record<string, unknown>,
) {
  const base = simulatorConfig(sim, { maxAttempts: 10 });
  const schedule = {
    schedule: { frequency: { minutes: 10 }, timeout: { minutes: 2 } },
  };
  return {
    ...base,
    permission: { enabled: true },
    fleetResilience: {
      ...base.fleetResilience,
      refresh: {
        ...base.fleetResilience.refresh,
        aws: schedule,
        kubernetes: schedule,
      },
      policy: SHIPPED_POLICY_CONFIG,
      ...fleetResilience,
    },
  };
}

/** The features that decide permissions with the shipped policy; config needs `permission.enabled`. */
export function shippedPolicyFeatures() {
  return [
    permissionBackend,
    fleetResiliencePolicy,
    permissionsServiceFactory,
    permissionsRegistryServiceFactory,
    ...onBehalfOfAuthServices,
    mockServices.userInfo.mock({
      getUserInfo: async credentials => {
        const user = (credentials.principal as { userEntityRef: string })
          .userEntityRef;
        return { userEntityRef: user, ownershipEntityRefs: CLAIMS[user] };
      },
    }).factory,
  ];
}
