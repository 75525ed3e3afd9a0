import type { PracticeRunOutcome } from './readiness/types';
/**
 * Status of an ARC zonal shift.
 *
 * @public
 */
export type ZonalShiftStatus = 'ACTIVE' | 'EXPIRED' | 'CANCELED';

/**
 * What started an ARC zonal shift.
 *
 * @public
 */
export type ZonalShiftType =
  | 'ZONAL_SHIFT'
  | 'PRACTICE_RUN'
  | 'FIS_EXPERIMENT'
  | 'ZONAL_AUTOSHIFT';

/**
 * An ARC zonal shift of an EKS cluster.
 *
 * @remarks
 * Times are ISO 8601 strings (ARC sends epoch seconds) so that the value
 * survives JSON between backend and frontend unchanged.
 *
 * @public
 */
export interface ZonalShift {
  zonalShiftId: string;
  /** The cluster ARN. */
  resourceIdentifier: string;
  /** AZ ID (`use1-az2`) that traffic is shifted away from. */
  awayFrom: string;
  status: ZonalShiftStatus;
  /**
   * A shift started with StartZonalShift is `ZONAL_SHIFT`; ARC returns the
   * type only in ListZonalShifts.
   */
  shiftType: ZonalShiftType;
  startTime: string;
  expiryTime: string;
  comment: string;
  /** User entity ref of whoever started the shift through the portal. */
  actor?: string;
  /** A practice run's outcome (ARC `practiceRunOutcome`). */
  practiceRunOutcome?: PracticeRunOutcome;
}
