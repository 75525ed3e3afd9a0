/**
 * From stored records to API responses. Pure: `now` is passed in, for the
 * age of each cluster's data.
 */
import type {
  ClusterDataHealth,
  FleetAutoshift,
  FleetClusterDetail,
  FleetClusterSummary,
  FleetShiftRecord,
  RefreshStatusResponse,
  SourceRefreshStatus,
  ZonalShift,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type {
  ArcResourceRecord,
  AutoshiftRecord,
  FreshnessCounts,
  NodePoolRecord,
  ResilienceAppRecord,
  StoredCluster,
  StoredRefreshResult,
  StoredShift,
  StoredSnapshot,
} from '../database/records';

function health(cluster: StoredCluster, now: Date): ClusterDataHealth {
  const success = cluster.k8sLastSuccessAt;
  return {
    freshness: cluster.freshness,
    ...(success ? { lastSuccessAt: success } : {}),
    ...(cluster.k8sLastAttemptAt
      ? { lastAttemptAt: cluster.k8sLastAttemptAt }
      : {}),
    ...(cluster.freshness === 'stale' && cluster.k8sLastError
      ? { lastError: cluster.k8sLastError }
      : {}),
    ...(success
      ? {
          ageSeconds: Math.max(
            0,
            Math.floor((now.getTime() - Date.parse(success)) / 1000),
          ),
        }
      : {}),
  };
}

function defined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}

export function toClusterSummary(
  cluster: StoredCluster,
  now: Date,
): FleetClusterSummary {
  return defined({
    ref: cluster.ref,
    version: cluster.version,
    status: cluster.status,
    owner: cluster.owner,
    system: cluster.system,
    zones: cluster.zones,
    zonalShiftEnabled: cluster.zonalShiftEnabled,
    autoshiftStatus: cluster.autoshiftStatus,
    activeShift: cluster.activeShift,
    shiftAwayFrom: cluster.shiftAwayFrom,
    shiftState: cluster.shiftState,
    survivability: defined({
      verdict: cluster.verdict,
      reason:
        cluster.verdictReason ||
        'The Kubernetes API of this cluster has not been read yet.',
      bindingZone: cluster.bindingZone,
    }),
    capacity: cluster.capacityTotals,
    health: health(cluster, now),
    resilienceScore: cluster.resilienceScore,
    firstSeenAt: cluster.firstSeenAt,
    lastSeenAt: cluster.lastSeenAt,
  });
}

function toSourceStatus(result: StoredRefreshResult): SourceRefreshStatus {
  return defined({
    source: result.source,
    lastAttemptAt: result.startedAt,
    ok: result.ok,
    lastSuccessAt: result.lastSuccessAt,
    errorMessage: result.ok ? undefined : result.errorMessage,
    durationMs: result.durationMs,
  });
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
  });
}

export function toShiftRecord(shift: StoredShift): FleetShiftRecord {
  const arn = shift.resourceIdentifier;
  // `arn:<partition>:eks:<region>:<account>:cluster/<name>`; shifts of other
  // resource types keep empty parts rather than failing the page.
  const [, , , region = '', accountId = '', rest = ''] = arn.split(':');
  return {
    ...toZonalShift(shift),
    cluster: {
      arn,
      accountId,
      region,
      name: rest.startsWith('cluster/') ? rest.slice('cluster/'.length) : rest,
    },
    lastSeenAt: shift.lastSeenAt,
  };
}

export interface ClusterDetailParts {
  cluster: StoredCluster;
  snapshot?: StoredSnapshot;
  nodePools: NodePoolRecord[];
  shifts: StoredShift[];
  arcResource?: ArcResourceRecord;
  autoshifts: AutoshiftRecord[];
  resilienceApps: ResilienceAppRecord[];
  refresh: StoredRefreshResult[];
}

export function toClusterDetail(
  parts: ClusterDetailParts,
  now: Date,
): FleetClusterDetail {
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
    summary: toClusterSummary(cluster, now),
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
    refresh: parts.refresh.map(toSourceStatus),
    problems: cluster.problems,
  });
}

export function toRefreshStatus(
  results: StoredRefreshResult[],
  counts: FreshnessCounts,
): RefreshStatusResponse {
  const runs = results
    .filter(r => r.source.startsWith('refresh:') && r.ok)
    .sort((a, b) => (a.finishedAt < b.finishedAt ? 1 : -1));
  const last = runs[0];
  return defined({
    sources: results.map(toSourceStatus),
    clusters: counts,
    lastRefresh: last
      ? {
          startedAt: last.startedAt,
          finishedAt: last.finishedAt,
          durationMs: last.durationMs,
        }
      : undefined,
  });
}
