// @ts-check

/**
 * AZ readiness. What the refresh reads for it (each snapshot's assessed
 * workloads, ARC's practice-run configuration, practice-run outcomes), what
 * the documents' rebuild derives (the verdict columns and one row per check,
 * so the list filters and the fleet summary count in SQL), and the EKS
 * updates the portal starts and follows until they complete.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('capacity_snapshots', table => {
    table
      .text('workload_readiness')
      .nullable()
      .comment('JSON WorkloadReadiness; null on snapshots read without it');
  });
  await knex.schema.alterTable('arc_resources', table => {
    table
      .text('practice_run_configuration')
      .nullable()
      .comment(
        'JSON PracticeRunConfiguration (GetManagedResource); null: none read',
      );
  });
  await knex.schema.alterTable('shifts', table => {
    table
      .string('practice_run_outcome', 32)
      .nullable()
      .comment('ARC practiceRunOutcome of a PRACTICE_RUN; null otherwise');
  });
  // Until a cluster's documents are rebuilt its readiness is unknown; the
  // columns are never null so the sort needs no null ordering.
  await knex.schema.alterTable('clusters', table => {
    table.string('readiness', 16).notNullable().defaultTo('unknown');
    table
      .integer('readiness_rank')
      .notNullable()
      .defaultTo(2)
      .comment('not-ready 0, at-risk 1, unknown 2, ready 3: worst first');
    table.integer('readiness_score').notNullable().defaultTo(0);
    table
      .integer('workloads_at_risk')
      .notNullable()
      .defaultTo(0)
      .comment('Workloads flagged one-zone or zone-loss-below-budget');
    table.integer('single_replica_workloads').notNullable().defaultTo(0);
    table.index(['readiness'], 'clusters_readiness_idx');
    table.index(
      ['readiness_rank', 'readiness_score', 'arn'],
      'clusters_readiness_rank_idx',
    );
  });
  await knex.schema.createTable('cluster_readiness_checks', table => {
    table.comment(
      'The verdict of each readiness check of each cluster, rebuilt with its documents',
    );
    table.string('cluster_arn', 400).notNullable();
    table.string('check_id', 32).notNullable();
    table
      .string('verdict', 8)
      .notNullable()
      .comment('pass, warn, fail, unknown');
    table.primary(['cluster_arn', 'check_id']);
    table.index(
      ['check_id', 'verdict', 'cluster_arn'],
      'cluster_readiness_checks_check_idx',
    );
  });
  await knex.schema.createTable('readiness_updates', table => {
    table.comment(
      'EKS cluster updates the portal started (UpdateClusterConfig), followed with DescribeUpdate',
    );
    table.string('update_id', 64).primary().notNullable();
    table.string('cluster_arn', 400).notNullable();
    table.string('account_id', 12).notNullable();
    table.string('region', 32).notNullable();
    table.string('cluster_name', 100).notNullable();
    table
      .string('update_type', 64)
      .notNullable()
      .comment('EKS update type, e.g. ZonalShiftConfigUpdate');
    table
      .string('status', 16)
      .notNullable()
      .comment('EKS: InProgress, Successful, Failed, Cancelled');
    table.text('errors').nullable().comment('JSON string[] of a failed update');
    table.string('started_at', 30).notNullable();
    table.string('finished_at', 30).nullable();
    table
      .string('checked_at', 30)
      .nullable()
      .comment('When DescribeUpdate last answered for it');
    table.string('actor', 255).notNullable();
    table
      .string('audit_event_id', 64)
      .nullable()
      .comment('audit_events.id of the action that started it');
    table.index(['cluster_arn', 'started_at'], 'readiness_updates_cluster_idx');
    table.index(['status'], 'readiness_updates_status_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('readiness_updates');
  await knex.schema.dropTable('cluster_readiness_checks');
  await knex.schema.alterTable('clusters', table => {
    table.dropIndex(['readiness'], 'clusters_readiness_idx');
    table.dropIndex(
      ['readiness_rank', 'readiness_score', 'arn'],
      'clusters_readiness_rank_idx',
    );
    table.dropColumn('readiness');
    table.dropColumn('readiness_rank');
    table.dropColumn('readiness_score');
    table.dropColumn('workloads_at_risk');
    table.dropColumn('single_replica_workloads');
  });
  await knex.schema.alterTable('shifts', table => {
    table.dropColumn('practice_run_outcome');
  });
  await knex.schema.alterTable('arc_resources', table => {
    table.dropColumn('practice_run_configuration');
  });
  await knex.schema.alterTable('capacity_snapshots', table => {
    table.dropColumn('workload_readiness');
  });
};
