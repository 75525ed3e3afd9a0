/**
 * Readiness routes of the backend:
 * - `GET /readiness-summary` (the filters of `GET /clusters`) -> {@link FleetReadinessSummary}
 * - `POST /clusters/:clusterArn/readiness-fixes` ({@link ReadinessFixInput}) -> {@link ReadinessFixResponse}
 * - `POST /fleet-readiness-fixes` ({@link FleetReadinessFixInput}) -> {@link FleetReadinessFixResponse}
 */
import type { EksClusterRef } from '../cluster';
import type {
  PendingClusterUpdate,
  ReadinessCheckId,
  ReadinessCheckVerdict,
  ReadinessFix,
  ReadinessVerdict,
} from '../readiness/types';

/**
 * A cluster's readiness in the list (`FleetClusterSummary.readiness`).
 *
 * @public
 */
export interface ClusterReadinessSummary {
  verdict: ReadinessVerdict;
  score: number;
  /** Checks that fail, in check order. */
  failing: ReadinessCheckId[];
  /** Checks that warn, in check order. */
  warning: ReadinessCheckId[];
  /** Workloads flagged `one-zone` or `zone-loss-below-budget`. */
  workloadsAtRisk: number;
}

/**
 * Answer of `GET /readiness-summary`: the readiness of the clusters the
 * caller may read that match the filters, counted in SQL.
 *
 * @public
 */
export interface FleetReadinessSummary {
  clusterCount: number;
  byVerdict: Record<ReadinessVerdict, number>;
  /** Per check, how many clusters have each verdict. */
  checks: Record<ReadinessCheckId, Record<ReadinessCheckVerdict, number>>;
  /** Workloads flagged `one-zone` or `zone-loss-below-budget`, over the clusters. */
  workloadsAtRisk: number;
  singleReplicaWorkloads: number;
}

/**
 * Query parameters the readiness adds to `GET /clusters` and
 * `GET /readiness-summary` (besides {@link FLEET_LIST_QUERY}'s).
 *
 * @public
 */
export const READINESS_LIST_QUERY = {
  /** One of {@link READINESS_VERDICTS}; may repeat. */
  readiness: 'readiness',
  /** A check id that fails or warns on the cluster (`zonal-shift`); may repeat (any). */
  check: 'check',
} as const;

/**
 * Body of `POST /clusters/:clusterArn/readiness-fixes` (fields `unknown`:
 * the server validates them).
 *
 * - `enable-zonal-shift`: EKS UpdateClusterConfig with
 *   `zonalShiftConfig.enabled: true`, followed with DescribeUpdate until it completes.
 * - `enable-autoshift` / `disable-autoshift`: ARC
 *   UpdateZonalAutoshiftConfiguration (enabling needs a practice-run
 *   configuration).
 * - `configure-practice-runs`: ARC CreatePracticeRunConfiguration, or
 *   UpdatePracticeRunConfiguration when one exists, with `practiceRuns`.
 *
 * @public
 */
export interface ReadinessFixInput {
  fix?: unknown;
  /** Why; kept in the audit history. Required, 1 to 128 characters. */
  comment?: unknown;
  /** Required with `configure-practice-runs`. */
  practiceRuns?: unknown;
}

/**
 * The practice-run settings a user gives (validated as ARC does).
 *
 * @public
 */
export interface PracticeRunSettings {
  /** CloudWatch alarm ARNs whose ALARM state fails a practice run; exactly one or more as ARC allows. */
  outcomeAlarms: string[];
  /** CloudWatch alarm ARNs whose ALARM state blocks practice runs from starting. */
  blockingAlarms?: string[];
  /** `Mon:09:00-Mon:17:00` (UTC) windows practice runs do not start in. */
  blockedWindows?: string[];
  /** `2026-12-24` dates practice runs do not start on. */
  blockedDates?: string[];
}

/**
 * What a fix did: `applied` (ARC answered), `in-progress` (the EKS update is
 * followed; the cluster's readiness shows it), `no-change` (already so:
 * nothing was called).
 *
 * @public
 */
export interface ReadinessFixResponse {
  cluster: EksClusterRef;
  fix: ReadinessFix;
  status: 'applied' | 'in-progress' | 'no-change';
  message: string;
  update?: PendingClusterUpdate;
  /** True when this answer is a replay of an earlier call with the same idempotency key. */
  replayed?: boolean;
}

/**
 * Body of `POST /fleet-readiness-fixes`.
 *
 * @public
 */
export interface FleetReadinessFixInput {
  fix?: unknown;
  comment?: unknown;
  practiceRuns?: unknown;
  /** Cluster ARNs, 1 to 500; each must be readable by the caller (else 400). */
  clusters?: unknown;
  /** Default true: nothing is changed, the answer says what would be. */
  dryRun?: unknown;
}

/**
 * What a fleet fix did, or would do, for one cluster: dry run `eligible`,
 * `no-change` or `skipped` (with a reason: not permitted, not applicable);
 * real run `applied`, `in-progress`, `no-change`, `denied` (audited),
 * `skipped` or `failed`.
 *
 * @public
 */
export interface FleetReadinessFixItem {
  cluster: EksClusterRef;
  entityRef: string;
  outcome:
    | 'eligible'
    | 'applied'
    | 'in-progress'
    | 'no-change'
    | 'skipped'
    | 'denied'
    | 'failed';
  reason?: string;
  update?: PendingClusterUpdate;
}

/**
 * Answer of `POST /fleet-readiness-fixes`.
 *
 * @public
 */
export interface FleetReadinessFixResponse {
  dryRun: boolean;
  fix: ReadinessFix;
  items: FleetReadinessFixItem[];
  counts: Record<FleetReadinessFixItem['outcome'], number>;
  replayed?: boolean;
}
