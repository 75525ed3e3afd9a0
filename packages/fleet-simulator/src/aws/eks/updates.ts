/**
 * EKS cluster updates (UpdateClusterConfig's `zonalShiftConfig`) as EKS runs
 * them: asynchronous on the simulated clock. An update starts InProgress with
 * the cluster UPDATING and ends Successful after `durationMs` of simulated
 * time; only then does the cluster's `zonalShiftConfig.enabled` change, and
 * with it ARC's registration. A failure armed for the cluster makes its next
 * update end Failed instead, with the configuration unchanged.
 */
import { randomUUID } from 'node:crypto';
import type { FleetModel, SimCluster } from '../../model/types';
import { AwsApiError } from '../common/errors';
import { epochSeconds } from '../common/protocols';

/**
 * Simulated time an update takes by default (real ones take "a few minutes").
 *
 * @public
 */
export const DEFAULT_EKS_UPDATE_DURATION_MS = 60_000;

/**
 * EKS `ErrorCode` values an armed failure may carry (the EKS model's enum, in part).
 *
 * @public
 */
export const EKS_UPDATE_ERROR_CODES = [
  'AccessDenied',
  'OperationNotPermitted',
  'ClusterUnreachable',
  'ConfigurationConflict',
  'Unknown',
] as const;

/**
 * A failure the next update of a cluster ends with.
 *
 * @public
 */
export interface EksUpdateFailure {
  errorCode: (typeof EKS_UPDATE_ERROR_CODES)[number];
  errorMessage: string;
}

/**
 * One EKS cluster update as the simulator holds it (times epoch ms).
 *
 * @public
 */
export interface EksUpdateRecord {
  id: string;
  clusterArn: string;
  type: 'ZonalShiftConfigUpdate';
  status: 'InProgress' | 'Failed' | 'Cancelled' | 'Successful';
  enabled: boolean;
  createdAt: number;
  completeAt: number;
  clientRequestToken?: string;
  failure?: EksUpdateFailure;
}

/**
 * The EKS updates of the fleet and the controls tests use.
 *
 * @public
 */
export interface EksUpdates {
  /** UpdateClusterConfig's checks and start; throws EKS's errors. */
  startZonalShiftUpdate(
    cluster: SimCluster,
    enabled: boolean,
    clientRequestToken?: string,
  ): EksUpdateRecord;
  get(cluster: SimCluster, updateId: string): EksUpdateRecord | undefined;
  /** Oldest first. */
  list(cluster: SimCluster): EksUpdateRecord[];
  durationMs(): number;
  setDurationMs(ms: number): void;
  /** Arms a failure for the next update of `clusterArn` (replacing one armed before). */
  failNextUpdate(clusterArn: string, failure: EksUpdateFailure): void;
  armedFailures(): Array<{ clusterArn: string } & EksUpdateFailure>;
  clearFailures(): void;
  /** Completes every update whose time has come. */
  settle(): void;
  dispose(): void;
}

export function createEksUpdates(
  model: Pick<FleetModel, 'clock'>,
  options: { durationMs?: number; newId?: () => string } = {},
): EksUpdates {
  const { clock } = model;
  const newId = options.newId ?? randomUUID;
  let durationMs = options.durationMs ?? DEFAULT_EKS_UPDATE_DURATION_MS;
  const byCluster = new Map<string, EksUpdateRecord[]>();
  const clusters = new Map<string, SimCluster>();
  const failures = new Map<string, EksUpdateFailure>();

  const updatesOf = (arn: string) => byCluster.get(arn) ?? [];

  function complete(update: EksUpdateRecord) {
    const cluster = clusters.get(update.clusterArn);
    if (update.failure) {
      update.status = 'Failed';
    } else {
      update.status = 'Successful';
      if (cluster) cluster.zonalShiftEnabled = update.enabled;
    }
    if (cluster && cluster.status === 'UPDATING') cluster.status = 'ACTIVE';
  }

  function settle() {
    const now = clock.now();
    for (const updates of byCluster.values()) {
      for (const update of updates) {
        if (update.status === 'InProgress' && update.completeAt <= now) {
          complete(update);
        }
      }
    }
  }

  const unsubscribe = clock.onAdvance(settle);

  return {
    startZonalShiftUpdate(cluster, enabled, clientRequestToken) {
      settle();
      const updates = updatesOf(cluster.arn);
      if (clientRequestToken !== undefined) {
        // EKS: the token makes the request idempotent; a retry gets the
        // update the first request started.
        const same = updates.find(
          u => u.clientRequestToken === clientRequestToken,
        );
        if (same) return same;
      }
      const running = updates.find(u => u.status === 'InProgress');
      if (running) {
        throw new AwsApiError(
          'ResourceInUseException',
          `Cannot ZonalShiftConfigUpdate because cluster ${cluster.name} currently has update ${running.id} in progress`,
          409,
          { clusterName: cluster.name },
        );
      }
      if (cluster.status !== 'ACTIVE') {
        throw new AwsApiError(
          'InvalidRequestException',
          `Cluster ${cluster.name} is ${cluster.status}; it can be updated only when ACTIVE`,
          400,
          { clusterName: cluster.name },
        );
      }
      if (cluster.zonalShiftEnabled === enabled) {
        throw new AwsApiError(
          'InvalidParameterException',
          `Cluster is already at the desired configuration with zonalShiftConfig.enabled: ${enabled}`,
          400,
          { clusterName: cluster.name },
        );
      }
      const now = clock.now();
      const failure = failures.get(cluster.arn);
      failures.delete(cluster.arn);
      const update: EksUpdateRecord = {
        id: newId(),
        clusterArn: cluster.arn,
        type: 'ZonalShiftConfigUpdate',
        status: 'InProgress',
        enabled,
        createdAt: now,
        completeAt: now + durationMs,
        ...(clientRequestToken !== undefined ? { clientRequestToken } : {}),
        ...(failure ? { failure } : {}),
      };
      byCluster.set(cluster.arn, [...updates, update]);
      clusters.set(cluster.arn, cluster);
      cluster.status = 'UPDATING';
      if (durationMs === 0) complete(update);
      return update;
    },
    get(cluster, updateId) {
      settle();
      return updatesOf(cluster.arn).find(u => u.id === updateId);
    },
    list(cluster) {
      settle();
      return [...updatesOf(cluster.arn)];
    },
    durationMs: () => durationMs,
    setDurationMs(ms) {
      if (!Number.isInteger(ms) || ms < 0 || ms > 24 * 3_600_000) {
        throw new RangeError('durationMs must be an integer 0..86400000');
      }
      durationMs = ms;
    },
    failNextUpdate(clusterArn, failure) {
      failures.set(clusterArn, { ...failure });
    },
    armedFailures: () =>
      [...failures].map(([clusterArn, failure]) => ({
        clusterArn,
        ...failure,
      })),
    clearFailures: () => failures.clear(),
    settle,
    dispose: () => {
      unsubscribe();
    },
  };
}

/** The `update` structure of UpdateClusterConfig and DescribeUpdate (epoch seconds). */
export function updateJson(update: EksUpdateRecord) {
  return {
    id: update.id,
    status: update.status,
    type: update.type,
    params: [
      {
        type: 'ZonalShiftConfig',
        value: JSON.stringify({ enabled: update.enabled }),
      },
    ],
    createdAt: epochSeconds(update.createdAt),
    errors:
      update.status === 'Failed' && update.failure
        ? [
            {
              errorCode: update.failure.errorCode,
              errorMessage: update.failure.errorMessage,
              resourceIds: [update.clusterArn.split('/').pop()!],
            },
          ]
        : [],
  };
}
