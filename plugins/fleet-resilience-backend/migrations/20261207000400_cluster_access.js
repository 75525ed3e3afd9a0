// @ts-check

/**
 * What the cluster permission rules filter on, in columns SQL can use on
 * both engines: the owner as a lower-case entity ref (`owner_ref`, for
 * IS_CLUSTER_OWNER) and one row per AWS tag (`cluster_tags`, for HAS_TAG).
 * Existing rows are filled from `owner` and the `tags` JSON; the inventory
 * writes both from then on.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('clusters', table => {
    table
      .string('owner_ref', 255)
      .nullable()
      .comment(
        'Owner tag as a lower-case group or user entity ref; null when it names neither',
      );
    table.index(['owner_ref'], 'clusters_owner_ref_idx');
    table.index(['account_id'], 'clusters_account_id_idx');
  });
  await knex.schema.createTable('cluster_tags', table => {
    table.comment('AWS tags of each cluster, one row per key');
    table.string('cluster_arn', 400).notNullable();
    table.string('tag_key', 128).notNullable();
    table.string('tag_value', 256).notNullable();
    table.primary(['cluster_arn', 'tag_key']);
    table.index(
      ['tag_key', 'tag_value', 'cluster_arn'],
      'cluster_tags_key_value_idx',
    );
  });

  /** @type {Array<{arn: string, owner: string | null, tags: string}>} */
  const rows = await knex('clusters').select('arn', 'owner', 'tags');
  for (const row of rows) {
    await knex('clusters')
      .where('arn', row.arn)
      .update({ owner_ref: ownerRef(row.owner) });
    const tags = tagRows(row.arn, row.tags);
    for (let i = 0; i < tags.length; i += 100) {
      await knex('cluster_tags').insert(tags.slice(i, i + 100));
    }
  }
};

/**
 * The owner tag as the backend reads it at the time of this migration: a
 * full ref, or a bare name taken as a group in the default namespace.
 *
 * @param {string | null} owner
 * @returns {string | null}
 */
function ownerRef(owner) {
  const match =
    /^(?:([A-Za-z]+):)?(?:([A-Za-z0-9._-]+)\/)?([A-Za-z0-9._-]{1,63})$/.exec(
      (owner ?? '').trim(),
    );
  if (!match) return null;
  const kind = (match[1] ?? 'group').toLowerCase();
  if (kind !== 'group' && kind !== 'user') return null;
  return `${kind}:${match[2] ?? 'default'}/${match[3]}`.toLowerCase();
}

/**
 * @param {string} arn
 * @param {string} json
 */
function tagRows(arn, json) {
  /** @type {unknown} */
  let tags;
  try {
    tags = JSON.parse(json);
  } catch {
    return [];
  }
  if (!tags || typeof tags !== 'object' || Array.isArray(tags)) return [];
  return Object.entries(tags)
    .filter(
      ([key, value]) =>
        typeof value === 'string' && key.length <= 128 && value.length <= 256,
    )
    .map(([key, value]) => ({
      cluster_arn: arn,
      tag_key: key,
      tag_value: value,
    }));
}

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('cluster_tags');
  await knex.schema.alterTable('clusters', table => {
    table.dropIndex(['owner_ref'], 'clusters_owner_ref_idx');
    table.dropIndex(['account_id'], 'clusters_account_id_idx');
    table.dropColumn('owner_ref');
  });
};
