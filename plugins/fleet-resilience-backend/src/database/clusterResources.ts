/**
 * Clusters as permission resources (`getResources` of the cluster resource
 * type): the columns the rules decide on, read from the same columns and
 * table the rules' SQL filters, so `apply` and the SQL agree.
 */
import type { Knex } from 'knex';
import type { FleetClusterResource } from '@fleet-resilience/plugin-fleet-resilience-node';
import { chunks } from './clusterReads';
import { tagsOf } from './clusterTags';

interface ResourceRow {
  arn: string;
  account_id: string;
  region: string;
  owner_ref: string | null;
}

/** The resources of the given ARNs, in their order; undefined for an unknown ARN. */
export async function loadClusterResources(
  db: Knex,
  arns: readonly string[],
): Promise<Array<FleetClusterResource | undefined>> {
  const rows = new Map<string, ResourceRow>();
  for (const chunk of chunks([...new Set(arns)])) {
    const found: ResourceRow[] = await db('clusters')
      .whereIn('arn', chunk)
      .select('arn', 'account_id', 'region', 'owner_ref');
    for (const row of found) {
      rows.set(row.arn, row);
    }
  }
  const tags = await tagsOf(db, [...rows.keys()]);
  return arns.map(arn => {
    const row = rows.get(arn);
    if (!row) {
      return undefined;
    }
    return {
      arn: row.arn,
      accountId: row.account_id,
      region: row.region,
      ...(row.owner_ref ? { ownerRef: row.owner_ref } : {}),
      tags: tags.get(row.arn) ?? {},
    };
  });
}
