/**
 * One pass over one cluster, apart from the scheduling around it: the target
 * a stored cluster gives, what the pass does (nothing to do without
 * Karpenter, an error without an API server, else ClusterReconciler), and the
 * record the pass leaves in the store.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { FleetSignal } from '@fleet-resilience/plugin-fleet-resilience-common';
import { describeError } from '@fleet-resilience/plugin-fleet-resilience-node';
import type {
  ReconcileRecord,
  ReconcileStore,
} from '../database/ReconcileStore';
import { decideApiServer } from '../domain/kubernetesApiServer';
import type { StoredCluster } from '../domain/records';
import type { ReconcileMetrics } from '../metrics/fleetMetrics';
import { observeStoredCluster } from './arcObservation';
import type { ClusterPassResult, ClusterReconciler } from './ClusterReconciler';
import { sameZones } from './decisions';
import type { EffectiveMode } from './effectiveMode';
import type { ReconcilerStats, ReconcileTarget } from './types';

/** What the reconciler wants for a cluster now. */
export interface DesiredState {
  awayZoneIds: string[];
  mode: EffectiveMode;
  /** The shift ARC applies (type, start in epoch ms), for the metrics. */
  applied?: { shiftType: string; startedAt?: number };
}

export function targetFromCluster(cluster: StoredCluster): ReconcileTarget {
  // The token goes only to the API server EKS reports, never Config's.
  const server = decideApiServer({
    configEndpoint: cluster.endpoint,
    eksEndpoint: cluster.eksEndpoint,
    eksCertificateAuthorityData: cluster.eksCertificateAuthorityData,
  });
  return {
    ref: cluster.ref,
    ...(server.use
      ? {
          endpoint: server.endpoint,
          ...(server.certificateAuthorityData
            ? { certificateAuthorityData: server.certificateAuthorityData }
            : {}),
        }
      : { noEndpointReason: server.reason }),
    zones: cluster.zones,
    tags: cluster.tags,
    ...(cluster.karpenter ? { karpenter: cluster.karpenter } : {}),
    ...(cluster.zonalShiftEnabled !== undefined
      ? { zonalShiftEnabled: cluster.zonalShiftEnabled }
      : {}),
    stored: observeStoredCluster(cluster),
  };
}

/** Brings the cluster's NodePools to `desired`, within `clusterTimeoutMs`. */
export async function runPass(input: {
  target: ReconcileTarget;
  desired: DesiredState;
  last?: ReconcileRecord;
  clusters: ClusterReconciler;
  clusterTimeoutMs: number;
  signal: AbortSignal;
}): Promise<ClusterPassResult> {
  const { target, desired, last } = input;
  if (target.karpenter && !target.karpenter.installed) {
    return {
      state: desired.mode.mode === 'observe' ? 'observing' : 'converged',
      nodePools: [],
      markedNodes: [],
      writes: 0,
    };
  }
  if (!target.endpoint) {
    return {
      state: 'error',
      nodePools: last?.nodePools ?? [],
      markedNodes: last?.markedNodes ?? [],
      writes: 0,
      error:
        target.noEndpointReason ??
        'The inventory has no Kubernetes API server endpoint for this cluster',
    };
  }
  return input.clusters.reconcile({
    target: {
      ref: target.ref,
      endpoint: target.endpoint,
      ...(target.certificateAuthorityData
        ? { certificateAuthorityData: target.certificateAuthorityData }
        : {}),
    },
    zones: target.zones,
    awayZoneIds: desired.awayZoneIds,
    mode: desired.mode.mode,
    markedNodes: last?.markedNodes ?? [],
    signal: AbortSignal.any([
      input.signal,
      AbortSignal.timeout(input.clusterTimeoutMs),
    ]),
  });
}

/** Whether a pass's state needs no retry. */
export function isSettled(result: Pick<ClusterPassResult, 'state'>): boolean {
  return !['pending', 'error'].includes(result.state);
}

