import { TestDatabases } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { loadClusterResources } from './clusterResources';
import {
  ACCOUNT_B,
  inventory,
  openStores,
  ref,
  T0,
  T1,
} from './__testUtils__/storeFixtures';

jest.setTimeout(60_000);

const databases = TestDatabases.create();

describe('cluster permission resources', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('are written with the inventory: owner as a lower-case ref, tags one row each', async () => {
      const { stores, knex } = await openStores(databases, databaseId);
      const payments = ref('payments', ACCOUNT_B, 'eu-west-1');
      const bare = ref('bare');
      const odd = ref('odd');
      await stores.inventory.applyInventory(
        'aws-config',
        [
          inventory(payments, {
            owner: 'Group:Default/Payments-Team',
            tags: { owner: 'Group:Default/Payments-Team', env: 'prod' },
          }),
          inventory(bare, { owner: 'search-team', tags: {} }),
          inventory(odd, {
            owner: 'component:default/not-an-owner',
            tags: { owner: 'component:default/not-an-owner' },
          }),
        ],
        T0,
      );

      expect(
        await loadClusterResources(knex, [
          payments.arn,
          'nope',
          bare.arn,
          odd.arn,
        ]),
      ).toEqual([
        {
          arn: payments.arn,
          accountId: ACCOUNT_B,
          region: 'eu-west-1',
          ownerRef: 'group:default/payments-team',
          tags: { owner: 'Group:Default/Payments-Team', env: 'prod' },
        },
        undefined,
        {
          arn: bare.arn,
          accountId: bare.accountId,
          region: 'us-east-1',
          ownerRef: 'group:default/search-team',
          tags: {},
        },
        {
          arn: odd.arn,
          accountId: odd.accountId,
          region: 'us-east-1',
          tags: { owner: 'component:default/not-an-owner' },
        },
      ]);
    });

    it('follow the inventory: changed tags replace the old ones, a removed cluster takes its tags along', async () => {
      const { stores, knex } = await openStores(databases, databaseId);
      const a = ref('a');
      const b = ref('b');
      await stores.inventory.applyInventory(
        'aws-config',
        [
          inventory(a, { tags: { env: 'prod', team: 'x' } }),
          inventory(b, { tags: { env: 'dev' } }),
        ],
        T0,
      );
      await stores.inventory.applyInventory(
        'aws-config',
        [inventory(a, { owner: undefined, tags: { env: 'staging' } })],
        T1,
      );

      const [resource] = await loadClusterResources(knex, [a.arn]);
      expect(resource).toEqual({
        arn: a.arn,
        accountId: a.accountId,
        region: 'us-east-1',
        tags: { env: 'staging' },
      });
      const rows = await knex('cluster_tags').orderBy('cluster_arn');
      expect(rows.map(r => [r.cluster_arn, r.tag_key, r.tag_value])).toEqual([
        [a.arn, 'env', 'staging'],
      ]);
    });

    it('are filled for clusters stored before the migration that adds them', async () => {
      const knex = await databases.init(databaseId);
      const directory = resolvePackagePath(
        '@fleet-resilience/plugin-fleet-resilience-backend',
        'migrations',
      );
      const [, pending] = await knex.migrate.list({ directory });
      const names: string[] = pending.map((m: { file: string }) => m.file);
      const access = names.indexOf('20261207000400_cluster_access.js');
      for (let i = 0; i < access; i++) {
        await knex.migrate.up({ directory });
      }
      const row = {
        account_id: '111122223333',
        region: 'us-east-1',
        source_id: 'aws-config',
        first_seen_at: T0,
        last_seen_at: T0,
      };
      await knex('clusters').insert([
        {
          ...row,
          arn: 'arn:x:1',
          name: 'one',
          owner: 'Payments-Team',
          tags: JSON.stringify({ owner: 'Payments-Team', env: 'prod' }),
        },
        {
          ...row,
          arn: 'arn:x:2',
          name: 'two',
          owner: 'user:ops/Pat',
          tags: 'not json',
        },
        {
          ...row,
          arn: 'arn:x:3',
          name: 'three',
          owner: 'system:default/x',
          tags: JSON.stringify({ n: 1, long: 'v'.repeat(300) }),
        },
      ]);

      await knex.migrate.latest({ directory });

      expect(
        await loadClusterResources(knex, ['arn:x:1', 'arn:x:2', 'arn:x:3']),
      ).toEqual([
        {
          arn: 'arn:x:1',
          accountId: '111122223333',
          region: 'us-east-1',
          ownerRef: 'group:default/payments-team',
          tags: { owner: 'Payments-Team', env: 'prod' },
        },
        {
          arn: 'arn:x:2',
          accountId: '111122223333',
          region: 'us-east-1',
          ownerRef: 'user:ops/pat',
          tags: {},
        },
        {
          arn: 'arn:x:3',
          accountId: '111122223333',
          region: 'us-east-1',
          tags: {},
        },
      ]);
    });
  });
});
