import type { ArcResourceSettings } from './types';

/**
 * Shift types ListZonalShifts reports; autoshifts are kept apart (ListAutoshifts).
 *
 * @public
 */
export type ShiftType = 'ZONAL_SHIFT' | 'PRACTICE_RUN' | 'FIS_EXPERIMENT';
/**
 * The status of an ARC zonal shift.
 *
 * @public
 */
export type ShiftStatus = 'ACTIVE' | 'EXPIRED' | 'CANCELED';
/**
 * The outcome of an ARC practice run.
 *
 * @public
 */
export type PracticeRunOutcome =
  | 'PENDING'
  | 'SUCCEEDED'
  | 'INTERRUPTED'
  | 'FAILED'
  | 'CAPACITY_CHECK_FAILED';
export type ZonalAutoshiftStatus = 'ENABLED' | 'DISABLED';
export type PracticeRunConfiguration = NonNullable<
  ArcResourceSettings['practiceRunConfiguration']
>;

/** A zonal shift of any type on one resource. Times are epoch milliseconds. */
export interface ShiftRecord {
  zonalShiftId: string;
  resourceIdentifier: string;
  accountId: string;
  region: string;
  awayFrom: string;
  comment: string;
  shiftType: ShiftType;
  startTime: number;
  /** When the shift ends by itself (a practice run reports a rolling value instead). */
  expiryTime: number;
  status: ShiftStatus;
  /** When it stopped being ACTIVE. */
  endTime?: number;
  practiceRunOutcome?: PracticeRunOutcome;
}

/** An autoshift away from one AZ, covering the resources that had autoshift enabled. */
export interface AutoshiftRecord {
  seq: number;
  awayFrom: string;
  region: string;
  /** Accounts whose resources it shifted: only they list it. */
  accountIds: Set<string>;
  startTime: number;
  endTime?: number;
  status: 'ACTIVE' | 'COMPLETED';
  /** ARNs still shifted by it; a resource leaves when its autoshift is disabled. */
  resources: Set<string>;
}

export interface ResourceArcConfig {
  zonalAutoshiftStatus: ZonalAutoshiftStatus;
  practiceRunConfiguration?: PracticeRunConfiguration;
}

/** What is in effect for a resource: a shift or an autoshift. */
export type AppliedShift =
  | { kind: 'shift'; shift: ShiftRecord }
  | { kind: 'autoshift'; autoshift: AutoshiftRecord };

/**
 * AWS: a customer shift beats an autoshift, which beats an FIS experiment
 * (a starting autoshift cancels a running experiment), which beats a practice
 * run (an experiment cannot be preempted by a practice run, and interrupts one).
 */
export const PRECEDENCE: Record<ShiftType | 'ZONAL_AUTOSHIFT', number> = {
  ZONAL_SHIFT: 4,
  ZONAL_AUTOSHIFT: 3,
  FIS_EXPERIMENT: 2,
  PRACTICE_RUN: 1,
};

/** AWS runs a practice run for 30 minutes. */
export const PRACTICE_RUN_DURATION_MS = 30 * 60_000;
/** AWS reports a running practice run's expiryTime as one minute ahead. */
export const PRACTICE_RUN_REPORTED_EXPIRY_MS = 60_000;
