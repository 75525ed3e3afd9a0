import { usePermission } from '@backstage/plugin-permission-react';
import { fleetResilienceReadinessConfigurePermission } from '@fleet-resilience/plugin-fleet-resilience-common';

/**
 * Why the user may not change the cluster's readiness on the AWS side, or
 * undefined when allowed. A resource permission on the cluster (its ARN is
 * the resourceRef), as the shift permissions are: the policy may answer per
 * cluster (the shipped one: its owners and the admins).
 */
export function useReadinessPermission(
  clusterArn: string | undefined,
): string | undefined {
  const result = usePermission({
    permission: fleetResilienceReadinessConfigurePermission,
    resourceRef: clusterArn,
  });
  if (!clusterArn) {
    return "The cluster's ARN is not known, so permission to change its readiness cannot be checked";
  }
  if (result.loading) return 'Checking your permissions…';
  return result.allowed
    ? undefined
    : `You do not have permission to change this cluster's zonal shift readiness (${fleetResilienceReadinessConfigurePermission.name})`;
}
