/**
 * The ARC zonal shift API (`arc-zonal-shift`, 2022-10-30) as this client
 * exposes it: member names as on the wire, timestamps as Dates.
 */

export type ZonalShiftStatus = 'ACTIVE' | 'EXPIRED' | 'CANCELED';
export type ShiftType =
  | 'ZONAL_SHIFT'
  | 'PRACTICE_RUN'
  | 'FIS_EXPERIMENT'
  | 'ZONAL_AUTOSHIFT';
export type PracticeRunOutcome =
  | 'FAILED'
  | 'INTERRUPTED'
  | 'PENDING'
  | 'SUCCEEDED'
  | 'CAPACITY_CHECK_FAILED';
export type AppliedStatus = 'APPLIED' | 'NOT_APPLIED';
export type ZonalAutoshiftStatus = 'ENABLED' | 'DISABLED';
export type AutoshiftExecutionStatus = 'ACTIVE' | 'COMPLETED';

/** Returned by Start/Update/CancelZonalShift and Start/CancelPracticeRun. */
export interface ZonalShift {
  zonalShiftId: string;
  /** The resource ARN. */
  resourceIdentifier: string;
  /** AZ ID, e.g. `use1-az1`. */
  awayFrom: string;
  /** A practice run reports one minute ahead while it runs (AWS behaviour). */
  expiryTime: Date;
  startTime: Date;
  status: ZonalShiftStatus;
  comment: string;
}

export interface ZonalShiftSummary extends ZonalShift {
  shiftType?: ShiftType;
  practiceRunOutcome?: PracticeRunOutcome;
}

/** An active shift as a managed resource lists it: which one is in effect. */
export interface ZonalShiftInResource extends Omit<ZonalShift, 'status'> {
  appliedStatus: AppliedStatus;
  shiftType?: ShiftType;
  practiceRunOutcome?: PracticeRunOutcome;
}

export interface AutoshiftInResource {
  appliedStatus: AppliedStatus;
  awayFrom: string;
  startTime: Date;
}

export interface AutoshiftSummary {
  awayFrom: string;
  startTime: Date;
  endTime?: Date;
  status: AutoshiftExecutionStatus;
}

export interface ControlCondition {
  type: 'CLOUDWATCH';
  /** CloudWatch alarm ARN. */
  alarmIdentifier: string;
}

export interface PracticeRunConfiguration {
  outcomeAlarms: ControlCondition[];
  blockingAlarms?: ControlCondition[];
  /** `Day:HH:MM-Day:HH:MM`, UTC. */
  blockedWindows?: string[];
  allowedWindows?: string[];
  /** `YYYY-MM-DD`, UTC. */
  blockedDates?: string[];
}

export interface ManagedResource {
  arn?: string;
  name?: string;
  /** AZ ID -> 0..1: 0 for the zone traffic is shifted away from. */
  appliedWeights: Record<string, number>;
  /** Active shifts only. */
  zonalShifts: ZonalShiftInResource[];
  autoshifts?: AutoshiftInResource[];
  practiceRunConfiguration?: PracticeRunConfiguration;
  zonalAutoshiftStatus?: ZonalAutoshiftStatus;
}

export interface ManagedResourceSummary {
  arn?: string;
  name?: string;
  availabilityZones: string[];
  appliedWeights?: Record<string, number>;
  zonalShifts?: ZonalShiftInResource[];
  autoshifts?: AutoshiftInResource[];
  zonalAutoshiftStatus?: ZonalAutoshiftStatus;
  /** ENABLED when a practice run configuration exists. */
  practiceRunStatus?: ZonalAutoshiftStatus;
}

export interface ListPage<T> {
  items: T[];
  nextToken?: string;
}

export interface PageInput {
  /** 1..100. */
  maxResults?: number;
  nextToken?: string;
}

export interface StartZonalShiftInput {
  resourceIdentifier: string;
  awayFrom: string;
  /** `<n>m` or `<n>h`, at most 72h. */
  expiresIn: string;
  /** At most 128 characters. */
  comment: string;
}

export interface UpdateZonalShiftInput {
  zonalShiftId: string;
  comment?: string;
  expiresIn?: string;
}

export interface ListZonalShiftsInput extends PageInput {
  status?: ZonalShiftStatus;
  resourceIdentifier?: string;
}

export interface ListAutoshiftsInput extends PageInput {
  /** AWS lists only ACTIVE autoshifts by default. */
  status?: AutoshiftExecutionStatus;
}

export interface UpdateZonalAutoshiftConfigurationInput {
  resourceIdentifier: string;
  zonalAutoshiftStatus: ZonalAutoshiftStatus;
}

export interface UpdateZonalAutoshiftConfigurationOutput {
  resourceIdentifier: string;
  zonalAutoshiftStatus: ZonalAutoshiftStatus;
}

export interface CreatePracticeRunConfigurationInput
  extends PracticeRunConfiguration {
  resourceIdentifier: string;
}

/** Members given replace the current ones. */
export interface UpdatePracticeRunConfigurationInput
  extends Partial<PracticeRunConfiguration> {
  resourceIdentifier: string;
}

export interface PracticeRunConfigurationOutput {
  arn: string;
  name: string;
  zonalAutoshiftStatus: ZonalAutoshiftStatus;
  practiceRunConfiguration: PracticeRunConfiguration;
}

export interface DeletePracticeRunConfigurationOutput {
  arn: string;
  name: string;
  zonalAutoshiftStatus: ZonalAutoshiftStatus;
}

export interface StartPracticeRunInput {
  resourceIdentifier: string;
  awayFrom: string;
  comment: string;
}
