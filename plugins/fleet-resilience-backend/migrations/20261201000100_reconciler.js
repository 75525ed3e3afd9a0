// @ts-check

/**
 * The reconciler's state. The durable truth of what it changed is on the
 * NodePools (annotations); these tables hold where each cluster stands, for
 * the API and for the replica that reconciles next, and the requests to
 * reconcile a cluster at once (kicks) that any replica may write.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('reconcile_status', table => {
    table.comment(
      'Where the reconciliation of each cluster stands (last pass)',
    );
    table.string('cluster_arn', 400).primary().notNullable();
    table.string('account_id', 12).notNullable();
    table.string('region', 32).notNullable();
    table.string('name', 100).notNullable();
    table.string('mode', 16).notNullable();
    table.text('mode_reason').nullable();
    table
      .text('away_zone_ids')
      .notNullable()
      .comment('JSON AZ ID[] the last pass reconciled to');
    table.string('state', 16).notNullable();
    table
      .text('node_pools')
      .notNullable()
      .comment('JSON NodePoolReconcileResult[]');
    table
      .text('marked_nodes')
      .notNullable()
      .comment('JSON node name[] marked do-not-disrupt by the reconciler');
    table.string('last_attempt_at', 30).nullable();
    table.string('last_success_at', 30).nullable();
    table.text('last_error').nullable();
    table
      .integer('failures')
      .notNullable()
      .defaultTo(0)
      .comment('Passes in a row that did not converge');
    table
      .string('replica_id', 100)
      .nullable()
      .comment('The backend instance that made the last pass');
    table.string('updated_at', 30).notNullable();
    table.index(['state'], 'reconcile_status_state_idx');
  });

  await knex.schema.createTable('reconcile_kicks', table => {
    table.comment(
      'Requests to reconcile a cluster at once (after the portal changed its shift)',
    );
    table.string('cluster_arn', 400).primary().notNullable();
    table.string('kick_id', 64).notNullable();
    table.string('requested_at', 30).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('reconcile_kicks');
  await knex.schema.dropTable('reconcile_status');
};
