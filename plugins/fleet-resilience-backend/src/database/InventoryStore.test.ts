import { TestDatabases } from '@backstage/backend-test-utils';
import {
  openStores,
  T0,
  T1,
  ACCOUNT_A,
  ACCOUNT_B,
  ref,
  inventory,
  snapshot,
} from './__testUtils__/storeFixtures';

jest.setTimeout(60_000);

const databases = TestDatabases.create();

describe('InventoryStore', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('upserts a source’s clusters and removes those it no longer reports, with their data', async () => {
      const { stores } = await openStores(databases, databaseId);
      const alpha = ref('alpha');
      const beta = ref('beta');
      const other = ref('other');
      await stores.inventory.applyInventory(
        'aws-config',
        [inventory(alpha), inventory(beta)],
        T0,
      );
      await stores.inventory.applyInventory(
        'extra',
        [inventory(other, { sourceId: 'extra' })],
        T0,
      );
      await stores.kubernetes.applyKubernetesSnapshot(
        snapshot(beta.arn, T0, 1000),
        {
          source: 'kubernetes',
          clusterArn: beta.arn,
          startedAt: T0,
          finishedAt: T0,
          ok: true,
          durationMs: 5,
        },
      );

      const result = await stores.inventory.applyInventory(
        'aws-config',
        [inventory(alpha, { version: '1.34' })],
        T1,
      );

      expect(result).toEqual({ added: 0, removed: 1 });
      const all = await stores.clusters.listAllClusters();
      expect(all.map(c => c.ref.name)).toEqual(['alpha', 'other']);
      const updated = all.find(c => c.ref.name === 'alpha')!;
      expect(updated.version).toBe('1.34');
      expect(updated.firstSeenAt).toBe(T0);
      expect(updated.lastSeenAt).toBe(T1);
      expect(
        await stores.kubernetes.getLatestSnapshot(beta.arn),
      ).toBeUndefined();
      expect(await stores.kubernetes.listNodePools(beta.arn)).toEqual([]);
      expect(
        await stores.refreshResults.listRefreshResults({
          clusterArn: beta.arn,
        }),
      ).toEqual([]);
    });

    it('records EKS details and the account zone map', async () => {
      const { stores } = await openStores(databases, databaseId);
      const alpha = ref('alpha');
      await stores.inventory.applyInventory(
        'aws-config',
        [inventory(alpha)],
        T0,
      );
      await stores.inventory.applyEksDetails(
        [
          {
            arn: alpha.arn,
            zonalShiftEnabled: false,
            platformVersion: 'eks.5',
          },
        ],
        T1,
      );
      const cluster = (await stores.clusters.getCluster(alpha.arn))!;
      expect(cluster.zonalShiftEnabled).toBe(false);
      expect(cluster.eksCheckedAt).toBe(T1);
      expect(cluster.platformVersion).toBe('eks.5');

      await stores.inventory.upsertAccountZones(
        [
          {
            accountId: ACCOUNT_A,
            region: 'us-east-1',
            zone: { name: 'us-east-1a', id: 'use1-az1' },
          },
          {
            accountId: ACCOUNT_B,
            region: 'us-east-1',
            zone: { name: 'us-east-1a', id: 'use1-az4' },
          },
        ],
        T0,
      );
      expect(
        await stores.inventory.listAccountZones(ACCOUNT_B, 'us-east-1'),
      ).toEqual([{ name: 'us-east-1a', id: 'use1-az4' }]);
    });
  });
});
