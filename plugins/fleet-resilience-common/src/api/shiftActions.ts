// Shift actions: `POST /clusters/:clusterArn/shifts`,
// `PATCH|DELETE /clusters/:clusterArn/shifts/:zonalShiftId` and
// `POST /fleet-shifts`.

import { EksClusterRef } from '../cluster';
import { SurvivabilityVerdict } from '../survivability';
import { ZonalShift } from '../zonalShift';
import { Zone } from '../zones';

/**
 * Optional request header that makes a mutating call idempotent: a retry with
 * the same key (and the same body) gets the first call's answer and never
 * starts a second shift. 1 to 128 characters of `[A-Za-z0-9._:-]`.
 *
 * @public
 */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/**
 * Answer of start, update and cancel.
 *
 * @public
 */
export interface ShiftActionResponse {
  /** The shift as ARC returned it (with `actor` filled in). */
  shift: ZonalShift;
  /** Id of the audit event recorded for this action. */
  auditEventId: string;
  /** True when this answer is a replay of an earlier call with the same idempotency key. */
  replayed: boolean;
}

/**
 * Body of `POST /fleet-shifts`: shift every cluster in one AZ away from it.
 *
 * @public
 */
export interface FleetShiftInput {
  /** AZ ID (`use1-az2`); AZ names differ per account, so only IDs are taken here. */
  awayFrom?: unknown;
  expiresIn?: unknown;
  comment?: unknown;
  /** When true nothing is started: the answer lists the affected clusters. */
  dryRun?: unknown;
  /**
   * Optional subset of cluster ARNs (all clusters in the AZ when absent).
   * An ARN of a cluster the caller may not read is refused as one not in
   * the fleet (400).
   */
  clusters?: unknown;
}

/**
 * What a fleet-wide shift did, or would do (dry run), for one cluster.
 *
 * @public
 */
export interface FleetShiftItem {
  cluster: EksClusterRef;
  entityRef: string;
  zone: Zone;
  /**
   * Whether the cluster's other AZs hold every request without `zone`:
   * `ShiftImpact.verdict` and `reason`, as the start dialog's confirm step
   * shows them for the same cluster and AZ.
   */
  verdict: SurvivabilityVerdict;
  verdictReason: string;
  /**
   * Dry run: `eligible` or `skipped` (with `reason`: zonal shift not enabled,
   * already shifted, or the caller may read the cluster but not start a
   * shift on it). Real run: `started`, `skipped`, `denied` (no permission to
   * start a shift on it; audited) or `failed`.
   */
  outcome: 'eligible' | 'started' | 'skipped' | 'denied' | 'failed';
  reason?: string;
  shift?: ZonalShift;
}

/**
 * Answer of `POST /fleet-shifts`.
 *
 * @public
 */
export interface FleetShiftResponse {
  dryRun: boolean;
  awayFrom: string;
  items: FleetShiftItem[];
  counts: Record<FleetShiftItem['outcome'], number>;
  /**
   * Clusters with the AZ that the caller may not read, left out of `items`
   * (never named, only counted). Clusters the caller may read but not shift
   * are listed: `skipped` in a dry run, `denied` in a real run. Always 0 for
   * a subset given in `clusters` (each must be readable).
   */
  hidden?: number;
  /** True when this answer is a replay of an earlier run with the same idempotency key. */
  replayed?: boolean;
}
