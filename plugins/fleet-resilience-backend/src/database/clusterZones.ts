/**
 * The one writer of `cluster_zones`: a cluster's zones by origin, `subnet`
 * (its subnets, from the inventory) and `node` (its nodes, from a Kubernetes
 * read). Each function writes through the transaction it is given.
 */
import type { Zone } from '@fleet-resilience/plugin-fleet-resilience-common';
import { isStorable, TEXT_LIMITS } from '../domain/storableText';
import { chunks, type Db } from './clusterReads';
import { mergeZones, type ClusterZoneRow } from './rows';

/** Whether a zone's name and ID fit the `varchar(32)` zone columns as they are. */
export function isStorableZone(zone: Zone): boolean {
  return (
    typeof zone.id === 'string' &&
    typeof zone.name === 'string' &&
    zone.id !== '' &&
    isStorable(zone.id, TEXT_LIMITS.zone) &&
    isStorable(zone.name, TEXT_LIMITS.zone)
  );
}

/**
 * Replaces the zones of one origin of the given clusters (distinct by ID);
 * the other origin's rows stay.
 */
export async function replaceClusterZones(
  db: Db,
  origin: ClusterZoneRow['origin'],
  clusters: ReadonlyArray<{ arn: string; zones: readonly Zone[] }>,
): Promise<void> {
  for (const chunk of chunks(clusters.map(cluster => cluster.arn))) {
    await db('cluster_zones')
      .whereIn('cluster_arn', chunk)
      .andWhere('origin', origin)
      .delete();
  }
  // A zone that does not fit its columns (a node label from outside) is not
  // a zone: left out rather than failing the cluster's write.
  const rows: ClusterZoneRow[] = clusters.flatMap(cluster =>
    mergeZones(cluster.zones.filter(isStorableZone)).map(zone => ({
      cluster_arn: cluster.arn,
      origin,
      zone_id: zone.id,
      zone_name: zone.name,
    })),
  );
  for (const chunk of chunks(rows)) {
    await db('cluster_zones').insert(chunk);
  }
}

/** Removes every zone of the given clusters (removed from the inventory). */
export async function deleteClusterZones(
  db: Db,
  arns: readonly string[],
): Promise<void> {
  for (const chunk of chunks(arns)) {
    await db('cluster_zones').whereIn('cluster_arn', chunk).delete();
  }
}
