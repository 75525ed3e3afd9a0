import {
  isCreatePermission,
  isDeletePermission,
  isReadPermission,
  isResourcePermission,
  isUpdatePermission,
} from '@backstage/plugin-permission-common';
import {
  fleetResiliencePermissions,
  fleetResilienceReadPermission,
  fleetResilienceRefreshPermission,
  fleetResilienceShiftCancelPermission,
  fleetResilienceShiftStartPermission,
  fleetResilienceShiftUpdatePermission,
} from './permissions';

describe('permissions', () => {
  it('reading the fleet is a basic read permission', () => {
    expect(fleetResilienceReadPermission).toEqual({
      type: 'basic',
      name: 'fleet-resilience.fleet.read',
      attributes: { action: 'read' },
    });
    expect(isReadPermission(fleetResilienceReadPermission)).toBe(true);
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
  ] as const)(
    '%s is a catalog-entity resource permission with its CRUD action',
    (name, permission, hasAction) => {
      expect(permission.name).toBe(name);
      expect(isResourcePermission(permission, 'catalog-entity')).toBe(true);
      expect(hasAction(permission)).toBe(true);
    },
  );

  it('lists every permission once', () => {
    expect(fleetResiliencePermissions.map(p => p.name)).toEqual([
      'fleet-resilience.fleet.read',
      'fleet-resilience.shift.start',
      'fleet-resilience.shift.update',
      'fleet-resilience.shift.cancel',
      'fleet-resilience.refresh',
    ]);
  });
});
