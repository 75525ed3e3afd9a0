import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of an EKS cluster of the fleet. Its resource ref is the
 * cluster's ARN; the backend registers rules for it (owner, account, region,
 * tag), so a policy can answer per cluster and lists are filtered in SQL.
 *
 * @public
 */
export const RESOURCE_TYPE_FLEET_RESILIENCE_CLUSTER =
  'fleet-resilience-cluster';

const CLUSTER = RESOURCE_TYPE_FLEET_RESILIENCE_CLUSTER;

/**
 * See a cluster: its list entry, detail, per-AZ capacity, N-1 result,
 * shifts, history, audit rows, reconciler status and search document.
 *
 * @public
 */
export const fleetResilienceClusterReadPermission = createPermission({
  name: 'fleet-resilience.cluster.read',
  attributes: { action: 'read' },
  resourceType: CLUSTER,
});

/**
 * Start a zonal shift of the cluster.
 *
 * @public
 */
export const fleetResilienceShiftStartPermission = createPermission({
  name: 'fleet-resilience.shift.start',
  attributes: { action: 'create' },
  resourceType: CLUSTER,
});

/**
 * Change the expiry or comment of a zonal shift of the cluster.
 *
 * @public
 */
export const fleetResilienceShiftUpdatePermission = createPermission({
  name: 'fleet-resilience.shift.update',
  attributes: { action: 'update' },
  resourceType: CLUSTER,
});

/**
 * Cancel a zonal shift of the cluster.
 *
 * @public
 */
export const fleetResilienceShiftCancelPermission = createPermission({
  name: 'fleet-resilience.shift.cancel',
  attributes: { action: 'delete' },
  resourceType: CLUSTER,
});

/**
 * Change a cluster's zonal shift readiness on the AWS side: EKS zonal shift,
 * ARC zonal autoshift, ARC practice-run configuration.
 *
 * @public
 */
export const fleetResilienceReadinessConfigurePermission = createPermission({
  name: 'fleet-resilience.readiness.configure',
  attributes: { action: 'update' },
  resourceType: CLUSTER,
});

/**
 * Ask for a full refresh of the fleet now (`POST /refresh`): every inventory
 * source, ARC, Resilience Hub, EKS and every cluster's Kubernetes API are
 * read again. A basic `update` permission of its own, so a policy can allow
 * reading the fleet without allowing its callers to load the sources.
 *
 * @public
 */
export const fleetResilienceRefreshPermission = createPermission({
  name: 'fleet-resilience.refresh',
  attributes: { action: 'update' },
});

/**
 * Read the preflight report (`GET /preflight`) and run it again
 * (`POST /preflight`): which accounts, regions and clusters the backend's
 * roles can reach, and what to fix where they cannot. It names accounts,
 * role ARNs and RBAC rules, so it is a basic permission of its own (the
 * shipped policy gives it to admins).
 *
 * @public
 */
export const fleetResiliencePreflightPermission = createPermission({
  name: 'fleet-resilience.preflight',
  attributes: { action: 'read' },
});

/**
 * Every permission of Fleet Resilience, for the permission integration router.
 *
 * @public
 */
export const fleetResiliencePermissions = [
  fleetResilienceClusterReadPermission,
  fleetResilienceShiftStartPermission,
  fleetResilienceShiftUpdatePermission,
  fleetResilienceShiftCancelPermission,
  fleetResilienceReadinessConfigurePermission,
  fleetResilienceRefreshPermission,
  fleetResiliencePreflightPermission,
];
