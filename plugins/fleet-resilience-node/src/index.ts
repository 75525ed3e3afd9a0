/**
 * The Fleet Resilience backend's view of the outside world: clients for AWS
 * Config, ARC zonal shift, Resilience Hub, EKS, SQS (ARC's events) and each
 * cluster's Kubernetes API, the plain data they produce, and the extension
 * point through which backend modules add inventory sources.
 *
 * @packageDocumentation
 */

// Inventory sources: the extension point and the contract of a source.
export {
  fleetResilienceInventoryExtensionPoint,
  type FleetResilienceInventoryExtensionPoint,
} from './extensions';
export type {
  AccountRegion,
  FleetInventorySource,
  InventoryCluster,
  InventoryProblem,
  InventorySnapshot,
  InventorySubnet,
} from './sources/types';

// What the readers and writers produce and accept.
export {
  KubernetesConflictError,
  type ArcRegionState,
  type ArcStateReader,
  type EksClusterConfigurer,
  type EksClusterDescriber,
  type EksClusterDetails,
  type EksClusterUpdate,
  type KubernetesClusterReader,
  type KubernetesClusterState,
  type KubernetesNodePoolWriter,
  type KubernetesTarget,
  type ManagedResourceState,
  type NodeAnnotationsPatch,
  type NodeMarkList,
  type NodeMarkState,
  type NodePoolList,
  type NodePoolPatch,
  type NodePoolState,
  type ResilienceApp,
  type ResilienceHubReader,
} from './sources/types';

// AWS: credentials and clients per account and region, and the readers.
export {
  AwsAccountCredentials,
  findAccountsWithoutRole,
  type AwsRole,
} from './aws/credentials';
export {
  AwsClientFactory,
  type AwsClientFactoryOptions,
  type AwsClients,
} from './aws/AwsClientFactory';
export type {
  AwsEndpoints,
  AwsEndpointService,
  OperatorRoleSettings,
} from './aws/awsSettings';
export {
  AwsConfigInventorySource,
  type AwsConfigInventorySourceOptions,
} from './aws/AwsConfigInventorySource';
export type { AwsConfigInventoryScope } from './aws/inventorySettings';
export type { TagFilter } from './aws/configQuery';
export {
  AwsArcStateReader,
  type AwsArcStateReaderOptions,
} from './aws/AwsArcStateReader';
export {
  AwsResilienceHubReader,
  type AwsResilienceHubReaderOptions,
} from './aws/AwsResilienceHubReader';
export {
  AwsEksClusterDescriber,
  type AwsEksClusterDescriberOptions,
} from './aws/AwsEksClusterDescriber';
export {
  AwsEksClusterConfigurer,
  type AwsEksClusterConfigurerOptions,
} from './aws/AwsEksClusterConfigurer';
export {
  awsPartitionOf,
  defaultAwsEndpoint,
  regionOfAwsServiceHost,
  type AwsHandBuiltEndpointService,
  type AwsPartition,
} from './aws/partitions';

// ARC zonal shift: the project's own SigV4 client.
export {
  ArcZonalShiftClient,
  type ArcZonalShiftClientOptions,
} from './arc/ArcZonalShiftClient';
export { ArcZonalShiftError } from './arc/ArcZonalShiftError';
export { ArcZonalShiftTimeoutError } from './arc/transport';
export type { RetryDelay } from './arc/transport';
export type {
  AppliedStatus,
  AutoshiftExecutionStatus,
  AutoshiftInResource,
  AutoshiftSummary,
  ControlCondition,
  CreatePracticeRunConfigurationInput,
  DeletePracticeRunConfigurationOutput,
  ListAutoshiftsInput,
  ListPage,
  ListZonalShiftsInput,
  ManagedResource,
  ManagedResourceSummary,
  PageInput,
  PracticeRunConfiguration,
  PracticeRunConfigurationOutput,
  PracticeRunOutcome,
  ShiftType,
  StartPracticeRunInput,
  StartZonalShiftInput,
  UpdatePracticeRunConfigurationInput,
  UpdateZonalAutoshiftConfigurationInput,
  UpdateZonalAutoshiftConfigurationOutput,
  UpdateZonalShiftInput,
  ZonalAutoshiftStatus,
  ZonalShift,
  ZonalShiftInResource,
  ZonalShiftStatus,
  ZonalShiftSummary,
} from './arc/types';

// Kubernetes: reads for capacity, NodePool and Node writes for the reconciler.
export {
  KubernetesApiClusterReader,
  type KubernetesApiClusterReaderOptions,
} from './kubernetes/KubernetesApiClusterReader';
export {
  KubernetesApiClusterWriter,
  type KubernetesApiClusterWriterOptions,
} from './kubernetes/KubernetesApiClusterWriter';
export type { KubernetesConnectionOptions } from './kubernetes/kubernetesConnection';
export {
  classifyKubernetesFailure,
  kubernetesFailureKind,
  type KubernetesFailureKind,
} from './kubernetes/kubernetesFailure';
export type { KubernetesReadSettings } from './kubernetes/kubernetesSettings';
export type { KubernetesTokenProvider } from './kubernetes/tokenProviders';

// ARC's EventBridge events from an SQS queue.
export {
  ArcEventQueueConsumer,
  type ArcEventContext,
  type ArcEventHandler,
  type ArcEventPollResult,
  type ArcEventQueueConsumerOptions,
} from './events/ArcEventQueueConsumer';
export type { ArcEvent, ArcEventKind } from './events/arcEvent';
export type { ArcEventQueueSettings } from './events/eventQueueSettings';

// Helpers the backend shares.
export { describeError } from './util/errors';
export { mapWithConcurrency, type Settled } from './util/mapWithConcurrency';
export { timeoutSignal, type TimeoutSignal } from './util/timeoutSignal';

// Preflight: read-only probes of the fleet's prerequisites.
export {
  AwsPreflightProbes,
  StsCallError,
  type AwsCallerIdentity,
  type ConfigRecorderState,
} from './aws/preflightProbes';
export { readAwsConfigInventoryScope } from './aws/inventoryScope';
export {
  KubernetesAccessReviewer,
  type KubernetesAccessDecision,
  type KubernetesAccessRequest,
} from './kubernetes/selfSubjectAccess';

// The cluster permission resource: its ref, rules and condition factories.
export {
  createFleetResilienceClusterConditionalDecision,
  fleetResilienceClusterConditions,
  fleetResilienceClusterPermissionResourceRef,
  fleetResilienceClusterPermissionRules,
  type FleetClusterFilter,
  type FleetClusterResource,
} from './permissions';
