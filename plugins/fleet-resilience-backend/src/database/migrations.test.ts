import { TestDatabases } from '@backstage/backend-test-utils';
import type { DatabaseService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { migrateDatabase } from './migrations';

jest.setTimeout(60_000);

const databases = TestDatabases.create();

const serviceOf = (knex: Knex): DatabaseService => ({
  getClient: async () => knex,
});

/** Holds knex's migration lock as another replica's run would. */
async function holdLock(knex: Knex, locked: boolean) {
  await knex('knex_migrations_lock').update({ is_locked: locked ? 1 : 0 });
}

describe('migrateDatabase', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('waits while another replica holds the migration lock, then finds the schema migrated', async () => {
      const knex = await databases.init(databaseId);
      await migrateDatabase(serviceOf(knex));
      await holdLock(knex, true);
      const waits: number[] = [];
      const migrated = migrateDatabase(serviceOf(knex), {
        sleep: async ms => {
          waits.push(ms);
          // The other replica finishes after the third try.
          if (waits.length === 3) await holdLock(knex, false);
        },
      });

      await expect(migrated).resolves.toBe(knex);
      expect(waits).toEqual([100, 200, 400]);
      expect(
        await knex('knex_migrations_lock').first('is_locked'),
      ).toMatchObject({ is_locked: 0 });
    });

    it('gives up with a message naming the lock when it stays held', async () => {
      const knex = await databases.init(databaseId);
      await migrateDatabase(serviceOf(knex));
      await holdLock(knex, true);

      await expect(
        migrateDatabase(serviceOf(knex), {
          lockWaitMs: 50,
          sleep: ms => new Promise(done => setTimeout(done, ms)),
        }),
      ).rejects.toThrow(
        /stayed locked for 0 s.*knex_migrations_lock\.is_locked = 1/,
      );
    });
  });

  it('does not retry other migration errors', async () => {
    const sleep = jest.fn(async () => {});
    const failing: DatabaseService = {
      getClient: async () =>
        ({
          migrate: {
            latest: async () => {
              throw new Error('syntax error at or near "TABLE"');
            },
          },
        } as unknown as Knex),
    };
    await expect(migrateDatabase(failing, { sleep })).rejects.toThrow(
      'syntax error',
    );
    expect(sleep).not.toHaveBeenCalled();
  });
});
