// @ts-check

/**
 * The Fleet Resilience store. Times are ISO 8601 UTC strings with
 * milliseconds (`Date.prototype.toISOString`), so that string order is time
 * order on every engine; JSON is stored as text.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('clusters', table => {
    table.comment(
      'EKS clusters of the fleet: inventory fields and the denormalised summary the list serves',
    );
    table.string('arn', 400).primary().notNullable();
    table.string('account_id', 12).notNullable();
    table.string('region', 32).notNullable();
    table.string('name', 100).notNullable();
    table
      .string('source_id', 100)
      .notNullable()
      .comment('The inventory source that reported the cluster');
    table.string('version', 32).nullable();
    table
      .string('version_sort', 32)
      .nullable()
      .comment('Version with zero-padded parts, for sorting');
    table.string('status', 32).nullable();
    table.text('endpoint').nullable();
    table.text('certificate_authority_data').nullable();
    table.text('tags').notNullable().comment('JSON object');
    table.string('owner', 255).nullable();
    table.string('system', 255).nullable();
    table.boolean('zonal_shift_enabled').nullable();
    table.string('platform_version', 64).nullable();
    table.string('eks_checked_at', 30).nullable();
    table.string('shift_state', 32).notNullable().defaultTo('unknown');
    table.text('active_shift').nullable().comment('JSON ZonalShift');
    table.text('shift_away_from').nullable().comment('JSON Zone');
    table.string('autoshift_status', 16).nullable();
    table.string('verdict', 16).notNullable().defaultTo('unknown');
    table.integer('verdict_rank').notNullable().defaultTo(1);
    table.text('verdict_reason').notNullable().defaultTo('');
    table.text('binding_zone').nullable().comment('JSON Zone');
    table
      .text('capacity_totals')
      .nullable()
      .comment('JSON FleetCapacityTotals');
    table.string('capacity_captured_at', 30).nullable();
    table.string('freshness', 8).notNullable().defaultTo('never');
    table.string('k8s_last_attempt_at', 30).nullable();
    table.string('k8s_last_success_at', 30).nullable();
    table.text('k8s_last_error').nullable();
    table.text('karpenter').nullable().comment('JSON FleetKarpenterInfo');
    table.text('k8s_problems').nullable().comment('JSON array, bounded');
    table.string('first_seen_at', 30).notNullable();
    table.string('last_seen_at', 30).notNullable();
    table.integer('k8s_duration_ms').nullable();
    table
      .text('summary')
      .nullable()
      .comment(
        'JSON FleetClusterSummary without health, rebuilt on every change',
      );
    table
      .text('detail')
      .nullable()
      .comment(
        'JSON FleetClusterDetail without summary and refresh, rebuilt on every change',
      );
    table.index(['account_id', 'region'], 'clusters_account_region_idx');
    table.index(['name', 'arn'], 'clusters_name_idx');
    table.index(['source_id'], 'clusters_source_idx');
  });

  await knex.schema.createTable('cluster_zones', table => {
    table.comment(
      'AZs of a cluster, from its subnets and from the labels of its nodes',
    );
    table.string('cluster_arn', 400).notNullable();
    table.string('origin', 8).notNullable().comment('subnet or node');
    table.string('zone_id', 32).notNullable();
    table.string('zone_name', 32).notNullable();
    table.primary(['cluster_arn', 'origin', 'zone_id']);
    table.index(['zone_id'], 'cluster_zones_zone_id_idx');
    table.index(['zone_name'], 'cluster_zones_zone_name_idx');
  });

  await knex.schema.createTable('account_zones', table => {
    table.comment(
      'AZ name <-> AZ ID per account (names are mapped per account)',
    );
    table.string('account_id', 12).notNullable();
    table.string('region', 32).notNullable();
    table.string('zone_name', 32).notNullable();
    table.string('zone_id', 32).notNullable();
    table.string('updated_at', 30).notNullable();
    table.primary(['account_id', 'zone_name']);
  });

  await knex.schema.createTable('capacity_snapshots', table => {
    table.comment(
      'Per-AZ capacity and the N-1 assessment of a cluster at a time; a short history per cluster',
    );
    table.increments('id').primary();
    table.string('cluster_arn', 400).notNullable();
    table.string('captured_at', 30).notNullable();
    table.text('capacity').notNullable().comment('JSON ClusterCapacity');
    table
      .text('assessment')
      .notNullable()
      .comment('JSON SurvivabilityAssessment');
    table.index(['cluster_arn', 'id'], 'capacity_snapshots_cluster_idx');
  });

  await knex.schema.createTable('node_pools', table => {
    table.comment('Karpenter NodePools and their zone settings, as last read');
    table.string('cluster_arn', 400).notNullable();
    table.string('name', 253).notNullable();
    table.string('resource_version', 64).notNullable();
    table
      .text('zone_requirements')
      .notNullable()
      .comment('JSON NodePoolRequirement[]');
    table.text('allowed_zones').notNullable().comment('JSON Zone[]');
    table.boolean('unrestricted').notNullable();
    table.integer('weight').nullable();
    table.text('zone_annotations').notNullable().comment('JSON object');
    table.string('updated_at', 30).notNullable();
    table.primary(['cluster_arn', 'name']);
  });

  await knex.schema.createTable('shifts', table => {
    table.comment(
      'ARC zonal shifts, upserted by zonalShiftId; kept after ARC forgets them',
    );
    table.string('zonal_shift_id', 64).primary().notNullable();
    table.string('cluster_arn', 400).notNullable();
    table.string('account_id', 12).notNullable();
    table.string('region', 32).notNullable();
    table.string('away_from', 32).notNullable();
    table.string('status', 16).notNullable();
    table.string('shift_type', 32).notNullable();
    table.string('start_time', 30).notNullable();
    table.string('expiry_time', 30).notNullable();
    table.text('comment').notNullable();
    table.string('actor', 255).nullable();
    table.string('first_seen_at', 30).notNullable();
    table.string('last_seen_at', 30).notNullable();
    table.index(['start_time'], 'shifts_start_time_idx');
    table.index(['cluster_arn', 'start_time'], 'shifts_cluster_idx');
    table.index(['account_id', 'region', 'status'], 'shifts_region_status_idx');
  });

  await knex.schema.createTable('audit_events', table => {
    table.comment(
      'Audit records of the actions taken through the portal: append-only',
    );
    table.string('id', 64).primary().notNullable();
    table.string('time', 30).notNullable();
    table.string('actor', 255).notNullable();
    table.string('action', 32).notNullable();
    table.string('cluster_arn', 400).notNullable();
    table.string('account_id', 12).notNullable();
    table.string('region', 32).notNullable();
    table.string('cluster_name', 100).notNullable();
    table.text('inputs').notNullable().comment('JSON object');
    table.string('outcome', 16).notNullable();
    table.text('error_message').nullable();
    table.index(['time'], 'audit_events_time_idx');
    table.index(['cluster_arn', 'time'], 'audit_events_cluster_idx');
  });

  await knex.schema.createTable('arc_resources', table => {
    table.comment(
      'ARC managed resources (ListManagedResources): autoshift, practice run, applied weights',
    );
    table.string('arn', 400).primary().notNullable();
    table.string('account_id', 12).notNullable();
    table.string('region', 32).notNullable();
    table.text('availability_zones').notNullable().comment('JSON AZ ID[]');
    table.text('applied_weights').notNullable().comment('JSON AZ ID -> weight');
    table.string('zonal_autoshift_status', 16).nullable();
    table.string('practice_run_status', 16).nullable();
    table.string('applied_away_from', 32).nullable();
    table.string('updated_at', 30).notNullable();
    table.index(['account_id', 'region'], 'arc_resources_region_idx');
  });

  await knex.schema.createTable('autoshifts', table => {
    table.comment(
      'ARC autoshifts (ListAutoshifts): per account, region and AZ',
    );
    table.string('account_id', 12).notNullable();
    table.string('region', 32).notNullable();
    table.string('away_from', 32).notNullable();
    table.string('start_time', 30).notNullable();
    table.string('end_time', 30).nullable();
    table.string('status', 16).notNullable();
    table.primary(['account_id', 'region', 'away_from', 'start_time']);
  });

  await knex.schema.createTable('resilience_apps', table => {
    table.comment('Resilience Hub applications that contain EKS clusters');
    table.string('app_arn', 400).primary().notNullable();
    table.string('account_id', 12).notNullable();
    table.string('region', 32).notNullable();
    table.string('name', 255).notNullable();
    table.double('resiliency_score').nullable();
    table.string('compliance_status', 32).nullable();
    table.text('az_compliance').nullable().comment('JSON');
    table.string('assessed_at', 30).nullable();
    table.string('updated_at', 30).notNullable();
    table.index(['account_id', 'region'], 'resilience_apps_region_idx');
  });

  await knex.schema.createTable('resilience_app_clusters', table => {
    table.string('app_arn', 400).notNullable();
    table.string('cluster_arn', 400).notNullable();
    table.primary(['app_arn', 'cluster_arn']);
    table.index(['cluster_arn'], 'resilience_app_clusters_cluster_idx');
  });

  await knex.schema.createTable('refresh_results', table => {
    table.comment(
      'The last refresh result per source, fleet-wide (cluster_arn empty) or per cluster',
    );
    table.string('source', 200).notNullable();
    table.string('cluster_arn', 400).notNullable().defaultTo('');
    table.string('started_at', 30).notNullable();
    table.string('finished_at', 30).notNullable();
    table.boolean('ok').notNullable();
    table.string('last_success_at', 30).nullable();
    table.text('error_message').nullable();
    table.integer('duration_ms').notNullable();
    table.primary(['source', 'cluster_arn']);
    table.index(['cluster_arn'], 'refresh_results_cluster_idx');
  });

  // Sort by code point on PostgreSQL too, as SQLite does: a locale collation
  // ignores `-` and `_`, and pages would differ between engines.
  if (knex.client.config.client === 'pg') {
    for (const [table, column, type] of [
      ['clusters', 'arn', 'varchar(400)'],
      ['clusters', 'name', 'varchar(100)'],
      ['clusters', 'version_sort', 'varchar(32)'],
      ['clusters', 'shift_state', 'varchar(32)'],
      ['clusters', 'account_id', 'varchar(12)'],
      ['clusters', 'region', 'varchar(32)'],
      ['shifts', 'zonal_shift_id', 'varchar(64)'],
      ['node_pools', 'name', 'varchar(253)'],
      ['resilience_apps', 'name', 'varchar(255)'],
      ['account_zones', 'zone_name', 'varchar(32)'],
      ['refresh_results', 'source', 'varchar(200)'],
      ['audit_events', 'id', 'varchar(64)'],
    ]) {
      await knex.raw(
        `ALTER TABLE ?? ALTER COLUMN ?? TYPE ${type} COLLATE "C"`,
        [table, column],
      );
    }
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  for (const table of [
    'refresh_results',
    'resilience_app_clusters',
    'resilience_apps',
    'autoshifts',
    'arc_resources',
    'audit_events',
    'shifts',
    'node_pools',
    'capacity_snapshots',
    'account_zones',
    'cluster_zones',
    'clusters',
  ]) {
    await knex.schema.dropTable(table);
  }
};
