/**
 * Rebuilds the stored API documents (`clusters.summary`, `clusters.detail`)
 * of the given clusters from what the store holds, inside the transaction
 * that changed it, so documents and data never disagree. A few batched reads
 * per chunk of clusters; a row is written only when its documents changed.
 *
 * The verdict columns (`verdict`, `verdict_rank`, `verdict_reason`,
 * `binding_zone`) are written here too, from the summary's N-1, and only
 * here: the list's `verdict` filter and sort then match what the summary
 * shows, the after-shift N-1 included while a shift applies. So are the AZ
 * readiness columns (`readiness`, `readiness_rank`, `readiness_score`,
 * `workloads_at_risk`, `single_replica_workloads`) and the check rows
 * (`cluster_readiness_checks`, through `readinessChecks.ts`), from the
 * readiness the detail shows: the list's `readiness` and `check` filters and
 * the fleet summary's counts agree with the documents.
 *
 * Whoever changes what readiness is derived from (the EKS zonal shift
 * setting, ARC's resource or practice runs, a followed EKS update) calls this
 * in the same transaction.
 */
import {
  buildDetailDocument,
  buildSummaryDocument,
} from '../domain/clusterDocuments';
import { clusterReadinessOf } from '../domain/clusterReadiness';
import {
  pendingReadinessUpdates,
  readinessChecksOf,
  replaceReadinessChecks,
  sameChecks,
  type ClusterChecks,
} from './readinessChecks';
import { READINESS_RANK, toJson, VERDICT_RANK, type ClusterRow } from './rows';
import {
  arcResourcesOf,
  autoshiftsOf,
  chunks,
  latestSnapshots,
  nodePoolsOf,
  resilienceAppsOf,
  selectClusters,
  shiftsOf,
  type Db,
} from './clusterReads';

/**
 * @param now - what a failed EKS update's age is counted from (it is shown
 *   for a day)
 */
export async function rebuildDocuments(
  db: Db,
  arns: readonly string[],
  now: Date = new Date(),
): Promise<void> {
  for (const chunk of chunks([...new Set(arns)], 100)) {
    const clusters = await selectClusters(
      db,
      db('clusters as c').whereIn('c.arn', chunk),
    );
    if (clusters.length === 0) {
      continue;
    }
    const present = clusters.map(c => c.ref.arn);
    type Columns = Pick<
      ClusterRow,
      | 'arn'
      | 'summary'
      | 'detail'
      | 'verdict'
      | 'verdict_reason'
      | 'binding_zone'
    > & { readiness: string; single_replica_workloads: number | string };
    const current: Columns[] = await db('clusters')
      .whereIn('arn', present)
      .select(
        'arn',
        'summary',
        'detail',
        'verdict',
        'verdict_reason',
        'binding_zone',
        'readiness',
        'single_replica_workloads',
      );
    // One after the other: a transaction is one connection.
    const snapshots = await latestSnapshots(db, present);
    const nodePools = await nodePoolsOf(db, present);
    const shifts = await shiftsOf(db, present);
    const arcResources = await arcResourcesOf(db, present);
    const autoshifts = await autoshiftsOf(
      db,
      clusters.map(c => c.ref),
    );
    const apps = await resilienceAppsOf(db, present);
    const pendingUpdates = await pendingReadinessUpdates(db, present, now);
    const storedChecks = await readinessChecksOf(db, present);
    const stored = new Map(current.map(row => [row.arn, row]));
    const changedChecks: ClusterChecks[] = [];
    for (const cluster of clusters) {
      const arn = cluster.ref.arn;
      const resilienceApps = apps.get(arn) ?? [];
      const clusterShifts = shifts.get(arn) ?? [];
      const readiness = clusterReadinessOf({
        cluster,
        arcResource: arcResources.get(arn),
        shifts: clusterShifts,
        snapshot: snapshots.get(arn),
        pendingUpdate: pendingUpdates.get(arn),
      });
      const summaryDocument = buildSummaryDocument(
        cluster,
        resilienceApps,
        snapshots.get(arn),
        readiness,
      );
      const summary = JSON.stringify(summaryDocument);
      const detail = JSON.stringify(
        buildDetailDocument({
          cluster,
          snapshot: snapshots.get(arn),
          nodePools: nodePools.get(arn) ?? [],
          shifts: clusterShifts,
          arcResource: arcResources.get(arn),
          autoshifts:
            autoshifts.get(`${cluster.ref.accountId}/${cluster.ref.region}`) ??
            [],
          resilienceApps,
          readiness,
        }),
      );
      const { verdict, reason, bindingZone } = summaryDocument.survivability;
      const row = {
        summary,
        detail,
        verdict,
        verdict_rank: VERDICT_RANK[verdict],
        verdict_reason: reason,
        binding_zone: bindingZone ? toJson(bindingZone) : null,
        readiness: readiness.verdict,
        readiness_rank: READINESS_RANK[readiness.verdict],
        readiness_score: readiness.score,
        workloads_at_risk: readiness.workloads?.atRiskCount ?? 0,
        single_replica_workloads: readiness.workloads?.singleReplicaCount ?? 0,
      };
      const previous = stored.get(arn);
      // The ranks follow from the verdicts; the readiness score and the
      // workloads at risk are in the summary, the single-replica count in
      // the detail: these columns change only with the documents.
      const changed =
        previous?.summary !== summary ||
        previous?.detail !== detail ||
        previous?.verdict !== row.verdict ||
        previous?.verdict_reason !== row.verdict_reason ||
        previous?.binding_zone !== row.binding_zone ||
        previous?.readiness !== row.readiness ||
        Number(previous?.single_replica_workloads) !==
          row.single_replica_workloads;
      if (changed) {
        await db('clusters').where('arn', arn).update(row);
      }
      if (!sameChecks(storedChecks.get(arn), readiness.checks)) {
        changedChecks.push({ arn, checks: readiness.checks });
      }
    }
    await replaceReadinessChecks(db, changedChecks);
  }
}
