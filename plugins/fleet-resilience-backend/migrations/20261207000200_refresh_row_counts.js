// @ts-check

/**
 * What the last read of each source stored and left out: a read that
 * succeeded but rejected rows reports "degraded" with the counts, and a few
 * of the problems, instead of "ok"; and each cluster's own such problems.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('refresh_results', table => {
    table
      .integer('rows_stored')
      .nullable()
      .comment('Rows the last attempt stored; null when not counted');
    table
      .integer('rows_rejected')
      .nullable()
      .comment('Rows the last attempt left out as data problems');
    table
      .integer('rows_cleaned')
      .nullable()
      .comment('Rows stored with unstorable characters replaced');
    table
      .text('data_problems')
      .nullable()
      .comment('JSON array of a few problem messages, bounded');
  });
  // A cluster's own data problems from the AWS reads, shown with its
  // Kubernetes problems: one column per writer (see database/README.md).
  await knex.schema.alterTable('clusters', table => {
    table
      .text('inventory_problems')
      .nullable()
      .comment(
        'JSON array, bounded: what the inventory read left out or cleaned',
      );
    table
      .text('arc_problems')
      .nullable()
      .comment(
        'JSON array, bounded: ARC rows of this cluster left out or cleaned',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('clusters', table => {
    table.dropColumn('inventory_problems');
    table.dropColumn('arc_problems');
  });
  await knex.schema.alterTable('refresh_results', table => {
    table.dropColumn('rows_stored');
    table.dropColumn('rows_rejected');
    table.dropColumn('rows_cleaned');
    table.dropColumn('data_problems');
  });
};
