// @ts-check

/**
 * What the last read of each source stored and left out: a read that
 * succeeded but rejected rows reports "degraded" with the counts, and a few
 * of the problems, instead of "ok".
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
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('refresh_results', table => {
    table.dropColumn('rows_stored');
    table.dropColumn('rows_rejected');
    table.dropColumn('rows_cleaned');
    table.dropColumn('data_problems');
  });
};
