import {
  isCreatePermission,
  isDeletePermission,
  isReadPermission,
  isResourcePermission,
  isUpdatePermission,
} from '@backstage/plugin-permission-common';
import {
  fleetResiliencePermissions,
  fleetResilienceClusterReadPermission,
  fleetResiliencePreflightPermission,
  fleetResilienceReadinessConfigurePermission,
  fleetResilienceRefreshPermission,
  fleetResilienceShiftCancelPermission,
  fleetResilienceShiftStartPermission,
  fleetResilienceShiftUpdatePermission,
  RESOURCE_TYPE_FLEET_RESILIENCE_CLUSTER,
} from './permissions';

describe('permissions', () => {
  it('reading a cluster is a read permission on the cluster resource', () => {
    expect(fleetResilienceClusterReadPermission).toEqual({
      type: 'resource',
      name: 'fleet-resilience.cluster.read',
      attributes: { action: 'read' },
      resourceType: 'fleet-resilience-cluster',
    });
    expect(isReadPermission(fleetResilienceClusterReadPermission)).toBe(true);
  });

  it('refreshing the fleet is a basic update permission of its own', () => {
    expect(fleetResilienceRefreshPermission).toEqual({
      type: 'basic',
      name: 'fleet-resilience.refresh',
      attributes: { action: 'update' },
    });
    expect(isUpdatePermission(fleetResilienceRefreshPermission)).toBe(true);
    expect(isResourcePermission(fleetResilienceRefreshPermission)).toBe(false);
  });

  it('the preflight report is a basic read permission of its own', () => {
    expect(fleetResiliencePreflightPermission).toEqual({
      type: 'basic',
      name: 'fleet-resilience.preflight',
      attributes: { action: 'read' },
    });
    expect(isReadPermission(fleetResiliencePreflightPermission)).toBe(true);
    expect(isResourcePermission(fleetResiliencePreflightPermission)).toBe(
      false,
    );
  });

  it.each([
    [
      'fleet-resilience.shift.start',
      fleetResilienceShiftStartPermission,
      isCreatePermission,
    ],
    [
      'fleet-resilience.shift.update',
      fleetResilienceShiftUpdatePermission,
      isUpdatePermission,
    ],
    [
      'fleet-resilience.shift.cancel',
      fleetResilienceShiftCancelPermission,
      isDeletePermission,
    ],
    [
      'fleet-resilience.readiness.configure',
      fleetResilienceReadinessConfigurePermission,
      isUpdatePermission,
    ],
  ] as const)(
    '%s is a cluster resource permission with its CRUD action',
    (name, permission, hasAction) => {
      expect(permission.name).toBe(name);
      expect(
        isResourcePermission(
          permission,
          RESOURCE_TYPE_FLEET_RESILIENCE_CLUSTER,
        ),
      ).toBe(true);
      expect(hasAction(permission)).toBe(true);
    },
  );

  it('lists every permission once', () => {
    expect(fleetResiliencePermissions.map(p => p.name)).toEqual([
      'fleet-resilience.cluster.read',
      'fleet-resilience.shift.start',
      'fleet-resilience.shift.update',
      'fleet-resilience.shift.cancel',
      'fleet-resilience.readiness.configure',
      'fleet-resilience.refresh',
      'fleet-resilience.preflight',
    ]);
  });
});
