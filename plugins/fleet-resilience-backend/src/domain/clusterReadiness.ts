/**
 * A cluster's AZ readiness from what the store holds about it: the EKS
 * zonal shift setting, ARC's managed resource and practice runs, the latest
 * snapshot's N-1 and assessed workloads, and the EKS update the portal
 * follows. The checks themselves are the common package's. Pure.
 */
import {
  assessClusterReadiness,
  type ClusterReadiness,
  type ClusterReadinessInput,
  type PendingClusterUpdate,
  type PracticeRunRecord,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type {
  ArcResourceRecord,
  ReadinessUpdateRecord,
  StoredCluster,
  StoredShift,
  StoredSnapshot,
} from './records';

/** What a cluster's readiness is derived from, as stored. */
export interface ClusterReadinessParts {
  cluster: Pick<StoredCluster, 'zonalShiftEnabled'>;
  arcResource?: ArcResourceRecord;
  /** The cluster's shifts, any type, any order. */
  shifts: readonly StoredShift[];
  snapshot?: StoredSnapshot;
  /** The update {@link pendingReadinessUpdates} chose, if any. */
  pendingUpdate?: ReadinessUpdateRecord;
}

export function practiceRunsOf(
  shifts: readonly StoredShift[],
): PracticeRunRecord[] {
  return shifts
    .filter(shift => shift.shiftType === 'PRACTICE_RUN')
    .map(shift => ({
      zonalShiftId: shift.zonalShiftId,
      awayFrom: shift.awayFrom,
      startTime: shift.startTime,
      expiryTime: shift.expiryTime,
      status: shift.status,
      ...(shift.practiceRunOutcome
        ? { outcome: shift.practiceRunOutcome }
        : {}),
    }));
}

function pendingUpdateOf(update: ReadinessUpdateRecord): PendingClusterUpdate {
  return {
    updateId: update.updateId,
    type: update.type,
    status: update.status,
    startedAt: update.startedAt,
    ...(update.errors?.length ? { errors: update.errors } : {}),
  };
}

export function readinessInputOf(
  parts: ClusterReadinessParts,
): ClusterReadinessInput {
  const { cluster, arcResource, snapshot, pendingUpdate } = parts;
  const input: ClusterReadinessInput = {
    practiceRuns: practiceRunsOf(parts.shifts),
  };
  if (cluster.zonalShiftEnabled !== undefined) {
    input.zonalShiftEnabled = cluster.zonalShiftEnabled;
  }
  if (arcResource) {
    input.arc = {
      ...(arcResource.zonalAutoshiftStatus
        ? { zonalAutoshiftStatus: arcResource.zonalAutoshiftStatus }
        : {}),
      ...(arcResource.practiceRunStatus
        ? { practiceRunStatus: arcResource.practiceRunStatus }
        : {}),
      ...(arcResource.practiceRunConfiguration
        ? { practiceRunConfiguration: arcResource.practiceRunConfiguration }
        : {}),
    };
  }
  if (snapshot) {
    input.survivability = snapshot.assessment;
    if (snapshot.workloads) {
      input.workloads = snapshot.workloads;
    }
  }
  if (pendingUpdate) {
    input.pendingUpdate = pendingUpdateOf(pendingUpdate);
  }
  return input;
}

/** The cluster's readiness, as its detail shows it. */
export function clusterReadinessOf(
  parts: ClusterReadinessParts,
): ClusterReadiness {
  return assessClusterReadiness(readinessInputOf(parts));
}
