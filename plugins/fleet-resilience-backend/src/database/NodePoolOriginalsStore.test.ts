import { TestDatabases } from '@backstage/backend-test-utils';
import { migrateDatabase } from './migrations';
import { ReconcileStore } from './ReconcileStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create();
const A = 'arn:aws:eks:us-east-1:111122223333:cluster/a';
const B = 'arn:aws:eks:us-east-1:111122223333:cluster/b';
// What the plan records: JSON, here with a control character escaped as JSON does.
const ORIGINAL = JSON.stringify({
  version: 1,
  requirements: [
    {
      index: 0,
      requirement: {
        key: 'topology.kubernetes.io/zone',
        operator: 'In',
        values: ['us-east-1a', 'us-east-1b\u0000'],
        minValues: 2,
      },
    },
  ],
});

describe.each(databases.eachSupportedId())(
  'NodePoolOriginalsStore on %p',
  databaseId => {
    let store: ReconcileStore;

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      store = new ReconcileStore(
        await migrateDatabase({ getClient: async () => knex }),
      );
    });

    it('stores, replaces, reads back exactly and clears one NodePool’s original', async () => {
      const { originals } = store;
      expect(await originals.get(A, 'default')).toBeUndefined();
      await originals.put(
        A,
        'default',
        { originalZoneRequirements: ORIGINAL, awayZoneIds: ['use1-az2'] },
        '2026-12-07T10:00:00.000Z',
      );
      await originals.put(
        A,
        'default',
        {
          originalZoneRequirements: ORIGINAL,
          awayZoneIds: ['use1-az4', 'use1-az1'],
        },
        '2026-12-07T10:05:00.000Z',
      );
      expect(await originals.get(A, 'default')).toEqual({
        originalZoneRequirements: ORIGINAL,
        awayZoneIds: ['use1-az1', 'use1-az4'],
      });
      expect(await originals.get(B, 'default')).toBeUndefined();
      await originals.clear(A, 'default');
      expect(await originals.get(A, 'default')).toBeUndefined();
    });

    it('lists one cluster’s originals and prunes the NodePools that are gone', async () => {
      const { originals } = store;
      const row = { originalZoneRequirements: ORIGINAL, awayZoneIds: ['z'] };
      const now = '2026-12-07T10:00:00.000Z';
      await originals.put(A, 'x', row, now);
      await originals.put(A, 'y', row, now);
      await originals.put(B, 'x', row, now);
      expect([...(await originals.list(A)).keys()].sort()).toEqual(['x', 'y']);
      expect(await originals.retainNodePools(A, ['y'])).toBe(1);
      expect([...(await originals.list(A)).keys()]).toEqual(['y']);
      expect([...(await originals.list(B)).keys()]).toEqual(['x']);
    });

    it('keeps the degraded reasons of a status', async () => {
      const record = {
        cluster: {
          arn: A,
          accountId: '111122223333',
          region: 'us-east-1',
          name: 'a',
        },
        mode: 'nodepool' as const,
        awayZoneIds: [],
        state: 'converged' as const,
        nodePools: [],
        markedNodeCount: 0,
        markedNodes: [],
        failures: 0,
      };
      await store.put(
        { ...record, degraded: ['Native zonal shift support unknown'] },
        '2026-12-07T10:00:00.000Z',
      );
      expect((await store.get(A))?.degraded).toEqual([
        'Native zonal shift support unknown',
      ]);
      await store.put(record, '2026-12-07T10:01:00.000Z');
      expect((await store.get(A))?.degraded).toBeUndefined();
    });
  },
);
