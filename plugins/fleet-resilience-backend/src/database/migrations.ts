/**
 * The plugin's one migration run. plugin.ts calls it once at start-up and
 * builds every store from the client it returns; no store runs migrations.
 */
import {
  resolvePackagePath,
  type DatabaseService,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

const MIGRATIONS_DIRECTORY = resolvePackagePath(
  '@fleet-resilience/plugin-fleet-resilience-backend',
  'migrations',
);

/** How long a replica waits for another replica's migration run by default. */
export const MIGRATION_LOCK_WAIT_MS = 120_000;

/** knex's error when another client holds the migration lock. */
function isMigrationLocked(error: unknown): boolean {
  return (error as Error | undefined)?.name === 'MigrationLocked';
}

/**
 * The plugin's database client, with the migrations in `migrations/` applied
 * (a no-op when they ran already) unless the database service skips them.
 *
 * Replicas that start together race for knex's migration lock, and knex
 * answers the losers at once with `MigrationLocked` instead of waiting: they
 * retry (backing off up to 2 s) until the winner is done, then find nothing
 * left to run. A lock still held after `lockWaitMs` is most likely left by a
 * run that crashed; the error says where to look.
 */
export async function migrateDatabase(
  database: DatabaseService,
  options: { lockWaitMs?: number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<Knex> {
  const client = await database.getClient();
  if (database.migrations?.skip) return client;
  const lockWaitMs = options.lockWaitMs ?? MIGRATION_LOCK_WAIT_MS;
  const sleep =
    options.sleep ?? (ms => new Promise<void>(done => setTimeout(done, ms)));
  const deadline = Date.now() + lockWaitMs;
  for (let attempt = 0; ; attempt++) {
    try {
      await client.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      return client;
    } catch (error) {
      if (!isMigrationLocked(error) || Date.now() >= deadline) {
        if (isMigrationLocked(error)) {
          throw new Error(
            `The fleet-resilience migrations stayed locked for ${Math.round(
              lockWaitMs / 1000,
            )} s: another replica is migrating, or a run crashed and left knex_migrations_lock.is_locked = 1 in the plugin's database`,
          );
        }
        throw error;
      }
      await sleep(Math.min(2000, 100 * 2 ** attempt));
    }
  }
}
