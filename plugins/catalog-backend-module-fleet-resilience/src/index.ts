/**
 * Catalog module of Fleet Resilience for Backstage: EKS clusters found by
 * AWS Config as `Resource` entities of type `kubernetes-cluster`.
 *
 * @packageDocumentation
 */

export { catalogModuleFleetResilience as default } from './module';
export {
  fleetResilienceCatalogExtensionPoint,
  type FleetResilienceCatalogExtensionPoint,
} from './extensions';
export {
  FleetResilienceEntityProvider,
  type EntityRefreshResult,
  type FleetResilienceEntityProviderOptions,
} from './provider/FleetResilienceEntityProvider';
export {
  entityFromCluster,
  sourceLocationRef,
  type ClusterEntityOptions,
  type ClusterEntityResult,
} from './mapping/entityFromCluster';
export {
  clusterEntityName,
  clusterEntityRef,
  MAX_ENTITY_NAME_LENGTH,
  type ClusterIdentity,
} from '@fleet-resilience/plugin-fleet-resilience-common';
export * from './annotations';