/** The record a pass leaves: failures counted until one settles. */
export function passRecord(input: {
  target: ReconcileTarget;
  desired: DesiredState;
  last?: ReconcileRecord;
  result: ClusterPassResult;
  startedAt: string;
  finishedAt: string;
  replicaId: string;
}): ReconcileRecord {
  const { target, desired, last, result } = input;
  const settled = isSettled(result);
  const lastSuccessAt = settled ? input.finishedAt : last?.lastSuccessAt;
  return {
    cluster: target.ref,
    mode: desired.mode.mode,
    ...(desired.mode.reason ? { modeReason: desired.mode.reason } : {}),
    awayZoneIds: [...desired.awayZoneIds].sort(),
    state: result.state,
    nodePools: result.nodePools,
    markedNodeCount: result.markedNodes.length,
    markedNodes: result.markedNodes,
    lastAttemptAt: input.startedAt,
    ...(lastSuccessAt ? { lastSuccessAt } : {}),
    ...(result.error ? { lastError: result.error } : {}),
    ...degradedOf(desired, result),
    failures: settled ? 0 : (last?.failures ?? 0) + 1,
    replicaId: input.replicaId,
  };
}

function degradedOf(
  desired: DesiredState,
  result: ClusterPassResult,
): { degraded?: string[] } {
  const degraded = [
    ...(desired.mode.degraded ?? []),
    ...(result.degraded ?? []),
  ];
  return degraded.length > 0 ? { degraded } : {};
}

/** What a pass works with, the same for every pass of a replica. */
export interface PassContext {
  clusters: ClusterReconciler;
  store: Pick<ReconcileStore, 'put'>;
  logger: LoggerService;
  clusterTimeoutMs: number;
  replicaId: string;
  stats: Pick<ReconcilerStats, 'passes' | 'writes'>;
  now: () => number;
  /** Live-update hints (the record's state or away zones changed). */
  publish: (message: FleetSignal) => void;
  metrics?: Pick<ReconcileMetrics, 'passFinished'>;
}

/**
 * Makes one pass over a cluster, stores its record (a failure to store is
 * logged: the record is still returned) and publishes a change of state or
 * away zones. Undefined when `signal` aborted during the pass: the next
 * holder starts from the NodePools and the last record.
 */
export async function passCluster(
  context: PassContext,
  input: {
    target: ReconcileTarget;
    desired: DesiredState;
    last?: ReconcileRecord;
    signal: AbortSignal;
  },
): Promise<ReconcileRecord | undefined> {
  const { target, desired, last } = input;
  const { logger, stats } = context;
  const arn = target.ref.arn;
  const startedAt = new Date(context.now()).toISOString();
  stats.passes += 1;
  const result = await runPass({
    target,
    desired,
    last,
    clusters: context.clusters,
    clusterTimeoutMs: context.clusterTimeoutMs,
    signal: input.signal,
  });
  stats.writes += result.writes;
  if (input.signal.aborted) {
    return undefined;
  }
  const finishedAt = new Date(context.now()).toISOString();
  const settled = isSettled(result);
  const record = passRecord({
    target,
    desired,
    last,
    result,
    startedAt,
    finishedAt,
    replicaId: context.replicaId,
  });
  context.metrics?.passFinished({
    clusterArn: arn,
    awayZoneIds: record.awayZoneIds,
    ...(desired.applied ? { applied: desired.applied } : {}),
    state: record.state,
    nodePools: record.nodePools.length,
    startedAt: Date.parse(startedAt),
    finishedAt: Date.parse(finishedAt),
    ...(last ? { previous: last } : {}),
  });
  try {
    await context.store.put(record, finishedAt);
  } catch (error) {
    logger.error(
      `Reconciler: the status of ${arn} could not be stored: ${describeError(
        error,
      )}`,
    );
  }
  if (result.writes > 0 || !settled || result.details?.length) {
    const log = settled && !result.details?.length ? logger.info : logger.warn;
    // The log gets the raw details; the stored status only classified text.
    log.call(
      logger,
      `Reconciler: ${arn} ${record.state} (away from [${record.awayZoneIds.join(
        ', ',
      )}], mode ${record.mode}, ${result.writes} write(s))${
        result.error ? `: ${result.error}` : ''
      }${
        result.details?.length ? `; details: ${result.details.join('; ')}` : ''
      }`,
    );
  }
  if (
    !last ||
    last.state !== record.state ||
    !sameZones(last.awayZoneIds, record.awayZoneIds)
  ) {
    context.publish({
      type: 'reconcile-changed',
      clusterArn: arn,
      state: record.state,
    });
  }
  return record;
}
