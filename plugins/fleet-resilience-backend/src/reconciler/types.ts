import type {
  EksClusterRef,
  FleetKarpenterInfo,
  FleetSignal,
  ReconcileMode,
  Zone,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { ArcObservation } from './arcObservation';

/** `fleetResilience.reconciler` as the reconciler uses it (see config.ts). */
export interface ReconcilerSettings {
  enabled: boolean;
  mode: ReconcileMode;
  /** Cluster ARN -> mode. */
  overrides: ReadonlyMap<string, ReconcileMode>;
  /** AWS tag whose value (a mode) overrides the mode of its cluster. */
  modeTag?: string;
  /** How often ARC is read (ListManagedResources per account and region). */
  pollIntervalMs: number;
  /**
   * Timeout of the scheduled task that holds the reconciler: one replica runs
   * it for half of this, then hands over; another replica takes over within
   * about this long when the holder dies.
   */
  leaseMs: number;
  /** Clusters reconciled at once. */
  concurrency: number;
  /** Longest pass over one cluster. */
  clusterTimeoutMs: number;
  /** Re-reads and re-plans after a 409 Conflict, per NodePool or Node. */
  maxConflictRetries: number;
  /** How often the holder looks for kicks written by other replicas. */
  kickCheckIntervalMs: number;
  /** How long the cluster list read from the store is reused. */
  inventoryRefreshMs: number;
}

/** A cluster as the reconciler needs it, from the store. */
export interface ReconcileTarget {
  ref: EksClusterRef;
  /** The API server EKS DescribeCluster reports (never AWS Config's). */
  endpoint?: string;
  certificateAuthorityData?: string;
  /** Why there is no endpoint, e.g. EKS has not reported one yet. */
  noEndpointReason?: string;
  zones: Zone[];
  tags: Record<string, string>;
  karpenter?: FleetKarpenterInfo;
  zonalShiftEnabled?: boolean;
  /** ARC's state as the 1-minute refresh stored it (until the reconciler reads ARC). */
  stored: ArcObservation;
}

/** Publishes live-update hints (Backstage signals); failures are logged only. */
export interface SignalPublisher {
  publish(signal: {
    recipients: { type: 'broadcast' };
    channel: string;
    message: FleetSignal;
  }): Promise<void>;
}

/** Counters of this replica, for tests, logs and the benchmark. */
export interface ReconcilerStats {
  passes: number;
  writes: number;
  regionPolls: number;
  regionPollFailures: number;
  kicksHandled: number;
}
