// @ts-check

/**
 * Through what an audited action came: `portal`, `api` or `mcp`, as its
 * client declared it. Rows written before this column have none (null),
 * shown without a channel. The index serves `GET /audit?channel=`.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('audit_events', table => {
    table
      .string('channel', 16)
      .nullable()
      .comment('portal, api or mcp; null on rows recorded before it was');
    table.index(['channel', 'time'], 'audit_events_channel_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('audit_events', table => {
    table.dropIndex(['channel', 'time'], 'audit_events_channel_idx');
    table.dropColumn('channel');
  });
};
