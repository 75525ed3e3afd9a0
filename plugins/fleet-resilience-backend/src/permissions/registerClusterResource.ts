/**
 * Registers the cluster resource type with the permission system: its
 * permissions, its rules (owner, account, region, tag) and how to load
 * clusters by ARN, so the permission backend can decide conditional
 * decisions for one cluster (the frontend's `usePermission` with the ARN as
 * resource ref). Returns the transformer from conditions to store filters.
 */
import type { PermissionsRegistryService } from '@backstage/backend-plugin-api';
import {
  createConditionTransformer,
  type ConditionTransformer,
} from '@backstage/plugin-permission-node';
import { fleetResiliencePermissions } from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  fleetResilienceClusterPermissionResourceRef,
  fleetResilienceClusterPermissionRules,
  type FleetClusterFilter,
  type FleetClusterResource,
} from '@fleet-resilience/plugin-fleet-resilience-node';

export function registerClusterResource(
  registry: PermissionsRegistryService,
  getResources: (
    arns: string[],
  ) => Promise<Array<FleetClusterResource | undefined>>,
): ConditionTransformer<FleetClusterFilter> {
  const resourcePermissions = fleetResiliencePermissions.filter(
    p => p.type === 'resource',
  );
  registry.addPermissions(
    fleetResiliencePermissions.filter(p => p.type !== 'resource'),
  );
  registry.addResourceType({
    resourceRef: fleetResilienceClusterPermissionResourceRef,
    permissions: resourcePermissions,
    rules: Object.values(fleetResilienceClusterPermissionRules),
    getResources,
  });
  return createConditionTransformer(
    registry.getPermissionRuleset(fleetResilienceClusterPermissionResourceRef),
  );
}
