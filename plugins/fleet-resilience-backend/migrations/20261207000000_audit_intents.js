// @ts-check

/**
 * Two-step audit of shift actions: an intent row (outcome `pending`) is
 * inserted before ARC is called and later updated, once, to its outcome.
 * `resolved_at` says when that happened; the index finds the pending intents
 * the resolver checks against ARC after a crash. `idempotency_key`: the
 * Idempotency-Key whose claim the intent's request held (the key is settled
 * with the intent's outcome; until then no other request takes it over).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('audit_events', table => {
    table
      .string('resolved_at', 30)
      .nullable()
      .comment('When a pending intent got its outcome (null: never pending)');
    table
      .string('idempotency_key', 128)
      .nullable()
      .comment('The Idempotency-Key of the request, on an intent');
    table.index(['outcome', 'time'], 'audit_events_outcome_idx');
    table.index(['idempotency_key'], 'audit_events_key_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('audit_events', table => {
    table.dropIndex(['idempotency_key'], 'audit_events_key_idx');
    table.dropIndex(['outcome', 'time'], 'audit_events_outcome_idx');
    table.dropColumn('idempotency_key');
    table.dropColumn('resolved_at');
  });
};
