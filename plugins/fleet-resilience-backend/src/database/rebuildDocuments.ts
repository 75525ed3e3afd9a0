/**
 * Rebuilds the stored API documents (`clusters.summary`, `clusters.detail`)
 * of the given clusters from what the store holds, inside the transaction
 * that changed it, so documents and data never disagree. A few batched reads
 * per chunk of clusters; a row is written only when its documents changed.
 *
 * The verdict columns (`verdict`, `verdict_rank`, `verdict_reason`,
 * `binding_zone`) are written here too, from the summary's N-1, and only
 * here: the list's `verdict` filter and sort then match what the summary
 * shows, the after-shift N-1 included while a shift applies.
 */
import {
  buildDetailDocument,
  buildSummaryDocument,
} from '../domain/clusterDocuments';
import { toJson, VERDICT_RANK, type ClusterRow } from './rows';
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

export async function rebuildDocuments(
  db: Db,
  arns: readonly string[],
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
    >;
    const current: Columns[] = await db('clusters')
      .whereIn('arn', present)
      .select(
        'arn',
        'summary',
        'detail',
        'verdict',
        'verdict_reason',
        'binding_zone',
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
    const stored = new Map(current.map(row => [row.arn, row]));
    for (const cluster of clusters) {
      const arn = cluster.ref.arn;
      const resilienceApps = apps.get(arn) ?? [];
      const summaryDocument = buildSummaryDocument(
        cluster,
        resilienceApps,
        snapshots.get(arn),
      );
      const summary = JSON.stringify(summaryDocument);
      const detail = JSON.stringify(
        buildDetailDocument({
          cluster,
          snapshot: snapshots.get(arn),
          nodePools: nodePools.get(arn) ?? [],
          shifts: shifts.get(arn) ?? [],
          arcResource: arcResources.get(arn),
          autoshifts:
            autoshifts.get(`${cluster.ref.accountId}/${cluster.ref.region}`) ??
            [],
          resilienceApps,
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
      };
      const previous = stored.get(arn);
      // The rank follows from the verdict.
      const changed =
        previous?.summary !== summary ||
        previous?.detail !== detail ||
        previous?.verdict !== row.verdict ||
        previous?.verdict_reason !== row.verdict_reason ||
        previous?.binding_zone !== row.binding_zone;
      if (changed) {
        await db('clusters').where('arn', arn).update(row);
      }
    }
  }
}
