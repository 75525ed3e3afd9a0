/**
 * A simulated EKS fleet that speaks the AWS Config, ARC zonal shift,
 * Resilience Hub, EKS and Kubernetes wire protocols on one local origin.
 *
 * The entry point is what the portal, the plugins' tests and benchmarks and
 * the `fleet-simulator` CLI use: the whole simulator ({@link startSimulator}),
 * its clocks, the fleet generator, and the pieces the contract tests serve on
 * their own (the HTTP server, AWS Config and the ARC emulator). Everything
 * else is internal to the package.
 *
 * @packageDocumentation
 */

export {
  startSimulator,
  SIMULATOR_KUBE_TOKEN,
  type RunningSimulator,
  type StartSimulatorOptions,
  type SimulatorClientSettings,
  type SimulatorKubernetesSettings,
} from './simulator';
export {
  accessKeyIdFor,
  SIMULATOR_SECRET_ACCESS_KEY,
} from './control/credentials';
export {
  FAULT_SERVICES,
  type FaultInjector,
  type FaultService,
  type FaultSettings,
  type HeldRequests,
  type ServiceFaults,
} from './control/faults';
export type { AwsRequestCount } from './iam';
export type { SqsEmulator } from './sqs';
export type { SqsService } from './sqs/service';
export type {
  DeleteOutcome,
  QueueAttributes,
  ReceivedMessage,
  SimQueue,
  SqsQueues,
} from './sqs/queues';
export type {
  ArcEventDelivery,
  ArcEventQueueTarget,
} from './sqs/arcEventDelivery';
export { createManualClock, createWallClock, type SimClock } from './clock';
export { generateFleet, type GenerateFleetOptions } from './model/generate';
export type * from './model/spec';
export type {
  ComplianceStatus,
  DisruptionType,
  FleetModel,
  KubeObject,
  KubeObjectMeta,
  KubeResource,
  KubeStore,
  KubeWatchEvent,
  SimAccount,
  SimAssessment,
  SimCluster,
  SimKarpenter,
  SimResilienceApp,
  SimSubnet,
  SimZone,
} from './model/types';
export type { SimFleet, SimFleetOptions } from './model/fleet';
export type { Controllers } from './model/controllers';
export type { ClusterContext } from './model/materialise';
export type { ClusterNames } from './model/naming';
export type { EventLog, SimEvent, SimEventSource } from './model/events';
export type { EksZonalShift } from './model/eksZonalShift';
export {
  REQUIREMENT_OPERATORS,
  type NodeSelectorRequirement,
  type RequirementOperator,
} from './model/requirements';
export {
  startServer,
  type SimulatorServer,
  type SimulatorServerOptions,
  type RawHandler,
} from './server';
export type {
  AwsCaller,
  AwsServiceHandler,
  SimRequest,
  SimResponse,
} from './http';
export {
  createConfigService,
  DEFAULT_AGGREGATOR,
  type ConfigServiceOptions,
} from './aws/config';
export {
  DEFAULT_EKS_UPDATE_DURATION_MS,
  EKS_UPDATE_ERROR_CODES,
  type EksUpdateFailure,
  type EksUpdateRecord,
  type EksUpdates,
} from './aws/eks';
export {
  createArcEmulator,
  createStaticArcFleet,
  type ArcEmulator,
  type ArcEmulatorOptions,
  type StaticArcFleet,
  type AlarmState,
} from './arc';
export type {
  ArcManagedResource,
  ArcResourceSettings,
  ArcFleetView,
  ArcEvent,
  ArcEventDetailType,
  PracticeRunHistoryEntry,
} from './arc/types';
export type {
  ArcAutoshiftView,
  ArcShiftView,
  StartAutoshiftInput,
  StartFisExperimentInput,
} from './arc/control';
export type { PracticeRunOutcome, ShiftStatus, ShiftType } from './arc/records';
export { runFleetSimulatorCli, type CliOptions } from './cli';
