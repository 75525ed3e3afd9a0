/**
 * The shapes every part of the simulator shares: the fleet model (src/model)
 * owns them, the AWS emulators (src/aws, src/arc) and the Kubernetes API
 * (src/kubernetes) read them. Kubernetes objects live in one KubeStore per
 * cluster so that the API server, the EKS cordon behaviour and the Karpenter
 * model all see (and watch) the same objects.
 */
import type { SimClock } from '../clock';

/**
 * An AZ as AWS names it in one account: the name differs per account, the ID does not.
 *
 * @public
 */
export interface SimZone {
  /** e.g. `us-east-1a` (account-specific mapping). */
  name: string;
  /** e.g. `use1-az1` (the same physical AZ in every account). */
  id: string;
}

/**
 * A simulated AWS account.
 *
 * @public
 */
export interface SimAccount {
  accountId: string;
  /** Zones per region, with this account's mapping of AZ names to IDs. */
  zones: Record<string, SimZone[]>;
  /** The resource types its AWS Config recorder records; undefined = every supported type. */
  recordedTypes?: readonly string[];
}

/**
 * A simulated subnet of a cluster's VPC in one AZ.
 *
 * @public
 */
export interface SimSubnet {
  subnetId: string;
  vpcId: string;
  accountId: string;
  region: string;
  zone: SimZone;
  /** ARN `arn:aws:ec2:<region>:<account>:subnet/<subnetId>`. */
  arn: string;
}

/**
 * The API resources the simulated Kubernetes API serves.
 *
 * @public
 */
export type KubeResource =
  | 'nodes'
  | 'pods'
  | 'nodepools'
  | 'nodeclaims'
  | 'deployments'
  | 'statefulsets'
  | 'poddisruptionbudgets'
  | 'horizontalpodautoscalers';

/**
 * The metadata of a Kubernetes object.
 *
 * @public
 */
export interface KubeObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [key: string]: unknown;
}

/**
 * Any Kubernetes object, as JSON.
 *
 * @public
 */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: KubeObjectMeta;
  [key: string]: unknown;
}

/**
 * One change to a Kubernetes object, as a watch streams it.
 *
 * @public
 */
export type KubeWatchEvent = {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: KubeObject;
};

/** Thrown by KubeStore writes; the API layer turns it into a Status object. */
export class KubeStoreError extends Error {
  constructor(
    readonly reason: 'NotFound' | 'AlreadyExists' | 'Conflict' | 'Invalid',
    message: string,
  ) {
    super(message);
    this.name = 'KubeStoreError';
  }
}

/**
 * One cluster's objects, with a cluster-wide resourceVersion counter. Every
 * write bumps the counter and stamps the object; watchers see every change.
 *
 * @public
 */
export interface KubeStore {
  list(resource: KubeResource, namespace?: string): KubeObject[];
  /**
   * The objects as they were at `resourceVersion` (consistent paging, like a
   * list at an exact etcd revision); throws when that is older than the kept
   * history. Optional: without it the API pages over the current state.
   */
  listAt?(
    resource: KubeResource,
    namespace: string | undefined,
    resourceVersion: string,
  ): KubeObject[];
  get(
    resource: KubeResource,
    name: string,
    namespace?: string,
  ): KubeObject | undefined;
  /** Adds a new object; AlreadyExists if the name is taken. */
  create(resource: KubeResource, object: KubeObject): KubeObject;
  /**
   * Replaces an object. When `object.metadata.resourceVersion` is set and is
   * not the stored one, throws Conflict and changes nothing.
   */
  update(resource: KubeResource, object: KubeObject): KubeObject;
  delete(resource: KubeResource, name: string, namespace?: string): KubeObject;
  /** The current resourceVersion of the store (for list responses). */
  resourceVersion(): string;
  /**
   * Streams changes after `sinceResourceVersion` (replaying buffered events
   * newer than it, or throwing Invalid with reason Expired semantics when it
   * is too old), until the returned function is called.
   */
  watch(
    resource: KubeResource,
    namespace: string | undefined,
    sinceResourceVersion: string | undefined,
    listener: (event: KubeWatchEvent) => void,
  ): () => void;
}

