/**
 * The policy's decisions: a pure function of the settings, the permission
 * and the user's ownership claims, so every answer is tested without a
 * backend and adopters can call it from their own policy.
 */
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  catalogEntityReadPermission,
  RESOURCE_TYPE_CATALOG_ENTITY,
} from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  isPermission,
  isResourcePermission,
  type Permission,
  type PermissionCondition,
  type PermissionCriteria,
  type PolicyDecision,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  FLEET_CLUSTER_ARN_ANNOTATION,
  fleetResilienceClusterReadPermission,
  fleetResilienceReadinessConfigurePermission,
  fleetResilienceRefreshPermission,
  fleetResilienceShiftCancelPermission,
  fleetResilienceShiftStartPermission,
  fleetResilienceShiftUpdatePermission,
  RESOURCE_TYPE_FLEET_RESILIENCE_CLUSTER,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  createFleetResilienceClusterConditionalDecision,
  fleetResilienceClusterConditions,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import type { FleetResiliencePolicyConfig } from './config';

/**
 * The signed-in user as the policy sees them: their ownership claims (the
 * user's own ref and their groups' refs, from `UserInfoService`).
 *
 * @public
 */
export interface FleetResiliencePolicyUser {
  ownershipEntityRefs: readonly string[];
}

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

/**
 * Decided by `shift`: starting, extending and cancelling shifts, and
 * readiness fixes (zonal shift, autoshift and practice runs on the AWS side),
 * which change how the cluster behaves when an AZ fails just as much.
 */
const SHIFT_PERMISSIONS = [
  fleetResilienceShiftStartPermission,
  fleetResilienceShiftUpdatePermission,
  fleetResilienceShiftCancelPermission,
  fleetResilienceReadinessConfigurePermission,
];

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * Whether one of the user's ownership claims is in `admins` (lower case).
 *
 * @public
 */
export function isFleetResilienceAdmin(
  policy: Pick<FleetResiliencePolicyConfig, 'admins'>,
  user: FleetResiliencePolicyUser | undefined,
): boolean {
  if (!user) return false;
  const admins = new Set(policy.admins.map(lower));
  return user.ownershipEntityRefs.some(ref => admins.has(lower(ref)));
}

/**
 * The catalog criteria that hide the entities of clusters the claims do not
 * own: an entity without the cluster ARN annotation passes, a cluster entity
 * only when one of the claims owns it.
 *
 * @public
 */
export function fleetClusterEntityReadCriteria(
  claims: readonly string[],
): PermissionCriteria<
  PermissionCondition<typeof RESOURCE_TYPE_CATALOG_ENTITY>
> {
  return {
    anyOf: [
      {
        not: catalogConditions.hasAnnotation({
          annotation: FLEET_CLUSTER_ARN_ANNOTATION,
        }),
      },
      catalogConditions.isEntityOwner({ claims: [...claims] }),
    ],
  };
}

function ownerDecision(
  permission: ResourcePermission<typeof RESOURCE_TYPE_FLEET_RESILIENCE_CLUSTER>,
  user: FleetResiliencePolicyUser,
): PolicyDecision {
  return createFleetResilienceClusterConditionalDecision(
    permission,
    fleetResilienceClusterConditions.isClusterOwner({
      claims: [...user.ownershipEntityRefs],
    }),
  );
}

function isFleetResiliencePermission(permission: Permission): boolean {
  return (
    permission.name.startsWith('fleet-resilience.') ||
    isResourcePermission(permission, RESOURCE_TYPE_FLEET_RESILIENCE_CLUSTER)
  );
}

/**
 * Whether the policy may answer anything but ALLOW for the permission, i.e.
 * whether the user's claims are worth looking up.
 */
export function concernsFleetResiliencePolicy(
  policy: FleetResiliencePolicyConfig,
  permission: Permission,
): boolean {
  if (isPermission(permission, catalogEntityReadPermission)) {
    return policy.catalogClusters && policy.read === 'owners';
  }
  return isFleetResiliencePermission(permission);
}

/**
 * The policy's answer for one permission, or undefined when the permission
 * is none of its business (another plugin's permission, or the catalog's
 * when cluster entities are not gated), so a composing policy decides.
 *
 * Fleet Resilience permissions without a user (an unauthenticated caller)
 * are denied; service principals never reach a policy. A Fleet Resilience
 * permission this version does not know is allowed to admins only.
 *
 * @public
 */
export function decideFleetResiliencePermission(
  policy: FleetResiliencePolicyConfig,
  permission: Permission,
  user: FleetResiliencePolicyUser | undefined,
): PolicyDecision | undefined {
  if (!concernsFleetResiliencePolicy(policy, permission)) return undefined;
  const admin = isFleetResilienceAdmin(policy, user);

  if (isPermission(permission, catalogEntityReadPermission)) {
    if (admin) return undefined;
    return createCatalogConditionalDecision(
      catalogEntityReadPermission,
      fleetClusterEntityReadCriteria(user?.ownershipEntityRefs ?? []),
    );
  }

  if (!user) return DENY;
  if (admin) return ALLOW;

  if (isPermission(permission, fleetResilienceRefreshPermission)) {
    return policy.refresh === 'everyone' ? ALLOW : DENY;
  }
  if (
    !isResourcePermission(permission, RESOURCE_TYPE_FLEET_RESILIENCE_CLUSTER)
  ) {
    return DENY;
  }
  if (isPermission(permission, fleetResilienceClusterReadPermission)) {
    return policy.read === 'everyone' ? ALLOW : ownerDecision(permission, user);
  }
  if (SHIFT_PERMISSIONS.some(known => isPermission(permission, known))) {
    return policy.shift === 'owners' ? ownerDecision(permission, user) : DENY;
  }
  return DENY;
}
