/**
 * Rebuilds the stored API documents (`clusters.summary`, `clusters.detail`)
 * of the given clusters from what the store holds, inside the transaction
 * that changed it, so documents and data never disagree. A few batched reads
 * per chunk of clusters; a row is written only when its documents changed.
 */
import {
  buildDetailDocument,
  buildSummaryDocument,
} from '../documents/clusterDocuments';
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
    const current: Array<{ arn: string; summary: string | null; detail: string | null }> =
      await db('clusters').whereIn('arn', present).select('arn', 'summary', 'detail');
    // One after the other: a transaction is one connection.
    const snapshots = await latestSnapshots(db, present);
    const nodePools = await nodePoolsOf(db, present);
    const shifts = await shiftsOf(db, present);
    const arcResources = await arcResourcesOf(db, present);
    const autoshifts = await autoshiftsOf(db, clusters.map(c => c.ref));
    const apps = await resilienceAppsOf(db, present);
    const stored = new Map(current.map(row => [row.arn, row]));
    for (const cluster of clusters) {
      const arn = cluster.ref.arn;
      const resilienceApps = apps.get(arn) ?? [];
      const summary = JSON.stringify(
        buildSummaryDocument(cluster, resilienceApps, snapshots.get(arn)),
      );
      const detail = JSON.stringify(
        buildDetailDocument({
          cluster,
          snapshot: snapshots.get(arn),
          nodePools: nodePools.get(arn) ?? [],
          shifts: shifts.get(arn) ?? [],
          arcResource: arcResources.get(arn),
          autoshifts:
            autoshifts.get(`${cluster.ref.accountId}/${cluster.ref.region}`) ?? [],
          resilienceApps,
        }),
      );
      const previous = stored.get(arn);
      if (previous?.summary !== summary || previous?.detail !== detail) {
        await db('clusters').where('arn', arn).update({ summary, detail });
      }
    }
  }
}
