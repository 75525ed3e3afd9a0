import { usePermission } from '@backstage/plugin-permission-react';
import {
  fleetResilienceShiftCancelPermission,
  fleetResilienceShiftStartPermission,
  fleetResilienceShiftUpdatePermission,
} from '@fleet-resilience/plugin-fleet-resilience-common';

/** Why an action is unavailable for lack of permission, or undefined when allowed. */
export interface ShiftPermissions {
  start?: string;
  update?: string;
  cancel?: string;
}

function reasonOf(
  result: { loading: boolean; allowed: boolean },
  what: string,
  name: string,
  entityRef: string | undefined,
): string | undefined {
  if (!entityRef) {
    return `The cluster has no catalog entity, so permission to ${what} cannot be checked`;
  }
  if (result.loading) return 'Checking your permissions…';
  return result.allowed
    ? undefined
    : `You do not have permission to ${what} on this cluster (${name})`;
}

/**
 * The shift permissions of the current user on a cluster's catalog entity:
 * start, update and cancel are resource permissions on that entity.
 */
export function useShiftPermissions(
  entityRef: string | undefined,
): ShiftPermissions {
  const start = usePermission({
    permission: fleetResilienceShiftStartPermission,
    resourceRef: entityRef,
  });
  const update = usePermission({
    permission: fleetResilienceShiftUpdatePermission,
    resourceRef: entityRef,
  });
  const cancel = usePermission({
    permission: fleetResilienceShiftCancelPermission,
    resourceRef: entityRef,
  });
  return {
    start: reasonOf(
      start,
      'start a zonal shift',
      fleetResilienceShiftStartPermission.name,
      entityRef,
    ),
    update: reasonOf(
      update,
      'extend a zonal shift',
      fleetResilienceShiftUpdatePermission.name,
      entityRef,
    ),
    cancel: reasonOf(
      cancel,
      'revert a zonal shift',
      fleetResilienceShiftCancelPermission.name,
      entityRef,
    ),
  };
}
