/**
 * From stored records to API responses, for the routes not served from the
 * stored cluster documents. Pure.
 */
import {
  clusterEntityRef,
  type FleetShiftRecord,
  type Paging,
  type RefreshOutcome,
  type RefreshStatusResponse,
  type SourceRefreshStatus,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type {
  FreshnessCounts,
  PageRequest,
  StoredRefreshResult,
  StoredShift,
} from '../domain/records';

/** Failed; degraded when a successful read left rows out; else ok. */
function outcomeOf(result: StoredRefreshResult): RefreshOutcome {
  if (!result.ok) return 'failed';
  return result.rows && result.rows.rejected > 0 ? 'degraded' : 'ok';
}

function toSourceStatus(result: StoredRefreshResult): SourceRefreshStatus {
  return {
    source: result.source,
    lastAttemptAt: result.startedAt,
    ok: result.ok,
    ...(result.lastSuccessAt ? { lastSuccessAt: result.lastSuccessAt } : {}),
    ...(!result.ok && result.errorMessage
      ? { errorMessage: result.errorMessage }
      : {}),
    durationMs: result.durationMs,
    status: outcomeOf(result),
    ...(result.rows ? { rows: result.rows } : {}),
    ...(result.dataProblems?.length
      ? { dataProblems: result.dataProblems }
      : {}),
  };
}

/** The `paging` of a list answer: the page given, and the next one if any. */
export function pagingOf(page: PageRequest, totalCount: number): Paging {
  const { limit, offset } = page;
  return {
    limit,
    offset,
    ...(offset + limit < totalCount ? { nextOffset: offset + limit } : {}),
  };
}

export function toShiftRecord(shift: StoredShift): FleetShiftRecord {
  const arn = shift.resourceIdentifier;
  // `arn:<partition>:eks:<region>:<account>:cluster/<name>`; a shift of
  // another resource type keeps empty parts rather than failing the page.
  const [, , , region = '', accountId = '', rest = ''] = arn.split(':');
  const isCluster = rest.startsWith('cluster/');
  const name = isCluster ? rest.slice('cluster/'.length) : rest;
  return {
    zonalShiftId: shift.zonalShiftId,
    resourceIdentifier: arn,
    awayFrom: shift.awayFrom,
    status: shift.status,
    shiftType: shift.shiftType,
    startTime: shift.startTime,
    expiryTime: shift.expiryTime,
    comment: shift.comment,
    ...(shift.actor ? { actor: shift.actor } : {}),
    ...(shift.practiceRunOutcome
      ? { practiceRunOutcome: shift.practiceRunOutcome }
      : {}),
    cluster: { arn, accountId, region, name },
    // The catalog module names the cluster's entity by the same rule; the
    // console needs it to authorize and link a revert.
    ...(isCluster
      ? { entityRef: clusterEntityRef({ accountId, region, name }) }
      : {}),
    lastSeenAt: shift.lastSeenAt,
  };
}

export function toRefreshStatus(
  results: StoredRefreshResult[],
  counts: FreshnessCounts,
): RefreshStatusResponse {
  const [last] = results
    .filter(r => r.source.startsWith('refresh:') && r.ok)
    .sort((a, b) => (a.finishedAt < b.finishedAt ? 1 : -1));
  return {
    sources: results.map(toSourceStatus),
    clusters: counts,
    ...(last
      ? {
          lastRefresh: {
            startedAt: last.startedAt,
            finishedAt: last.finishedAt,
            durationMs: last.durationMs,
          },
        }
      : {}),
  };
}
