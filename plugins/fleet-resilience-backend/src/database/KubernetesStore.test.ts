import { TestDatabases } from '@backstage/backend-test-utils';
import { ALL_CLUSTERS } from './clusterAccessSql';
import {
  openStores,
  T0,
  T1,
  T2,
  ref,
  inventory,
  snapshot,
} from './__testUtils__/storeFixtures';

jest.setTimeout(60_000);

const databases = TestDatabases.create();

describe('KubernetesStore', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('serves the latest capacity snapshot, keeps a bounded history, and keeps the data when a read fails', async () => {
      const { stores } = await openStores(databases, databaseId, 2);
      const alpha = ref('alpha');
      await stores.inventory.applyInventory(
        'aws-config',
        [inventory(alpha)],
        T0,
      );
      expect(
        await stores.kubernetes.hasClustersNotYetReadFromKubernetes(),
      ).toBe(true);
      const ok = (startedAt: string) => ({
        source: 'kubernetes',
        clusterArn: alpha.arn,
        startedAt,
        finishedAt: startedAt,
        ok: true,
        durationMs: 12,
      });
      await stores.kubernetes.applyKubernetesSnapshot(
        snapshot(alpha.arn, T0, 1000),
        ok(T0),
      );
      expect(
        await stores.kubernetes.hasClustersNotYetReadFromKubernetes(),
      ).toBe(false);
      await stores.kubernetes.applyKubernetesSnapshot(
        snapshot(alpha.arn, T1, 2000),
        ok(T1),
      );
      await stores.kubernetes.applyKubernetesSnapshot(
        snapshot(alpha.arn, T2, 5000),
        ok(T2),
      );

      expect(
        (await stores.kubernetes.listSnapshots(alpha.arn)).map(
          x => x.capturedAt,
        ),
      ).toEqual([T2, T1]);
      const latest = await stores.kubernetes.getLatestSnapshot(alpha.arn);
      expect(latest?.capturedAt).toBe(T2);
      expect(latest?.capacity.totalRequested.cpuMillicores).toBe(5000);
      let cluster = (await stores.clusters.getCluster(alpha.arn))!;
      // 5000m requested, 4000m left after losing either zone.
      expect(cluster.verdict).toBe('at-risk');
      expect(cluster.freshness).toBe('fresh');
      expect(cluster.zones.map(z => z.id)).toEqual([
        'use1-az1',
        'use1-az2',
        'use1-az4',
      ]);
      expect(cluster.karpenter?.version).toBe('1.12.0');
      expect(await stores.kubernetes.listNodePools(alpha.arn)).toEqual([
        expect.objectContaining({
          name: 'default',
          unrestricted: false,
          weight: 10,
          allowedZones: [{ name: 'us-east-1a', id: 'use1-az1' }],
        }),
      ]);

      const failedAt = '2026-11-22T08:03:00.000Z';
      await stores.kubernetes.applyKubernetesFailure({
        source: 'kubernetes',
        clusterArn: alpha.arn,
        startedAt: failedAt,
        finishedAt: failedAt,
        ok: false,
        errorMessage: 'connect ECONNREFUSED',
        durationMs: 3,
      });
      cluster = (await stores.clusters.getCluster(alpha.arn))!;
      expect(cluster.freshness).toBe('stale');
      expect(cluster.k8sLastError).toBe('connect ECONNREFUSED');
      expect(cluster.k8sLastSuccessAt).toBe(T2);
      expect(cluster.k8sLastAttemptAt).toBe(failedAt);
      expect(cluster.verdict).toBe('at-risk');
      expect(
        (await stores.kubernetes.getLatestSnapshot(alpha.arn))?.capturedAt,
      ).toBe(T2);
      expect(
        await stores.refreshResults.listRefreshResults({
          clusterArn: alpha.arn,
        }),
      ).toEqual([
        expect.objectContaining({
          ok: false,
          lastSuccessAt: T2,
          errorMessage: 'connect ECONNREFUSED',
          durationMs: 3,
        }),
      ]);
      expect(await stores.clusters.countByFreshness(ALL_CLUSTERS)).toEqual({
        total: 1,
        fresh: 0,
        stale: 1,
        never: 0,
      });
    });

    it('ignores a snapshot of a cluster removed while it was read', async () => {
      const { stores } = await openStores(databases, databaseId);
      const gone = ref('gone');
      await stores.kubernetes.applyKubernetesSnapshot(
        snapshot(gone.arn, T0, 1),
        {
          source: 'kubernetes',
          clusterArn: gone.arn,
          startedAt: T0,
          finishedAt: T0,
          ok: true,
          durationMs: 1,
        },
      );
      expect(
        await stores.kubernetes.getLatestSnapshot(gone.arn),
      ).toBeUndefined();
      expect(
        await stores.refreshResults.listRefreshResults({
          clusterArn: gone.arn,
        }),
      ).toEqual([]);
    });
  });
});
