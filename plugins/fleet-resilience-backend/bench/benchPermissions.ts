/**
 * The benchmark's permission decisions: every caller may read everything,
 * except {@link CONDITIONAL_USER}, who gets the conditional decision a
 * team-scoped policy gives a developer (clusters their team owns, or tagged
 * for everyone). The benchmark measures the list filtered in SQL from that
 * decision against the unconditional list; the decision itself is not what
 * is measured, so it is answered in process.
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

export const CONDITIONAL_USER = 'user:default/payments-developer';

function isConditionalUser(credentials: BackstageCredentials): boolean {
  const principal = credentials.principal as { userEntityRef?: string };
  return principal.userEntityRef === CONDITIONAL_USER;
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
        return requests.map(({ permission }): PolicyDecision => {
          if (
            !isConditionalUser(credentials) ||
            permission.type !== 'resource'
          ) {
            return { result: AuthorizeResult.ALLOW };
          }
          return createFleetResilienceClusterConditionalDecision(
            permission as Parameters<
              typeof createFleetResilienceClusterConditionalDecision
            >[0],
            {
              anyOf: [
                conditions.isClusterOwner({
                  claims: [CONDITIONAL_USER, 'group:default/payments-team'],
                }),
                conditions.hasTag({ key: 'environment', value: 'dev' }),
              ],
            },
          );
        });
      },
    };
  },
});
