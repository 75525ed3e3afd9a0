import { createPermission } from '@backstage/plugin-permission-common';

// RESOURCE_TYPE_CATALOG_ENTITY from @backstage/plugin-catalog-common, which
// this package does not depend on. Shift permissions are checked against the
// catalog entity of the cluster, so policies can allow them per owner.
const CATALOG_ENTITY = 'catalog-entity';

/**
 * See the fleet: clusters, per-AZ capacity, N-1 results and shifts.
 *
 * @public
 */
export const fleetResilienceReadPermission = createPermission({
  name: 'fleet-resilience.fleet.read',
  attributes: { action: 'read' },
});

/**
 * Start a zonal shift of the cluster entity.
 *
 * @public
 */
export const fleetResilienceShiftStartPermission = createPermission({
  name: 'fleet-resilience.shift.start',
  attributes: { action: 'create' },
  resourceType: CATALOG_ENTITY,
});

/**
 * Change the expiry or comment of a zonal shift of the cluster entity.
 *
 * @public
 */
export const fleetResilienceShiftUpdatePermission = createPermission({
  name: 'fleet-resilience.shift.update',
  attributes: { action: 'update' },
  resourceType: CATALOG_ENTITY,
});

/**
 * Cancel a zonal shift of the cluster entity.
 *
 * @public
 */
export const fleetResilienceShiftCancelPermission = createPermission({
  name: 'fleet-resilience.shift.cancel',
  attributes: { action: 'delete' },
  resourceType: CATALOG_ENTITY,
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
 * Every permission of Fleet Resilience, for the permission integration router.
 *
 * @public
 */
export const fleetResiliencePermissions = [
  fleetResilienceReadPermission,
  fleetResilienceShiftStartPermission,
  fleetResilienceShiftUpdatePermission,
  fleetResilienceShiftCancelPermission,
  fleetResilienceRefreshPermission,
];
