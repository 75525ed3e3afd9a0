// @ts-check

/**
 * Shift actions: the idempotency keys of mutating requests. A key's row is
 * inserted before ARC is called (the primary key makes one request win), then
 * completed with the answer that retries replay. Rows are pruned after a day.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('action_idempotency', table => {
    table.comment(
      'Idempotency-Key of mutating requests: claim, then the first answer for replays',
    );
    table.string('key', 128).primary().notNullable();
    table.string('actor', 255).notNullable();
    table.string('operation', 32).notNullable();
    table
      .string('request_hash', 64)
      .notNullable()
      .comment('SHA-256 of route, target and body');
    table
      .string('claim_token', 64)
      .notNullable()
      .comment('Which request holds the claim');
    table.string('state', 8).notNullable().comment('pending or done');
    table.integer('status_code').nullable();
    table
      .text('response_body')
      .nullable()
      .comment('JSON answer of the first call');
    table.string('created_at', 30).notNullable();
    table.string('updated_at', 30).notNullable();
    table.index(['created_at'], 'action_idempotency_created_idx');
  });
  await knex.schema.alterTable('audit_events', table => {
    table.index(['action', 'time'], 'audit_events_action_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('audit_events', table => {
    table.dropIndex(['action', 'time'], 'audit_events_action_idx');
  });
  await knex.schema.dropTable('action_idempotency');
};
