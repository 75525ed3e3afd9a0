/**
 * `cluster_tags`: each cluster's AWS tags, one row per key, the table the
 * HAS_TAG permission rule filters on and the permission resource is read
 * from, so the rule's SQL and its `apply` see the same tags. Written with
 * the inventory, in its transaction.
 */
import type { Knex } from 'knex';
import { isStorable, TEXT_LIMITS } from '../domain/storableText';
import { chunks } from './clusterReads';

interface ClusterTagRow {
  cluster_arn: string;
  tag_key: string;
  tag_value: string;
}

export async function deleteClusterTags(
  tx: Knex.Transaction,
  arns: readonly string[],
): Promise<void> {
  for (const chunk of chunks(arns)) {
    await tx('cluster_tags').whereIn('cluster_arn', chunk).delete();
  }
}

/**
 * Replaces the tags of each cluster given. A tag AWS could not have sent
 * (longer than AWS allows, or with NUL or an unpaired surrogate, which
 * PostgreSQL refuses) is left out rather than cleaned into another tag.
 */
export async function replaceClusterTags(
  tx: Knex.Transaction,
  clusters: ReadonlyArray<{
    arn: string;
    tags: Readonly<Record<string, string>>;
  }>,
): Promise<void> {
  await deleteClusterTags(
    tx,
    clusters.map(c => c.arn),
  );
  const rows: ClusterTagRow[] = clusters.flatMap(({ arn, tags }) =>
    Object.entries(tags)
      .filter(
        ([key, value]) =>
          isStorable(key, TEXT_LIMITS.tagKey) &&
          isStorable(value, TEXT_LIMITS.tagValue),
      )
      .map(([key, value]) => ({
        cluster_arn: arn,
        tag_key: key,
        tag_value: value,
      })),
  );
  for (const chunk of chunks(rows, 150)) {
    await tx('cluster_tags').insert(chunk);
  }
}

/** The tags of each cluster given, by ARN (clusters without tags are absent). */
export async function tagsOf(
  db: Knex | Knex.Transaction,
  arns: readonly string[],
): Promise<Map<string, Record<string, string>>> {
  const result = new Map<string, Record<string, string>>();
  for (const chunk of chunks(arns)) {
    const rows: ClusterTagRow[] = await db<ClusterTagRow>('cluster_tags')
      .whereIn('cluster_arn', chunk)
      .select('cluster_arn', 'tag_key', 'tag_value');
    for (const row of rows) {
      const tags = result.get(row.cluster_arn) ?? {};
      tags[row.tag_key] = row.tag_value;
      result.set(row.cluster_arn, tags);
    }
  }
  return result;
}
