/**
 * The API's view of a cluster, built once when its data changes and stored
 * as JSON next to the cluster (`clusters.summary`, `clusters.detail`), so
 * that the list and the detail are one indexed query and string assembly.
 * Only what depends on the time of the request (the data's age) and the
 * Kubernetes refresh status are added per response. Pure.
 *
 * While ARC applies a shift, the summary's N-1 is the shift's `afterShift`
 * (the shifted AZ counted as lost, as EKS cordons it) and the detail carries
 * the shift's impact: both follow from the stored shift state and the latest
 * snapshot, so they are right as soon as the shift is stored, not only after
 * the next Kubernetes read sees the cordon.
 */
import {
  assessShiftImpact,
  clusterEntityRef,
  readinessSummaryOf,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type {
  ClusterDataHealth,
  ClusterReadiness,
  DataFreshness,
  FleetAutoshift,
  FleetClusterDetail,
  FleetClusterSummary,
  FleetSurvivabilitySummary,
  FleetZoneUsage,
  ShiftImpact,
  ShiftImpactNodePool,
  SourceRefreshStatus,
  ZonalShift,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type {
  ArcResourceRecord,
  AutoshiftRecord,
  NodePoolRecord,
  ResilienceAppRecord,
  StoredCluster,
  StoredShift,
  StoredSnapshot,
} from './records';

export type SummaryDocument = Omit<FleetClusterSummary, 'health'>;
export type DetailDocument = Omit<FleetClusterDetail, 'summary' | 'refresh'>;

/** Everything stored about one cluster that its documents show. */
export interface ClusterDocumentParts {
  cluster: StoredCluster;
  snapshot?: StoredSnapshot;
  nodePools: NodePoolRecord[];
  /** Newest first. */
  shifts: StoredShift[];
  arcResource?: ArcResourceRecord;
  /** Autoshifts of the cluster's account and region. */
  autoshifts: AutoshiftRecord[];
  resilienceApps: ResilienceAppRecord[];
  /** The cluster's AZ readiness (`clusterReadiness.ts`). */
  readiness?: ClusterReadiness;
}

/** The cluster's Kubernetes read status, as the clusters table keeps it. */
export interface KubernetesStatus {
  freshness: DataFreshness;
  lastAttemptAt?: string;
  lastSuccessAt?: string;
  lastError?: string;
  durationMs?: number;
}

/** Ended shifts shown in a cluster's detail. */
export const PAST_SHIFTS_IN_DETAIL = 50;

const NOT_READ_YET =
  'The Kubernetes API of this cluster has not been read yet.';

/** A copy without the keys whose value is undefined (JSON drops them anyway). */
function defined<T extends object>(value: T): T {
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) {
      result[key] = v;
    }
  }
  return result as T;
}

function toZonalShift(shift: StoredShift): ZonalShift {
  return defined({
    zonalShiftId: shift.zonalShiftId,
    resourceIdentifier: shift.resourceIdentifier,
    awayFrom: shift.awayFrom,
    status: shift.status,
    shiftType: shift.shiftType,
    startTime: shift.startTime,
    expiryTime: shift.expiryTime,
    comment: shift.comment,
    actor: shift.actor,
    practiceRunOutcome: shift.practiceRunOutcome,
  });
}

function lowestScore(apps: readonly ResilienceAppRecord[]): number | undefined {
  const scores = apps
    .map(app => app.resiliencyScore)
    .filter((score): score is number => score !== undefined);
  return scores.length > 0 ? Math.min(...scores) : undefined;
}

function zoneUsageOf(
  snapshot: StoredSnapshot | undefined,
): FleetZoneUsage[] | undefined {
  return snapshot?.capacity.zones.map(zone => ({
    zone: zone.zone,
    allocatable: zone.allocatable,
    schedulableAllocatable: zone.schedulableAllocatable,
    requested: zone.requested,
    nodeCount: zone.nodeCount,
    cordoned: zone.nodeCount > 0 && zone.schedulableNodeCount === 0,
  }));
}

/** The impact of the shift ARC applies to the cluster now; undefined when none applies. */
export function appliedShiftImpact(
  cluster: Pick<StoredCluster, 'zones' | 'shiftAwayFrom'>,
  snapshot: StoredSnapshot | undefined,
  nodePools: readonly ShiftImpactNodePool[],
): ShiftImpact | undefined {
  if (!cluster.shiftAwayFrom) {
    return undefined;
  }
  return assessShiftImpact({
    capacity: snapshot?.capacity,
    zones: cluster.zones,
    awayFrom: cluster.shiftAwayFrom.id,
    nodePools,
  });
}

/**
 * The N-1 the summary shows, and the list filters and sorts by: the latest
 * snapshot's, or while a shift applies the shift's `afterShift`.
 */
export function survivabilitySummaryOf(
  cluster: Pick<StoredCluster, 'zones' | 'shiftAwayFrom'>,
  snapshot: StoredSnapshot | undefined,
): FleetSurvivabilitySummary {
  const assessment =
    appliedShiftImpact(cluster, snapshot, [])?.afterShift ??
    snapshot?.assessment;
  if (!assessment) {
    return { verdict: 'unknown', reason: NOT_READ_YET };
  }
  return defined({
    verdict: assessment.verdict,
    reason: assessment.reason,
    bindingZone: assessment.bindingZone?.zone,
  });
}

/**
 * The list's view of the cluster. Its N-1 comes from the snapshot and the
 * shift state, never from the cluster's verdict fields: those are written
 * from this document (rebuildDocuments.ts).
 */
