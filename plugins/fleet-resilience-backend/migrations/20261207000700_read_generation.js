// @ts-check

/**
 * `fleet_read_generation`: one row whose number changes whenever a table the
 * cluster list and detail answer from changes (`clusters`, `cluster_zones`,
 * `cluster_tags`, `cluster_readiness_checks`), in the transaction that
 * changed it. Every replica reads it before a list or detail and reuses what
 * it assembled only while the number is the same, so a write from any
 * replica (or any future writer) invalidates at once.
 *
 * Bumped by triggers, not by each writer, so no writer can forget it. On
 * PostgreSQL the triggers are deferred to commit and bump once per
 * transaction (a transaction-local flag): the row is locked only while a
 * transaction commits, after it holds every other lock it needs, so
 * concurrent writers (shards on several replicas) queue briefly but never
 * deadlock. SQLite has one writer at a time: a plain row trigger.
 */

const TABLES = [
  'clusters',
  'cluster_zones',
  'cluster_tags',
  'cluster_readiness_checks',
];

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('fleet_read_generation', table => {
    table.integer('id').primary().comment('always 1');
    table
      .bigInteger('generation')
      .notNullable()
      .comment('changes with every write to the tables lists are read from');
  });
  await knex('fleet_read_generation').insert({ id: 1, generation: 0 });
  if (knex.client.config.client === 'pg') {
    await knex.raw(`
      CREATE FUNCTION fleet_read_generation_bump() RETURNS trigger AS $$
      BEGIN
        IF coalesce(current_setting('fleet_resilience.read_generation_bumped', true), '') <> 'on' THEN
          UPDATE fleet_read_generation SET generation = generation + 1 WHERE id = 1;
          PERFORM set_config('fleet_resilience.read_generation_bumped', 'on', true);
        END IF;
        RETURN NULL;
      END;
      $$ LANGUAGE plpgsql`);
    for (const table of TABLES) {
      await knex.raw(`
        CREATE CONSTRAINT TRIGGER ${table}_read_generation
        AFTER INSERT OR UPDATE OR DELETE ON ${table}
        DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW EXECUTE PROCEDURE fleet_read_generation_bump()`);
      await knex.raw(`
        CREATE TRIGGER ${table}_read_generation_truncate
        AFTER TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE PROCEDURE fleet_read_generation_bump()`);
    }
    return;
  }
  for (const table of TABLES) {
    for (const operation of ['insert', 'update', 'delete']) {
      await knex.raw(`
        CREATE TRIGGER ${table}_read_generation_${operation}
        AFTER ${operation.toUpperCase()} ON ${table}
        BEGIN
          UPDATE fleet_read_generation SET generation = generation + 1 WHERE id = 1;
        END`);
    }
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (knex.client.config.client === 'pg') {
    for (const table of TABLES) {
      await knex.raw(`DROP TRIGGER ${table}_read_generation ON ${table}`);
      await knex.raw(
        `DROP TRIGGER ${table}_read_generation_truncate ON ${table}`,
      );
    }
    await knex.raw('DROP FUNCTION fleet_read_generation_bump()');
  } else {
    for (const table of TABLES) {
      for (const operation of ['insert', 'update', 'delete']) {
        await knex.raw(`DROP TRIGGER ${table}_read_generation_${operation}`);
      }
    }
  }
  await knex.schema.dropTable('fleet_read_generation');
};
