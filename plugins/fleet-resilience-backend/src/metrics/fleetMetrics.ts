/**
 * The backend's metrics, through Backstage's metrics service (OpenTelemetry;
 * `metricsServiceRef`, whose meter is scoped `backstage-plugin-fleet-resilience`).
 * Named as Backstage's own plugins name theirs (`catalog.processing.duration`):
 * the plugin's area, then what is measured, in `snake_case` with dots
 * (OpenTelemetry's semantic conventions: units in UCUM, `s` for seconds,
 * counters without `_total`, which Prometheus adds). Attributes have few
 * values only: kinds, states and outcomes, never an ARN or an account.
 * The package README's "Metrics" section lists every one for operators.
 *
 * The layers above see the narrow interfaces (RefreshMetrics,
 * ShiftActionMetrics, ReconcileMetrics); plugin.ts builds one FleetMetrics.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { MetricsService } from '@backstage/backend-plugin-api/alpha';
import {
  shiftStateOfType,
  type AuditChannel,
  type ZonalShiftType,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { describeError } from '@fleet-resilience/plugin-fleet-resilience-node';
import {
  measureShiftPass,
  type ShiftPassFacts,
  type ShiftTrack,
} from './shiftPassLag';

export type { ShiftPassFacts } from './shiftPassLag';

export const METRIC_NAMES = {
  refreshDuration: 'fleet_resilience.refresh.duration',
  refreshFailures: 'fleet_resilience.refresh.failures',
  refreshRunDuration: 'fleet_resilience.refresh.run.duration',
  clusters: 'fleet_resilience.clusters',
  shiftActions: 'fleet_resilience.shift.actions',
  shiftsObserved: 'fleet_resilience.shifts.observed',
  reconcileLag: 'fleet_resilience.reconcile.lag',
  nodePoolPatchFailures: 'fleet_resilience.nodepool.patch.failures',
} as const;

/** Seconds; a read takes from milliseconds (a page of ARC) to minutes (AWS Config of a large organization). */
const REFRESH_BUCKETS = [
  0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600,
];
/** Seconds; the reconciler's goal is seconds after a portal action, a poll interval for others. */
const LAG_BUCKETS = [0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800];

/** One read of one source, and whole refresh runs. */
export interface RefreshMetrics {
  /**
   * `source`: `inventory:<id>`, `arc`, `resiliencehub`, `eks` or
   * `kubernetes` (each read: ARC per account and region, Kubernetes per
   * cluster).
   */
  sourceRead(source: string, ok: boolean, durationMs: number): void;
  /** `run`: `aws` or `kubernetes`. */
  runFinished(run: string, ok: boolean, durationMs: number): void;
}

/** One shift action, as its caller was answered. */
export interface ShiftActionFacts {
  /** `shift.start`, `shift.update` or `shift.cancel`. */
  action: string;
  /** `cluster`: a single-cluster action; `fleet`: a fleet-wide shift, per cluster. */
  scope: 'cluster' | 'fleet';
  /** Through what it came, as the audit records it: `portal`, `api` or `mcp`. */
  channel: AuditChannel;
  /** The caller's principal type: `user`, `service` or `none`. */
  principal: string;
  outcome: string;
}

export interface ShiftActionMetrics {
  actionFinished(facts: ShiftActionFacts): void;
}

export interface ReconcileMetrics {
  passFinished(facts: ShiftPassFacts): void;
  /** A NodePool left unpatched by a pass; `reason`: the Kubernetes failure kind. */
  nodePoolPatchFailed(reason: string): void;
}

/** Clusters of one shift state and N-1 verdict. */
export interface ClusterStateCount {
  shiftState: string;
  verdict: string;
  count: number;
}

export interface FleetMetrics
  extends RefreshMetrics,
    ShiftActionMetrics,
    ReconcileMetrics {}

const outcomeOf = (ok: boolean) => (ok ? 'success' : 'failure');

function shiftTypeAttribute(type: string): string {
  return type === 'unknown' ? type : shiftStateOfType(type as ZonalShiftType);
}

/**
 * The metrics of one backend instance. `countClusters` is read at each
 * collection (one grouped query): every replica reports the whole fleet, so
 * dashboards take the max across instances, not the sum.
 */
