/** Rows of ARC's state: `shifts`, `arc_resources` and `autoshifts`. */
import type {
  AutoshiftStatus,
  PracticeRunOutcome,
  ZonalShiftStatus,
  ZonalShiftType,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type {
  ArcResourceRecord,
  AutoshiftRecord,
  ShiftRecord,
  StoredShift,
} from '../../domain/records';
import { storableText, TEXT_LIMITS } from '../../domain/storableText';
import { fromJson, optional } from './values';

export interface ShiftRow {
  zonal_shift_id: string;
  cluster_arn: string;
  account_id: string;
  region: string;
  away_from: string;
  status: string;
  shift_type: string;
  start_time: string;
  expiry_time: string;
  comment: string;
  actor: string | null;
  first_seen_at: string;
  last_seen_at: string;
  /** Null on shifts that are not practice runs, and on rows stored before it was. */
  practice_run_outcome?: string | null;
}

/**
 * A shift as a new row, first and last seen now. Every text is made storable
 * here (NUL replaced, bounded to its column), whatever path it came by: a
 * refresh or the answer to an action.
 */
export function shiftToRow(shift: ShiftRecord, seenAt: string): ShiftRow {
  return {
    zonal_shift_id: storableText(shift.zonalShiftId, TEXT_LIMITS.zonalShiftId),
    cluster_arn: storableText(shift.resourceIdentifier, TEXT_LIMITS.arn),
    account_id: storableText(shift.accountId, 12),
    region: storableText(shift.region, TEXT_LIMITS.zone),
    away_from: storableText(shift.awayFrom, TEXT_LIMITS.zone),
    status: storableText(shift.status, TEXT_LIMITS.shortStatus),
    shift_type: storableText(shift.shiftType, TEXT_LIMITS.status),
    start_time: shift.startTime,
    expiry_time: shift.expiryTime,
    comment: storableText(shift.comment ?? '', TEXT_LIMITS.comment),
    actor:
      shift.actor === undefined
        ? null
        : storableText(shift.actor, TEXT_LIMITS.owner),
    first_seen_at: seenAt,
    last_seen_at: seenAt,
    practice_run_outcome:
      shift.practiceRunOutcome === undefined
        ? null
        : storableText(shift.practiceRunOutcome, TEXT_LIMITS.status),
  };
}

export function shiftFromRow(row: ShiftRow): StoredShift {
  return {
    zonalShiftId: row.zonal_shift_id,
    resourceIdentifier: row.cluster_arn,
    accountId: row.account_id,
    region: row.region,
    awayFrom: row.away_from,
    status: row.status as ZonalShiftStatus,
    shiftType: row.shift_type as ZonalShiftType,
    startTime: row.start_time,
    expiryTime: row.expiry_time,
    comment: row.comment,
    ...(row.actor !== null ? { actor: row.actor } : {}),
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    ...(row.practice_run_outcome
      ? {
          practiceRunOutcome: row.practice_run_outcome as PracticeRunOutcome,
        }
      : {}),
  };
}

export interface ArcResourceRow {
  arn: string;
  account_id: string;
  region: string;
  availability_zones: string;
  applied_weights: string;
  zonal_autoshift_status: string | null;
  practice_run_status: string | null;
  applied_away_from: string | null;
  updated_at: string;
  /** JSON PracticeRunConfiguration; null when none was read. */
  practice_run_configuration?: string | null;
}

export function arcResourceFromRow(row: ArcResourceRow): ArcResourceRecord {
  return {
    arn: row.arn,
    accountId: row.account_id,
    region: row.region,
    availabilityZones: fromJson(row.availability_zones),
    appliedWeights: fromJson(row.applied_weights),
    zonalAutoshiftStatus: optional(row.zonal_autoshift_status) as
      | AutoshiftStatus
      | undefined,
    practiceRunStatus: optional(row.practice_run_status) as
      | AutoshiftStatus
      | undefined,
    appliedAwayFrom: optional(row.applied_away_from),
    ...(row.practice_run_configuration
      ? { practiceRunConfiguration: fromJson(row.practice_run_configuration) }
      : {}),
  };
}

export interface AutoshiftRow {
  account_id: string;
  region: string;
  away_from: string;
  start_time: string;
  end_time: string | null;
  status: 'ACTIVE' | 'COMPLETED';
}

export function autoshiftFromRow(row: AutoshiftRow): AutoshiftRecord {
  return {
    accountId: row.account_id,
    region: row.region,
    awayFrom: row.away_from,
    startTime: row.start_time,
    endTime: optional(row.end_time),
    status: row.status,
  };
}
