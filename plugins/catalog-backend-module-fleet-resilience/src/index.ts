/**
 * Catalog module of Fleet Resilience for Backstage: the EKS clusters of the
 * Fleet Resilience backend's inventory as `Resource` entities of type
 * `kubernetes-cluster`.
 *
 * @packageDocumentation
 */

export { catalogModuleFleetResilience as default } from './module';
export {
  FleetResilienceEntityProvider,
  type EntityRefreshResult,
  type FleetResilienceEntityProviderOptions,
} from './provider/FleetResilienceEntityProvider';
export {
  FleetInventoryClient,
  type FleetInventoryClientOptions,
  type FleetInventoryRead,
  type FleetInventoryReader,
} from './inventory/FleetInventoryClient';
export {
  entityFromCluster,
  sourceLocationRef,
  type ClusterEntityOptions,
  type ClusterEntityResult,
} from './mapping/entityFromCluster';
export type { ClusterReport } from './mapping/entitiesFromInventory';
export type {
  KubernetesAwsRole,
  KubernetesAwsRoles,
} from './mapping/kubernetesAwsRole';
export * from './annotations';
