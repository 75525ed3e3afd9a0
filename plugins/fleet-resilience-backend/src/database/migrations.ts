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

/**
 * The plugin's database client, with the migrations in `migrations/` applied
 * (a no-op when they ran already) unless the database service skips them.
 */
export async function migrateDatabase(
  database: DatabaseService,
): Promise<Knex> {
  const client = await database.getClient();
  if (!database.migrations?.skip) {
    await client.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
  }
  return client;
}
