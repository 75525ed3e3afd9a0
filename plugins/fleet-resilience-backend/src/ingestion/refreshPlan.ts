/**
 * Which calls a refresh makes. Pure.
 */
import type { EksClusterRef } from '@fleet-resilience/plugin-fleet-resilience-common';
import type { AccountRegion } from '@fleet-resilience/plugin-fleet-resilience-node';
import { sameEndpoint } from '../domain/kubernetesApiServer';

/** Distinct account/regions of the clusters, ordered: ARC and Resilience Hub are read once per each. */
export function accountRegionsOf(
  refs: readonly EksClusterRef[],
): AccountRegion[] {
  const scopes = new Map<string, AccountRegion>();
  for (const { accountId, region } of refs) {
    scopes.set(`${accountId}/${region}`, { accountId, region });
  }
  return [...scopes.entries()]
    .sort(([a], [b]) => (a < b ? -1 : Number(a > b)))
    .map(([, scope]) => scope);
}

/**
 * DescribeCluster is needed for a cluster never described, or last described
 * at least `recheckMs` ago (zonal shift can be switched on and off), or whose
 * inventory names an API server EKS has not confirmed: the Kubernetes reads
 * use only EKS's, so a moved endpoint is confirmed at once.
 */
export function needsEksDescribe(
  cluster: {
    zonalShiftEnabled?: boolean;
    eksCheckedAt?: string;
    endpoint?: string;
    eksEndpoint?: string;
  },
  now: Date,
  recheckMs: number,
): boolean {
  if (cluster.zonalShiftEnabled === undefined || !cluster.eksCheckedAt) {
    return true;
  }
  if (
    cluster.endpoint &&
    !(
      cluster.eksEndpoint && sameEndpoint(cluster.endpoint, cluster.eksEndpoint)
    )
  ) {
    return true;
  }
  const checked = Date.parse(cluster.eksCheckedAt);
  return Number.isNaN(checked) || now.getTime() - checked >= recheckMs;
}
