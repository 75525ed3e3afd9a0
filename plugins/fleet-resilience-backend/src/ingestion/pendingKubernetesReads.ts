/**
 * Which clusters' Kubernetes APIs are due at once rather than at their
 * shard's next run: never tried, or skipped only because EKS had not yet
 * confirmed the API server it now reports (as
 * KubernetesStore.hasClustersNotYetReadFromKubernetes asks in SQL).
 */
import type { ClusterQueries } from '../database/ClusterQueries';
import type { KubernetesStore } from '../database/KubernetesStore';
import { NOT_CONFIRMED_BY_EKS } from '../domain/kubernetesApiServer';
import type { StoredCluster } from '../domain/records';

export function isKubernetesReadPending(cluster: StoredCluster): boolean {
  return (
    cluster.k8sLastAttemptAt === undefined ||
    (cluster.eksEndpoint !== undefined &&
      cluster.k8sLastError === NOT_CONFIRMED_BY_EKS)
  );
}

/**
 * For one shard whether any read is pending; for more, the ARNs pending,
 * so only their shards are asked for. The cheap check comes first: the
 * clusters are listed only when some read is pending.
 */
export async function pendingKubernetesReads(
  stores: {
    kubernetes: Pick<KubernetesStore, 'hasClustersNotYetReadFromKubernetes'>;
    clusters: Pick<ClusterQueries, 'listAllClusters'>;
  },
  shards: number,
): Promise<boolean | string[]> {
  const any = await stores.kubernetes.hasClustersNotYetReadFromKubernetes();
  if (!any || shards === 1) return any;
  const clusters = await stores.clusters.listAllClusters();
  return clusters.filter(isKubernetesReadPending).map(c => c.ref.arn);
}
