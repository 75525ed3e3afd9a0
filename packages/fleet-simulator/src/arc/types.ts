/**
 * The contract between the ARC zonal shift emulator (src/arc) and the fleet
 * model (src/model). ARC owns every shift, autoshift and practice run; the
 * fleet model owns clusters and nodes and reacts when the zone ARC applies
 * changes (cordon / uncordon, as EKS does).
 */

/**
 * A cluster as ARC sees it: a managed resource.
 *
 * @public
 */
export interface ArcManagedResource {
  /** `arn:aws:eks:<region>:<account>:cluster/<name>`. */
  arn: string;
  name: string;
  accountId: string;
  region: string;
  /** AZ IDs the resource is in, e.g. ['use1-az1', 'use1-az2', 'use1-az4']. */
  zoneIds: string[];
  /** EKS `zonalShiftConfig.enabled`; ARC refuses shifts when false. */
  zonalShiftEnabled: boolean;
}

/**
 * What ARC reads from the fleet model.
 *
 * @public
 */
export interface ArcFleetView {
  /** Every cluster of the fleet, in a stable order. */
  listResources(): ArcManagedResource[];
  getResource(arn: string): ArcManagedResource | undefined;
  /**
   * The fleet's account IDs in fleet order, for naming the caller's account
   * (see accountNamedBy); without it, the accounts of `listResources()`.
   */
  accountIds?(): string[];
  /**
   * Called whenever the zone ARC applies for a resource changes: a shift
   * started, was canceled, expired, or was superseded by one of higher
   * precedence. `awayFrom` is an AZ ID, or undefined when no shift applies.
   */
  onAppliedZoneChanged(arn: string, awayFrom: string | undefined): void;
}

/**
 * Initial ARC settings per resource, from the fleet file.
 *
 * @public
 */
export interface ArcResourceSettings {
  zonalAutoshiftStatus?: 'ENABLED' | 'DISABLED';
  practiceRunConfiguration?: {
    outcomeAlarms: Array<{ type: string; alarmIdentifier: string }>;
    blockingAlarms?: Array<{ type: string; alarmIdentifier: string }>;
    blockedWindows?: string[];
    allowedWindows?: string[];
    blockedDates?: string[];
  };
  /** Practice runs that ended before the simulation started (demo history). */
  practiceRunHistory?: PracticeRunHistoryEntry[];
}

/**
 * A practice run that ended `daysAgo` days before the simulation started.
 *
 * @public
 */
export interface PracticeRunHistoryEntry {
  daysAgo: number;
  outcome: 'SUCCEEDED' | 'FAILED' | 'INTERRUPTED';
}

/**
 * EventBridge detail-types of `aws.arc-zonal-shift` (none for an expiring manual shift).
 *
 * @public
 */
export type ArcEventDetailType =
  | 'Autoshift In Progress'
  | 'Autoshift Completed'
  | 'Practice Run Started'
  | 'Practice Run Succeeded'
  | 'Practice Run Interrupted'
  | 'Practice Run Failed'
  | 'FIS Experiment Autoshift In Progress'
  | 'FIS Experiment Autoshift Completed'
  | 'FIS Experiment Autoshift Canceled'
  | 'Manual Shift Started'
  | 'Manual Shift Updated'
  | 'Manual Shift Canceled';

/**
 * An event as EventBridge delivers it, one per account and transition.
 *
 * @public
 */
export interface ArcEvent {
  'detail-type': ArcEventDetailType;
  source: 'aws.arc-zonal-shift';
  account: string;
  region: string;
  /** ISO 8601, from the simulated clock. */
  time: string;
  /** Resource ARNs the transition concerns. */
  resources: string[];
  detail: { version: string; metadata: { awayFrom: string; notes: string } };
}
