/**
 * The fleet's readiness counted in SQL (`GET /readiness-summary`): over the
 * clusters of an access that match a filter, by verdict, per check and
 * verdict, and the flagged workloads summed. Two grouped queries, whatever
 * the fleet's size; writes nothing.
 */
import {
  READINESS_CHECK_IDS,
  READINESS_VERDICTS,
  type FleetReadinessSummary,
  type ReadinessCheckId,
  type ReadinessCheckVerdict,
  type ReadinessVerdict,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { ClusterFilter } from '../domain/records';
import type { ClusterAccess } from './clusterAccessSql';
import { filteredClusters, type Db } from './clusterReads';

const CHECK_VERDICTS: readonly ReadinessCheckVerdict[] = [
  'pass',
  'warn',
  'fail',
  'unknown',
];

function zeroes<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map(key => [key, 0])) as Record<K, number>;
}

/**
 * A cluster without a row for a check (its documents not rebuilt since the
 * readiness came) counts as `unknown` for it, so each check's counts add up
 * to `clusterCount`.
 */
export async function countReadiness(
  db: Db,
  filter: ClusterFilter,
  access: ClusterAccess,
): Promise<FleetReadinessSummary> {
  const byVerdictRows: Array<{
    readiness: string;
    count: number | string;
    at_risk: number | string | null;
    single_replica: number | string | null;
  }> = await filteredClusters(db, filter, access)
    .groupBy('c.readiness')
    .select('c.readiness as readiness')
    .count({ count: '*' })
    .sum({ at_risk: 'c.workloads_at_risk' })
    .sum({ single_replica: 'c.single_replica_workloads' });
  const byVerdict = zeroes<ReadinessVerdict>(READINESS_VERDICTS);
  let clusterCount = 0;
  let workloadsAtRisk = 0;
  let singleReplicaWorkloads = 0;
  for (const row of byVerdictRows) {
    const count = Number(row.count);
    clusterCount += count;
    workloadsAtRisk += Number(row.at_risk ?? 0);
    singleReplicaWorkloads += Number(row.single_replica ?? 0);
    if ((READINESS_VERDICTS as readonly string[]).includes(row.readiness)) {
      byVerdict[row.readiness as ReadinessVerdict] += count;
    } else {
      byVerdict.unknown += count;
    }
  }

  const checkRows: Array<{
    check_id: string;
    verdict: string;
    count: number | string;
  }> = await db('cluster_readiness_checks as k')
    .whereIn(
      'k.cluster_arn',
      filteredClusters(db, filter, access).select('c.arn'),
    )
    .groupBy('k.check_id', 'k.verdict')
    .select('k.check_id as check_id', 'k.verdict as verdict')
    .count({ count: '*' });
  const checks = Object.fromEntries(
    READINESS_CHECK_IDS.map(id => [id, zeroes(CHECK_VERDICTS)]),
  ) as FleetReadinessSummary['checks'];
  for (const row of checkRows) {
    const counts = checks[row.check_id as ReadinessCheckId];
    if (counts && row.verdict !== 'unknown' && row.verdict in counts) {
      counts[row.verdict as ReadinessCheckVerdict] += Number(row.count);
    }
  }
  for (const counts of Object.values(checks)) {
    counts.unknown = clusterCount - counts.pass - counts.warn - counts.fail;
  }
  return {
    clusterCount,
    byVerdict,
    checks,
    workloadsAtRisk,
    singleReplicaWorkloads,
  };
}
