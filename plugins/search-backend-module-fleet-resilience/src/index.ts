/**
 * Search module of Fleet Resilience for Backstage: EKS clusters with account,
 * region, version, AZs, owner, zonal shift state and N-1 verdict.
 *
 * @packageDocumentation
 */

export { searchModuleFleetResilienceCollator as default } from './module';
export {
  FleetClusterCollatorFactory,
  type FleetClusterCollatorFactoryOptions,
} from './collator/FleetClusterCollatorFactory';
export { clusterDocument } from './document/clusterDocument';
export {
  FLEET_CLUSTER_DOCUMENT_TYPE,
  searchableReadiness,
  type FleetClusterDocument,
  type SearchableReadiness,
  type SearchableCluster,
} from './document/types';