/**
 * The Karpenter installation of a simulated cluster.
 *
 * @public
 */
export interface SimKarpenter {
  /** Karpenter release, e.g. `1.12.0`; undefined when the cluster has no Karpenter. */
  version?: string;
  /** `settings.enableZonalShift` / `--enable-zonal-shift` (Karpenter 1.12+). */
  nativeZonalShift: boolean;
}

/**
 * A simulated EKS cluster with its Kubernetes objects.
 *
 * @public
 */
export interface SimCluster {
  arn: string;
  name: string;
  accountId: string;
  region: string;
  /** Kubernetes version, e.g. `1.33`. */
  version: string;
  status: 'ACTIVE' | 'CREATING' | 'UPDATING' | 'DELETING' | 'FAILED';
  createdAt: number;
  tags: Record<string, string>;
  /** EKS `zonalShiftConfig.enabled`. */
  zonalShiftEnabled: boolean;
  zones: SimZone[];
  subnetIds: string[];
  securityGroupIds: string[];
  roleArn: string;
  /** Base URL of this cluster's Kubernetes API on the simulator's origin. */
  endpoint: string;
  /** Base64 PEM; the simulator serves plain HTTP, this is for shape only. */
  certificateAuthorityData: string;
  karpenter: SimKarpenter;
  kube: KubeStore;
}

/**
 * A Resilience Hub compliance status.
 *
 * @public
 */
export type ComplianceStatus =
  | 'PolicyBreached'
  | 'PolicyMet'
  | 'NotApplicable'
  | 'MissingPolicy';

/**
 * A Resilience Hub disruption type.
 *
 * @public
 */
export type DisruptionType = 'Software' | 'Hardware' | 'AZ' | 'Region';

/**
 * A Resilience Hub assessment of an application.
 *
 * @public
 */
export interface SimAssessment {
  assessmentArn: string;
  assessmentName: string;
  startTime: number;
  endTime: number;
  assessmentStatus: 'Pending' | 'InProgress' | 'Failed' | 'Success';
  complianceStatus: ComplianceStatus;
  resiliencyScore: {
    score: number;
    disruptionScore: Partial<Record<DisruptionType, number>>;
  };
  compliance: Partial<
    Record<
      DisruptionType,
      {
        complianceStatus: ComplianceStatus;
        currentRtoInSecs: number;
        currentRpoInSecs: number;
      }
    >
  >;
  policy: Partial<
    Record<DisruptionType, { rtoInSecs: number; rpoInSecs: number }>
  >;
}

/**
 * A simulated Resilience Hub application.
 *
 * @public
 */
export interface SimResilienceApp {
  appArn: string;
  name: string;
  accountId: string;
  region: string;
  creationTime: number;
  complianceStatus: ComplianceStatus | 'NotAssessed' | 'ChangesDetected';
  resiliencyScore: number;
  rtoInSecs?: number;
  rpoInSecs?: number;
  driftStatus: 'NotChecked' | 'NotDetected' | 'Detected';
  /** How EKS clusters belong to the app (one input source each). */
  eksSources: Array<{ eksClusterArn: string; namespaces: string[] }>;
  /** Newest last. */
  assessments: SimAssessment[];
}

/**
 * What the AWS emulators and the Kubernetes API read from the fleet.
 *
 * @public
 */
export interface FleetModel {
  readonly clock: SimClock;
  accounts(): SimAccount[];
  /** Every cluster, in a stable order. */
  clusters(): SimCluster[];
  cluster(arn: string): SimCluster | undefined;
  subnets(): SimSubnet[];
  resilienceApps(): SimResilienceApp[];
}