export function createFleetMetrics(options: {
  metrics: MetricsService;
  countClusters: () => Promise<readonly ClusterStateCount[]>;
  logger?: LoggerService;
}): FleetMetrics {
  const { metrics, logger } = options;
  const refreshDuration = metrics.createHistogram(
    METRIC_NAMES.refreshDuration,
    {
      description:
        'Duration of one read of a fleet source (inventory, ARC and Resilience Hub per account and region, EKS, Kubernetes per cluster)',
      unit: 's',
      advice: { explicitBucketBoundaries: REFRESH_BUCKETS },
    },
  );
  const refreshFailures = metrics.createCounter(METRIC_NAMES.refreshFailures, {
    description: 'Reads of a fleet source that failed',
    unit: '{read}',
  });
  const runDuration = metrics.createHistogram(METRIC_NAMES.refreshRunDuration, {
    description: 'Duration of a whole refresh run (aws or kubernetes)',
    unit: 's',
    advice: { explicitBucketBoundaries: REFRESH_BUCKETS },
  });
  const shiftActions = metrics.createCounter(METRIC_NAMES.shiftActions, {
    description:
      'Zonal shift actions (start, update, cancel) by outcome, scope and channel (portal, api, mcp)',
    unit: '{action}',
  });
  const shiftsObserved = metrics.createCounter(METRIC_NAMES.shiftsObserved, {
    description:
      'Zonal shifts the reconciler saw applied to a cluster, per cluster, by ARC shift type',
    unit: '{shift}',
  });
  const reconcileLag = metrics.createHistogram(METRIC_NAMES.reconcileLag, {
    description:
      "Time from a zonal shift being applied (ARC's start time) to the cluster's NodePools converging away from the zone",
    unit: 's',
    advice: { explicitBucketBoundaries: LAG_BUCKETS },
  });
  const patchFailures = metrics.createCounter(
    METRIC_NAMES.nodePoolPatchFailures,
    {
      description:
        'NodePools a reconcile pass could not patch, by Kubernetes failure kind',
      unit: '{nodepool}',
    },
  );

  // Series seen before and gone now report 0, so a state that empties shows.
  const seen = new Map<string, { shift_state: string; verdict: string }>();
  metrics
    .createObservableGauge(METRIC_NAMES.clusters, {
      description: 'Clusters in the fleet by shift state and N-1 verdict',
      unit: '{cluster}',
    })
    .addCallback(async gauge => {
      let counts: readonly ClusterStateCount[];
      try {
        counts = await options.countClusters();
      } catch (error) {
        logger?.warn(
          `Fleet Resilience metrics: clusters not counted: ${describeError(
            error,
          )}`,
        );
        return;
      }
      const now = new Set<string>();
      for (const { shiftState, verdict, count } of counts) {
        const key = `${shiftState}\n${verdict}`;
        now.add(key);
        seen.set(key, { shift_state: shiftState, verdict });
        gauge.observe(count, { shift_state: shiftState, verdict });
      }
      for (const [key, attributes] of seen) {
        if (!now.has(key)) {
          gauge.observe(0, attributes);
          seen.delete(key);
        }
      }
    });

  const tracks = new Map<string, ShiftTrack>();
  return {
    sourceRead(source, ok, durationMs) {
      refreshDuration.record(durationMs / 1000, {
        source,
        outcome: outcomeOf(ok),
      });
      if (!ok) refreshFailures.add(1, { source });
    },
    runFinished(run, ok, durationMs) {
      runDuration.record(durationMs / 1000, { run, outcome: outcomeOf(ok) });
    },
    actionFinished(facts) {
      shiftActions.add(1, { ...facts });
    },
    passFinished(facts) {
      const measures = measureShiftPass(tracks.get(facts.clusterArn), facts);
      if (measures.track) tracks.set(facts.clusterArn, measures.track);
      else tracks.delete(facts.clusterArn);
      const type = measures.track?.shiftType;
      if (measures.observed) {
        shiftsObserved.add(1, {
          shift_type: shiftTypeAttribute(measures.observed),
        });
      }
      if (measures.lagSeconds !== undefined && type) {
        reconcileLag.record(measures.lagSeconds, {
          shift_type: shiftTypeAttribute(type),
        });
      }
    },
    nodePoolPatchFailed(reason) {
      patchFailures.add(1, { reason });
    },
  };
}
