/**
 * The ARC zonal shift API (`arc-zonal-shift`, 2022-10-30) as this client
 * exposes it: member names as on the wire, timestamps as Dates.
 *
 * @public
 */

export type ZonalShiftStatus = 'ACTIVE' | 'EXPIRED' | 'CANCELED';
/**
 * What started a zonal shift.
 *
 * @public
 */
export type ShiftType =
  | 'ZONAL_SHIFT'
  | 'PRACTICE_RUN'
  | 'FIS_EXPERIMENT'
  | 'ZONAL_AUTOSHIFT';
/**
 * The outcome of a practice run.
 *
 * @public
 */
export type PracticeRunOutcome =
  | 'FAILED'
  | 'INTERRUPTED'
  | 'PENDING'
  | 'SUCCEEDED'
  | 'CAPACITY_CHECK_FAILED';
/**
 * Whether ARC applies a shift to the resource now.
 *
 * @public
 */
export type AppliedStatus = 'APPLIED' | 'NOT_APPLIED';
/**
 * Whether zonal autoshift is on for a resource.
 *
 * @public
 */
export type ZonalAutoshiftStatus = 'ENABLED' | 'DISABLED';
/**
 * Whether an autoshift is in progress.
 *
 * @public
 */
export type AutoshiftExecutionStatus = 'ACTIVE' | 'COMPLETED';

/**
 * Returned by Start/Update/CancelZonalShift and Start/CancelPracticeRun.
 *
 * @public
 */
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

/**
 * A zonal shift as ListZonalShifts returns it, of any type.
 *
 * @public
 */
export interface ZonalShiftSummary extends ZonalShift {
  shiftType?: ShiftType;
  practiceRunOutcome?: PracticeRunOutcome;
}

/**
 * An active shift as a managed resource lists it: which one is in effect.
 *
 * @public
 */
export interface ZonalShiftInResource extends Omit<ZonalShift, 'status'> {
  appliedStatus: AppliedStatus;
  shiftType?: ShiftType;
  practiceRunOutcome?: PracticeRunOutcome;
}

/**
 * An autoshift as a managed resource lists it.
 *
 * @public
 */
export interface AutoshiftInResource {
  appliedStatus: AppliedStatus;
  awayFrom: string;
  startTime: Date;
}

/**
 * An autoshift as ListAutoshifts returns it.
 *
 * @public
 */
export interface AutoshiftSummary {
  awayFrom: string;
  startTime: Date;
  endTime?: Date;
  status: AutoshiftExecutionStatus;
}

/**
 * A CloudWatch alarm that a practice run watches.
 *
 * @public
 */
export interface ControlCondition {
  type: 'CLOUDWATCH';
  /** CloudWatch alarm ARN. */
  alarmIdentifier: string;
}

/**
 * The practice run configuration of a resource.
 *
 * @public
 */
export interface PracticeRunConfiguration {
  outcomeAlarms: ControlCondition[];
  blockingAlarms?: ControlCondition[];
  /** `Day:HH:MM-Day:HH:MM`, UTC. */
  blockedWindows?: string[];
  allowedWindows?: string[];
  /** `YYYY-MM-DD`, UTC. */
  blockedDates?: string[];
}

/**
 * A managed resource as GetManagedResource returns it.
 *
 * @public
 */
export interface ManagedResource {
  arn?: string;
  name?: string;
  /** By AZ ID, 0 to 1: 0 for the zone traffic is shifted away from. */
  appliedWeights: Record<string, number>;
  /** Active shifts only. */
  zonalShifts: ZonalShiftInResource[];
  autoshifts?: AutoshiftInResource[];
  practiceRunConfiguration?: PracticeRunConfiguration;
  zonalAutoshiftStatus?: ZonalAutoshiftStatus;
}

/**
 * A managed resource as ListManagedResources returns it.
 *
 * @public
 */
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

/**
 * One page of a list call; `nextToken` is absent on the last.
 *
 * @public
 */
export interface ListPage<T> {
  items: T[];
  nextToken?: string;
}

/**
 * Paging of a list call.
 *
 * @public
 */
export interface PageInput {
  /** 1..100. */
  maxResults?: number;
  nextToken?: string;
}

/**
 * Input of StartZonalShift.
 *
 * @public
 */
export interface StartZonalShiftInput {
  resourceIdentifier: string;
  awayFrom: string;
  /** `<n>m` or `<n>h`, at most 72h. */
  expiresIn: string;
  /** At most 128 characters. */
  comment: string;
}

/**
 * Input of UpdateZonalShift.
 *
 * @public
 */
export interface UpdateZonalShiftInput {
  zonalShiftId: string;
  comment?: string;
  expiresIn?: string;
}

/**
 * Input of ListZonalShifts.
 *
 * @public
 */
export interface ListZonalShiftsInput extends PageInput {
  status?: ZonalShiftStatus;
  resourceIdentifier?: string;
}

/**
 * Input of ListAutoshifts.
 *
 * @public
 */
export interface ListAutoshiftsInput extends PageInput {
  /** AWS lists only ACTIVE autoshifts by default. */
  status?: AutoshiftExecutionStatus;
}

/**
 * Input of UpdateZonalAutoshiftConfiguration.
 *
 * @public
 */
export interface UpdateZonalAutoshiftConfigurationInput {
  resourceIdentifier: string;
  zonalAutoshiftStatus: ZonalAutoshiftStatus;
}

/**
 * Output of UpdateZonalAutoshiftConfiguration.
 *
 * @public
 */
export interface UpdateZonalAutoshiftConfigurationOutput {
  resourceIdentifier: string;
  zonalAutoshiftStatus: ZonalAutoshiftStatus;
}

/**
 * Input of CreatePracticeRunConfiguration.
 *
 * @public
 */
export interface CreatePracticeRunConfigurationInput
  extends PracticeRunConfiguration {
  resourceIdentifier: string;
}

/**
 * Members given replace the current ones.
 *
 * @public
 */
export interface UpdatePracticeRunConfigurationInput
  extends Partial<PracticeRunConfiguration> {
  resourceIdentifier: string;
}

/**
 * Output of Create/UpdatePracticeRunConfiguration.
 *
 * @public
 */
export interface PracticeRunConfigurationOutput {
  arn: string;
  name: string;
  zonalAutoshiftStatus: ZonalAutoshiftStatus;
  practiceRunConfiguration: PracticeRunConfiguration;
}

/**
 * Output of DeletePracticeRunConfiguration.
 *
 * @public
 */
export interface DeletePracticeRunConfigurationOutput {
  arn: string;
  name: string;
  zonalAutoshiftStatus: ZonalAutoshiftStatus;
}

/**
 * Input of StartPracticeRun.
 *
 * @public
 */
export interface StartPracticeRunInput {
  resourceIdentifier: string;
  awayFrom: string;
  comment: string;
}
