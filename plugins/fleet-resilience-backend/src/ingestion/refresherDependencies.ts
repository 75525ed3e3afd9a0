/**
 * What a refresh (FleetRefresher) depends on: the narrow stores it reads
 * from and writes to, the readers of each source, and its settings.
 */
import type {
  ArcStateReader,
  EksClusterDescriber,
  FleetInventorySource,
  KubernetesClusterReader,
  ResilienceHubReader,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import type { ArcStore } from '../database/ArcStore';
import type { ClusterQueries } from '../database/ClusterQueries';
import type { InventoryStore } from '../database/InventoryStore';
import type { KubernetesStore } from '../database/KubernetesStore';
import type { RefreshResultStore } from '../database/RefreshResultStore';
import type { ResilienceHubStore } from '../database/ResilienceHubStore';
import type { TagNames } from './reduceInventory';

/** What a refresh reads from and writes to the store. */
export interface FleetRefresherStores {
  clusters: Pick<ClusterQueries, 'listAllClusters'>;
  inventory: Pick<
    InventoryStore,
    | 'applyInventory'
    | 'applyEksDetails'
    | 'upsertAccountZones'
    | 'listAccountZones'
  >;
  kubernetes: Pick<
    KubernetesStore,
    | 'listKubernetesTargets'
    | 'applyKubernetesSnapshot'
    | 'applyKubernetesFailure'
  >;
  arc: Pick<ArcStore, 'applyArcRegion'>;
  resilienceHub: Pick<ResilienceHubStore, 'applyResilienceApps'>;
  refreshResults: Pick<RefreshResultStore, 'recordRefreshResult'>;
}

export interface FleetRefresherReaders {
  inventorySources: readonly FleetInventorySource[];
  arc: ArcStateReader;
  resilienceHub: ResilienceHubReader;
  eks: EksClusterDescriber;
  kubernetes: KubernetesClusterReader;
}

export interface FleetRefresherSettings {
  tags: TagNames;
  /** Account/regions (ARC, Resilience Hub) and EKS calls in flight at once. */
  awsConcurrency: number;
  /** Clusters whose Kubernetes API is read at once. */
  kubernetesConcurrency: number;
  /** Per cluster read. */
  kubernetesTimeoutMs: number;
  /** DescribeCluster again after this long (new clusters at once). */
  eksRecheckMs: number;
}
