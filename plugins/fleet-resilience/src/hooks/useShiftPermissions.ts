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
  clusterArn: string | undefined,
): string | undefined {
  if (!clusterArn) {
    return `The cluster's ARN is not known, so permission to ${what} cannot be checked`;
  }
  if (result.loading) return 'Checking your permissions…';
  return result.allowed
    ? undefined
    : `You do not have permission to ${what} on this cluster (${name})`;
}

/**
 * The shift permissions of the current user on a cluster: start, update and
 * cancel are resource permissions on `fleet-resilience-cluster`, whose
 * resourceRef is the cluster's ARN (not its catalog entity ref). The policy
 * may answer per cluster (e.g. only the owning team may shift), so this asks
 * for this cluster.
 */
export function useShiftPermissions(
  clusterArn: string | undefined,
): ShiftPermissions {
  const start = usePermission({
    permission: fleetResilienceShiftStartPermission,
    resourceRef: clusterArn,
  });
  const update = usePermission({
    permission: fleetResilienceShiftUpdatePermission,
    resourceRef: clusterArn,
  });
  const cancel = usePermission({
    permission: fleetResilienceShiftCancelPermission,
    resourceRef: clusterArn,
  });
  return {
    start: reasonOf(
      start,
      'start a zonal shift',
      fleetResilienceShiftStartPermission.name,
      clusterArn,
    ),
    update: reasonOf(
      update,
      'extend a zonal shift',
      fleetResilienceShiftUpdatePermission.name,
      clusterArn,
    ),
    cancel: reasonOf(
      cancel,
      'revert a zonal shift',
      fleetResilienceShiftCancelPermission.name,
      clusterArn,
    ),
  };
}
