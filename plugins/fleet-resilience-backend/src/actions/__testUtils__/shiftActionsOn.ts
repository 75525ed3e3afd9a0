/**
 * ShiftActions on a migrated test database with the real stores, a fixed
 * cluster list for single actions, and everything else mocked (allowing
 * everything) unless given.
 */
import type {
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { Knex } from 'knex';
import { ActionReads } from '../../database/ActionReads';
import { AuditStore } from '../../database/AuditStore';
import { ALL_CLUSTERS } from '../../database/clusterAccessSql';
import { IdempotencyStore } from '../../database/IdempotencyStore';
import { migrateDatabase } from '../../database/migrations';
import { recordActionIntent } from '../../database/recordActionIntent';
import { recordActionOutcome } from '../../database/recordActionOutcome';
import type { StoredCluster } from '../../domain/records';
import { FleetPublisher } from '../../events/FleetPublisher';
import { ShiftActions, type ShiftActionsOptions } from '../ShiftActions';

/** A migrated database of `databases`. */
export async function migratedDatabase(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
): Promise<Knex> {
  const client = await databases.init(databaseId);
  return migrateDatabase({ getClient: async () => client });
}

export function shiftActionsOn(
  db: Knex,
  clusters: StoredCluster[],
  options: Pick<ShiftActionsOptions, 'arc'> & Partial<ShiftActionsOptions>,
): ShiftActions {
  return new ShiftActions({
    clusters: {
      getCluster: async arn => clusters.find(c => c.ref.arn === arn),
    },
    reads: new ActionReads(db),
    audit: new AuditStore(db),
    idempotency: new IdempotencyStore(db),
    recordIntent: (intent, now) => recordActionIntent(db, intent, now),
    recordOutcome: (outcome, now) => recordActionOutcome(db, outcome, now),
    permissions: mockServices.permissions({ result: AuthorizeResult.ALLOW }),
    clusterAuthorizer: { access: async () => ALL_CLUSTERS },
    publisher: new FleetPublisher({ logger: mockServices.logger.mock() }),
    logger: mockServices.logger.mock(),
    ...options,
  });
}
