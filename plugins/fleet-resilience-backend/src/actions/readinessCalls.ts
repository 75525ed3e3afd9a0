/**
 * The AWS side of the readiness fixes: what the cluster holds now (EKS
 * DescribeCluster, ARC GetManagedResource, with the reader's credentials),
 * and the one call that changes it (EKS UpdateClusterConfig, ARC
 * UpdateZonalAutoshiftConfiguration, Create- or UpdatePracticeRunConfiguration,
 * with the operator's). Failures become Backstage errors (readinessErrors.ts).
 */
import type {
  PracticeRunConfiguration,
  PracticeRunSettings,
  ReadinessAuditAction,
  ReadinessFix,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  ArcZonalShiftError,
  type AccountRegion,
  type ArcZonalShiftClient,
  type EksClusterConfigurer,
  type EksClusterDescriber,
  type EksClusterUpdate,
  type ManagedResourceState,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import type { StoredCluster } from '../domain/records';
import { awsCause, mapEksError, mapReadinessArcError } from './readinessErrors';

export const FIX_ACTIONS: Record<ReadinessFix, ReadinessAuditAction> = {
  'enable-zonal-shift': 'readiness.zonal-shift.enable',
  'enable-autoshift': 'readiness.autoshift.enable',
  'disable-autoshift': 'readiness.autoshift.disable',
  'configure-practice-runs': 'readiness.practice-run.configure',
};

/** What each fix does, for messages ("Not allowed to …", "ARC refused to …"). */
export const FIXING: Record<ReadinessFix, string> = {
  'enable-zonal-shift': 'turn on zonal shift for the cluster',
  'enable-autoshift': 'enable zonal autoshift',
  'disable-autoshift': 'disable zonal autoshift',
  'configure-practice-runs': 'configure practice runs',
};

/** The IAM action of each fix's one changing call. */
export const FIX_IAM_ACTION: Record<ReadinessFix, string> = {
  'enable-zonal-shift': 'eks:UpdateClusterConfig',
  'enable-autoshift': 'arc-zonal-shift:UpdateZonalAutoshiftConfiguration',
  'disable-autoshift': 'arc-zonal-shift:UpdateZonalAutoshiftConfiguration',
  'configure-practice-runs':
    'arc-zonal-shift:CreatePracticeRunConfiguration or UpdatePracticeRunConfiguration',
};

/** A fix with what it needs. */
export type ReadinessChange =
  | { fix: Exclude<ReadinessFix, 'configure-practice-runs'> }
  | { fix: 'configure-practice-runs'; practiceRuns: PracticeRunSettings };

/** The clients of the fixes: reads with the reader's credentials, changes with the operator's. */
export interface ReadinessAws {
  eksDescriber: EksClusterDescriber;
  /** UpdateClusterConfig: the operator's credentials. */
  eksConfigurer: Pick<EksClusterConfigurer, 'updateZonalShiftConfig'>;
  /** DescribeUpdate: the reader's credentials. */
  eksUpdates: Pick<EksClusterConfigurer, 'describeUpdate'>;
  arc: (target: AccountRegion) => Promise<ArcZonalShiftClient>;
  arcOperator: (target: AccountRegion) => Promise<ArcZonalShiftClient>;
}

/** ARC's part of what a cluster holds (planReadinessFix's `arc`). */
export type ArcReadiness = Pick<
  ManagedResourceState,
  'zonalAutoshiftStatus' | 'practiceRunStatus' | 'practiceRunConfiguration'
>;

/** What the cluster holds on AWS now. */
export interface AwsReadinessState {
  zonalShiftEnabled: boolean;
  /** EKS's cluster status (`UPDATING` while an update runs). */
  clusterStatus?: string;
  /** Undefined when ARC does not list the cluster (zonal shift off). */
  arc?: ArcReadiness;
}

const isNotFound = (error: unknown) => {
  const cause = awsCause(error);
  return (
    cause instanceof ArcZonalShiftError &&
    (cause.name === 'ResourceNotFoundException' || cause.statusCode === 404)
  );
};

/** EKS DescribeCluster and ARC GetManagedResource of the cluster, now. */
export async function readinessInAws(
  cluster: StoredCluster,
  aws: ReadinessAws,
  fix: ReadinessFix,
): Promise<AwsReadinessState> {
  const { ref } = cluster;
  let zonalShiftEnabled: boolean;
  let clusterStatus: string | undefined;
  try {
    ({ zonalShiftEnabled, status: clusterStatus } =
      await aws.eksDescriber.describe(ref));
  } catch (error) {
    throw mapEksError(error, FIXING[fix], 'eks:DescribeCluster');
  }
  if (!zonalShiftEnabled) {
    // ARC lists an EKS cluster only while zonal shift is on.
    return { zonalShiftEnabled, ...(clusterStatus ? { clusterStatus } : {}) };
  }
  try {
    const client = await aws.arc(ref);
    const resource = await client.getManagedResource(ref.arn);
    const configuration = resource.practiceRunConfiguration;
    return {
      zonalShiftEnabled,
      arc: {
        zonalAutoshiftStatus: resource.zonalAutoshiftStatus ?? 'DISABLED',
        practiceRunStatus: configuration ? 'ENABLED' : 'DISABLED',
        ...(configuration
          ? {
              practiceRunConfiguration:
                configuration as PracticeRunConfiguration,
            }
          : {}),
      },
    };
  } catch (error) {
    if (isNotFound(error)) return { zonalShiftEnabled };
    throw mapReadinessArcError(
      error,
      FIXING[fix],
      'arc-zonal-shift:GetManagedResource',
    );
  }
}

/** ARC's practice-run configuration of the user's settings. */
export function practiceRunConfigurationOf(
  settings: PracticeRunSettings,
): PracticeRunConfiguration {
  const alarm = (alarmIdentifier: string) => ({
    type: 'CLOUDWATCH' as const,
    alarmIdentifier,
  });
  return {
    outcomeAlarms: settings.outcomeAlarms.map(alarm),
    ...(settings.blockingAlarms?.length
      ? { blockingAlarms: settings.blockingAlarms.map(alarm) }
      : {}),
    ...(settings.blockedWindows?.length
      ? { blockedWindows: [...settings.blockedWindows] }
      : {}),
    ...(settings.blockedDates?.length
      ? { blockedDates: [...settings.blockedDates] }
      : {}),
  };
}

/** Whether ARC already holds exactly these settings (order of the lists aside). */
export function samePracticeRuns(
  held: PracticeRunConfiguration | undefined,
  wanted: PracticeRunConfiguration,
): boolean {
  if (!held) return false;
  const alarms = (list?: Array<{ alarmIdentifier: string }>) =>
    (list ?? []).map(a => a.alarmIdentifier).sort();
  const texts = (list?: string[]) => [...(list ?? [])].sort();
  return (
    JSON.stringify([
      alarms(held.outcomeAlarms),
      alarms(held.blockingAlarms),
      texts(held.blockedWindows),
      texts(held.blockedDates),
      texts(held.allowedWindows),
    ]) ===
    JSON.stringify([
      alarms(wanted.outcomeAlarms),
      alarms(wanted.blockingAlarms),
      texts(wanted.blockedWindows),
      texts(wanted.blockedDates),
      [],
    ])
  );
}

/** What AWS answered a fix. */
export type FixAnswer =
  | { kind: 'update'; update: EksClusterUpdate }
  | { kind: 'arc'; arc: ArcReadiness };

/**
 * The one call that changes the cluster. `token`: EKS's
 * `clientRequestToken` (the attempt's intent ID), so a retry of a call whose
 * answer was lost starts no second update.
 */
export async function applyFix(
  change: ReadinessChange,
  cluster: StoredCluster,
  held: AwsReadinessState,
  aws: ReadinessAws,
  token: string,
): Promise<FixAnswer> {
  const { ref } = cluster;
  const doing = FIXING[change.fix];
  if (change.fix === 'enable-zonal-shift') {
    try {
      const update = await aws.eksConfigurer.updateZonalShiftConfig(ref, true, {
        clientRequestToken: token,
      });
      return { kind: 'update', update };
    } catch (error) {
      throw mapEksError(error, doing, FIX_IAM_ACTION[change.fix]);
    }
  }
  const writer = await aws.arcOperator(ref);
  if (change.fix !== 'configure-practice-runs') {
    const zonalAutoshiftStatus =
      change.fix === 'enable-autoshift' ? 'ENABLED' : 'DISABLED';
    try {
      const answer = await writer.updateZonalAutoshiftConfiguration({
        resourceIdentifier: ref.arn,
        zonalAutoshiftStatus,
      });
      return {
        kind: 'arc',
        arc: { zonalAutoshiftStatus: answer.zonalAutoshiftStatus },
      };
    } catch (error) {
      throw mapReadinessArcError(error, doing, FIX_IAM_ACTION[change.fix]);
    }
  }
  const wanted = practiceRunConfigurationOf(change.practiceRuns);
  // The user's settings are the whole configuration: an update clears the
  // lists they left out.
  const replacing = {
    resourceIdentifier: ref.arn,
    outcomeAlarms: wanted.outcomeAlarms,
    blockingAlarms: wanted.blockingAlarms ?? [],
    blockedWindows: wanted.blockedWindows ?? [],
    blockedDates: wanted.blockedDates ?? [],
  };
  const update = async () =>
    writer.updatePracticeRunConfiguration(replacing).catch(error => {
      throw mapReadinessArcError(
        error,
        doing,
        'arc-zonal-shift:UpdatePracticeRunConfiguration',
      );
    });
  let answer;
  if (held.arc?.practiceRunConfiguration) {
    answer = await update();
  } else {
    try {
      answer = await writer.createPracticeRunConfiguration({
        resourceIdentifier: ref.arn,
        ...wanted,
      });
    } catch (error) {
      const cause = awsCause(error);
      if (
        !(cause instanceof ArcZonalShiftError) ||
        cause.reason !== 'PracticeConfigurationAlreadyExists'
      ) {
        throw mapReadinessArcError(
          error,
          doing,
          'arc-zonal-shift:CreatePracticeRunConfiguration',
        );
      }
      // Created since it was read (another replica, the console): replace it.
      answer = await update();
    }
  }
  return {
    kind: 'arc',
    arc: {
      zonalAutoshiftStatus: answer.zonalAutoshiftStatus,
      practiceRunStatus: 'ENABLED',
      practiceRunConfiguration:
        answer.practiceRunConfiguration as PracticeRunConfiguration,
    },
  };
}
