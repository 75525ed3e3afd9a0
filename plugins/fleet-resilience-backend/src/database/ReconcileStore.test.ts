import { TestDatabases } from '@backstage/backend-test-utils';
import { ALL_CLUSTERS, type ClusterAccess } from './clusterAccessSql';
import { migrateDatabase } from './migrations';
import { inventory, openStores, ref, T0 } from './__testUtils__/storeFixtures';
import {
  ReconcileStore,
  toClusterReconcileStatus,
  type ReconcileRecord,
} from './ReconcileStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create();

const record = (
  name: string,
  overrides: Partial<ReconcileRecord> = {},
): ReconcileRecord => ({
  cluster: {
    arn: `arn:aws:eks:us-east-1:111122223333:cluster/${name}`,
    accountId: '111122223333',
    region: 'us-east-1',
    name,
  },
  mode: 'keep-nodes',
  awayZoneIds: ['use1-az2'],
  state: 'converged',
  nodePools: [
    {
      name: 'default',
      outcome: 'patched',
      allowedZoneIds: ['use1-az1'],
      message: 'excluded',
    },
  ],
  markedNodeCount: 2,
  markedNodes: ['n2', 'n1'],
  lastAttemptAt: '2026-12-01T10:00:00.000Z',
  lastSuccessAt: '2026-12-01T10:00:01.000Z',
  failures: 0,
  replicaId: 'replica-a',
  ...overrides,
});

describe.each(databases.eachSupportedId())(
  'ReconcileStore on %p',
  databaseId => {
    let store: ReconcileStore;

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      store = new ReconcileStore(
        await migrateDatabase({ getClient: async () => knex }),
      );
    });

    it('stores, replaces and lists each cluster’s status', async () => {
      await store.put(record('b'), '2026-12-01T10:00:01.000Z');
      await store.put(
        record('a', {
          state: 'error',
          lastError: 'unreachable',
          failures: 3,
          modeReason: 'override',
        }),
        '2026-12-01T10:00:01.000Z',
      );
      await store.put(
        record('b', {
          awayZoneIds: [],
          markedNodes: [],
          markedNodeCount: 0,
          state: 'pending',
          failures: 1,
        }),
        '2026-12-01T10:00:02.000Z',
      );
      const all = await store.list();
      expect(all.map(r => [r.cluster.name, r.state, r.failures])).toEqual([
        ['a', 'error', 3],
        ['b', 'pending', 1],
      ]);
      expect(await store.get(record('a').cluster.arn)).toEqual(
        record('a', {
          state: 'error',
          lastError: 'unreachable',
          failures: 3,
          modeReason: 'override',
          markedNodes: ['n1', 'n2'],
        }),
      );
      expect(toClusterReconcileStatus(all[0])).not.toHaveProperty(
        'markedNodes',
      );
      expect(toClusterReconcileStatus(all[0])).toMatchObject({
        markedNodeCount: 2,
        lastError: 'unreachable',
      });
      expect(
        await store.get('arn:aws:eks:us-east-1:111122223333:cluster/none'),
      ).toBeUndefined();

      expect(await store.retainOnly([record('b').cluster.arn])).toBe(1);
      expect((await store.list()).map(r => r.cluster.name)).toEqual(['b']);
    });

    it('lists and gets the statuses of the clusters of an access only, in SQL', async () => {
      const { knex, stores } = await openStores(databases, databaseId);
      const own = new ReconcileStore(knex);
      await stores.inventory.applyInventory(
        'aws-config',
        [
          inventory(ref('a'), { owner: 'payments' }),
          inventory(ref('b')),
          inventory(ref('c'), { owner: 'payments' }),
        ],
        T0,
      );
      await own.put(record('a', { state: 'error' }), T0);
      await own.put(record('b'), T0);
      await own.put(record('c'), T0);
      // A status whose cluster left the inventory: no cluster to decide on.
      await own.put(record('gone'), T0);
      const payments: ClusterAccess = {
        kind: 'some',
        criteria: { kind: 'owner', ownerRefs: ['group:default/payments'] },
      };
      const names = async (options: Parameters<ReconcileStore['list']>[0]) =>
        (await own.list(options)).map(r => r.cluster.name);
      expect(await names({})).toEqual(['a', 'b', 'c', 'gone']);
      expect(await names({ access: ALL_CLUSTERS })).toEqual([
        'a',
        'b',
        'c',
        'gone',
      ]);
      expect(await names({ access: payments })).toEqual(['a', 'c']);
      expect(
        await names({ access: payments, states: new Set(['converged']) }),
      ).toEqual(['c']);
      expect(await names({ states: new Set(['error', 'pending']) })).toEqual([
        'a',
      ]);
      expect(await names({ access: { kind: 'none' } })).toEqual([]);
      expect((await own.get(record('a').cluster.arn, payments))?.state).toBe(
        'error',
      );
      expect(await own.get(record('b').cluster.arn, payments)).toBeUndefined();
      expect(
        await own.get(record('gone').cluster.arn, payments),
      ).toBeUndefined();
      expect(await own.get(record('b').cluster.arn)).toBeDefined();
    });

    it('keeps one kick per cluster and never deletes a newer one', async () => {
      const arn = record('k').cluster.arn;
      await store.kick({
        clusterArn: arn,
        kickId: 'k1',
        requestedAt: '2026-12-01T10:00:00.000Z',
      });
      const [first] = await store.listKicks();
      await store.kick({
        clusterArn: arn,
        kickId: 'k2',
        requestedAt: '2026-12-01T10:00:01.000Z',
      });
      await store.deleteKick(first); // handled k1; k2 came meanwhile
      expect(await store.listKicks()).toEqual([
        {
          clusterArn: arn,
          kickId: 'k2',
          requestedAt: '2026-12-01T10:00:01.000Z',
        },
      ]);
      await store.deleteKick({
        clusterArn: arn,
        kickId: 'k2',
        requestedAt: '',
      });
      expect(await store.listKicks()).toEqual([]);
    });
  },
);
