/**
 * The benchmark's permission decisions, answered in process (the decision is
 * not what is measured; the list filtered in SQL from it is):
 * - {@link POLICY_USER}, a payments developer, gets what the shipped policy
 *   (`@fleet-resilience/plugin-permission-backend-module-fleet-resilience-policy`,
 *   owners read their clusters) decides for them: a condition on ownership;
 * - {@link OWNER_OR_TAG_USER} gets a wider, costlier condition: their team's
 *   clusters or any tagged `environment=dev` (a tag look-up in SQL);
 * - every other caller may read everything.
 */
import {
  coreServices,
  createServiceFactory,
  type BackstageCredentials,
  type PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  createFleetResilienceClusterConditionalDecision,
  fleetResilienceClusterConditions as conditions,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import {
  decideFleetResiliencePermission,
  DEFAULT_FLEET_RESILIENCE_POLICY_CONFIG,
} from '@fleet-resilience/plugin-permission-backend-module-fleet-resilience-policy';

export const POLICY_USER = 'user:default/payments-developer';
export const OWNER_OR_TAG_USER = 'user:default/dev-tag-reader';
const TEAM = 'group:default/payments-team';

function userOf(credentials: BackstageCredentials): string | undefined {
  return (credentials.principal as { userEntityRef?: string }).userEntityRef;
}

export const benchPermissionsFactory = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory(): PermissionsService {
    return {
      async authorize(requests) {
        return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
      },
      async authorizeConditional(requests, { credentials }) {
        const user = userOf(credentials);
        return requests.map(({ permission }): PolicyDecision => {
          if (user === POLICY_USER) {
            return (
              decideFleetResiliencePermission(
                DEFAULT_FLEET_RESILIENCE_POLICY_CONFIG,
                permission,
                { ownershipEntityRefs: [POLICY_USER, TEAM] },
              ) ?? { result: AuthorizeResult.ALLOW }
            );
          }
          if (user === OWNER_OR_TAG_USER && permission.type === 'resource') {
            return createFleetResilienceClusterConditionalDecision(
              permission as Parameters<
                typeof createFleetResilienceClusterConditionalDecision
              >[0],
              {
                anyOf: [
                  conditions.isClusterOwner({
                    claims: [OWNER_OR_TAG_USER, TEAM],
                  }),
                  conditions.hasTag({ key: 'environment', value: 'dev' }),
                ],
              },
            );
          }
          return { result: AuthorizeResult.ALLOW };
        });
      },
    };
  },
});
