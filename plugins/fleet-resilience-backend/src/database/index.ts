/**
 * The fleet's stores, each built on the plugin's one migrated client (see
 * `migrations.ts`). Each store writes only its own tables or column groups;
 * README.md in this folder maps every table to the one module that writes it.
 * Consumers take the narrow store they need, not this record.
 */
import type { Knex } from 'knex';
import { ArcStore } from './ArcStore';
import { ClusterQueries } from './ClusterQueries';
import { InventoryStore } from './InventoryStore';
import {
  KubernetesStore,
  type KubernetesStoreOptions,
} from './KubernetesStore';
import { RefreshResultStore } from './RefreshResultStore';
import { ResilienceHubStore } from './ResilienceHubStore';

export interface FleetStores {
  /** Reads of whole clusters, their list and their documents. */
  clusters: ClusterQueries;
  /** Clusters added and removed, their inventory and EKS columns, AZ maps. */
  inventory: InventoryStore;
  /** Snapshots, NodePools, node zones and the Kubernetes columns. */
  kubernetes: KubernetesStore;
  /** ARC's state (written through arcState.ts) and its reads. */
  arc: ArcStore;
  /** Resilience Hub applications and the clusters they hold. */
  resilienceHub: ResilienceHubStore;
  /** The last result of each source's read. */
  refreshResults: RefreshResultStore;
}

export function createFleetStores(
  db: Knex,
  options: KubernetesStoreOptions = {},
): FleetStores {
  return {
    clusters: new ClusterQueries(db),
    inventory: new InventoryStore(db),
    kubernetes: new KubernetesStore(db, options),
    arc: new ArcStore(db),
    resilienceHub: new ResilienceHubStore(db),
    refreshResults: new RefreshResultStore(db),
  };
}