export function buildSummaryDocument(
  cluster: StoredCluster,
  resilienceApps: readonly ResilienceAppRecord[],
  snapshot?: StoredSnapshot,
  readiness?: ClusterReadiness,
): SummaryDocument {
  return defined({
    ref: cluster.ref,
    // The catalog module names the entity by the same rule.
    entityRef: clusterEntityRef(cluster.ref),
    version: cluster.version,
    status: cluster.status,
    owner: cluster.owner,
    system: cluster.system,
    zones: cluster.zones,
    zonalShiftEnabled: cluster.zonalShiftEnabled,
    autoshiftStatus: cluster.autoshiftStatus,
    activeShift: cluster.activeShift,
    shiftState: cluster.shiftState,
    shiftAwayFrom: cluster.shiftAwayFrom,
    survivability: survivabilitySummaryOf(cluster, snapshot),
    capacity: cluster.capacityTotals,
    zoneUsage: zoneUsageOf(snapshot),
    resilienceScore: lowestScore(resilienceApps),
    readiness: readiness ? readinessSummaryOf(readiness) : undefined,
    firstSeenAt: cluster.firstSeenAt,
    lastSeenAt: cluster.lastSeenAt,
  });
}

export function buildDetailDocument(
  parts: ClusterDocumentParts,
): DetailDocument {
  const { cluster, snapshot, arcResource } = parts;
  const zoneIds = new Set([
    ...cluster.zones.map(zone => zone.id),
    ...(arcResource?.availabilityZones ?? []),
  ]);
  const autoshifts: FleetAutoshift[] = parts.autoshifts
    .filter(autoshift => zoneIds.has(autoshift.awayFrom))
    .map(autoshift =>
      defined({
        awayFrom: autoshift.awayFrom,
        startTime: autoshift.startTime,
        endTime: autoshift.endTime,
        status: autoshift.status,
      }),
    );
  return defined({
    tags: cluster.tags,
    capacity: snapshot?.capacity,
    capacityCapturedAt: snapshot?.capturedAt,
    survivability: snapshot?.assessment,
    nodePools: parts.nodePools.map(pool =>
      defined({
        name: pool.name,
        zoneRequirements: pool.zoneRequirements,
        allowedZones: pool.allowedZones,
        unrestricted: pool.unrestricted,
        weight: pool.weight,
        zoneAnnotations: pool.zoneAnnotations,
      }),
    ),
    activeShifts: parts.shifts
      .filter(shift => shift.status === 'ACTIVE')
      .map(toZonalShift),
    pastShifts: parts.shifts
      .filter(shift => shift.status !== 'ACTIVE')
      .slice(0, PAST_SHIFTS_IN_DETAIL)
      .map(toZonalShift),
    appliedWeights: arcResource?.appliedWeights ?? {},
    autoshifts,
    practiceRunStatus: arcResource?.practiceRunStatus,
    resilienceApps: parts.resilienceApps.map(app =>
      defined({
        appArn: app.appArn,
        name: app.name,
        resiliencyScore: app.resiliencyScore,
        complianceStatus: app.complianceStatus,
        azCompliance: app.azCompliance,
        assessedAt: app.assessedAt,
      }),
    ),
    karpenter: cluster.karpenter,
    problems: cluster.problems,
    shiftImpact: appliedShiftImpact(cluster, snapshot, parts.nodePools),
    readiness: parts.readiness,
  });
}

/** The data's health at `now`. */
export function healthOf(
  status: KubernetesStatus,
  now: Date,
): ClusterDataHealth {
  const success = status.lastSuccessAt;
  const health: ClusterDataHealth = { freshness: status.freshness };
  if (success) {
    health.lastSuccessAt = success;
  }
  if (status.lastAttemptAt) {
    health.lastAttemptAt = status.lastAttemptAt;
  }
  if (status.freshness === 'stale' && status.lastError) {
    health.lastError = status.lastError;
  }
  if (success) {
    health.ageSeconds = Math.max(
      0,
      Math.floor((now.getTime() - Date.parse(success)) / 1000),
    );
  }
  return health;
}

/** The cluster's Kubernetes refresh status, for the detail. */
export function kubernetesRefreshStatus(
  status: KubernetesStatus,
): SourceRefreshStatus[] {
  if (!status.lastAttemptAt) {
    return [];
  }
  const ok = status.freshness === 'fresh';
  return [
    defined({
      source: 'kubernetes',
      lastAttemptAt: status.lastAttemptAt,
      ok,
      lastSuccessAt: status.lastSuccessAt,
      errorMessage: ok ? undefined : status.lastError,
      durationMs: status.durationMs ?? 0,
    }),
  ];
}

// The stored documents are JSON objects written by JSON.stringify, so the
// last character is their closing brace and the first their opening one.

/** A stored summary with the health added: one FleetClusterSummary as JSON. */
export function summaryJson(
  summaryDocument: string,
  status: KubernetesStatus,
  now: Date,
): string {
  return `${summaryDocument.slice(0, -1)},"health":${JSON.stringify(
    healthOf(status, now),
  )}}`;
}

/** A stored detail with the summary and the refresh status: one FleetClusterDetail as JSON. */
export function detailJson(
  summaryDocument: string,
  detailDocument: string,
  status: KubernetesStatus,
  now: Date,
): string {
  const inner = detailDocument.slice(1, -1);
  return `{"summary":${summaryJson(summaryDocument, status, now)}${
    inner ? `,${inner}` : ''
  },"refresh":${JSON.stringify(kubernetesRefreshStatus(status))}}`;
}
