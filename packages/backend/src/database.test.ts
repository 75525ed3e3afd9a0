import { TestDatabases } from '@backstage/backend-test-utils';

// Every database test in the repository runs once per engine listed here:
// SQLite always, PostgreSQL when `npm test` started one (or one is named by
// BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING).
const databases = TestDatabases.create();

describe('test databases', () => {
  it('include PostgreSQL when the test run provides one', () => {
    const configured = Object.keys(process.env).filter(k =>
      /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(k),
    );
    const expected = configured.map(k => `POSTGRES_${/\d+/.exec(k)![0]}`);
    expect(databases.eachSupportedId().flat()).toEqual(
      expect.arrayContaining(['SQLITE_3', ...expected]),
    );
    // CI sets FLEET_REQUIRE_POSTGRES: there a run without PostgreSQL fails.
    const required = process.env.FLEET_REQUIRE_POSTGRES === '1';
    expect(!required || expected.length > 0).toBe(true);
  });

  it.each(databases.eachSupportedId())(
    'round-trips JSON and timestamps on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.schema.createTable('probe', table => {
        table.string('id').primary();
        table.text('payload').notNullable();
        table.timestamp('at', { useTz: true }).notNullable();
      });
      const at = new Date('2026-11-22T10:00:00.000Z');
      await knex('probe').insert({ id: 'a', payload: '{"zones":3}', at });
      const row = await knex('probe').where({ id: 'a' }).first();
      expect(JSON.parse(row.payload)).toEqual({ zones: 3 });
      expect(new Date(row.at).toISOString()).toBe(at.toISOString());
    },
  );
});
