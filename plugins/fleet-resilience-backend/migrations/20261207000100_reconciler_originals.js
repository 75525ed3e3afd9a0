// @ts-check

/**
 * The reconciler's own copy of each NodePool's original zone requirements
 * while a zone is excluded (the annotations on the NodePool can be removed or
 * edited by anyone who can edit it), and what each cluster's last pass could
 * not see (`degraded`: e.g. a list its Kubernetes RBAC forbids).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('reconcile_nodepool_originals', table => {
    table.comment(
      'The original zone requirements of each narrowed NodePool, kept by the reconciler until they are restored',
    );
    table.string('cluster_arn', 400).notNullable();
    table.string('node_pool', 253).notNullable();
    table
      .text('original_zone_requirements')
      .notNullable()
      .comment(
        'As the annotation fleet-resilience.io/original-zone-requirements records them (JSON)',
      );
    table
      .text('away_zone_ids')
      .notNullable()
      .comment('JSON AZ ID[] the last patch excluded');
    table.string('recorded_at', 30).notNullable();
    table.string('updated_at', 30).notNullable();
    table.primary(['cluster_arn', 'node_pool']);
  });
  await knex.schema.alterTable('reconcile_status', table => {
    table
      .text('degraded')
      .nullable()
      .comment(
        'JSON string[]: what the last pass could not see or do, and why',
      );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('reconcile_status', table => {
    table.dropColumn('degraded');
  });
  await knex.schema.dropTable('reconcile_nodepool_originals');
};
