import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  createEksClusterRef,
  type EksClusterRef,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type {
  AccountRegion,
  ArcRegionState,
  FleetInventorySource,
  InventorySnapshot,
  KubernetesClusterState,
  KubernetesTarget,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import { createFleetStores, type FleetStores } from '../database';
import { migrateDatabase } from '../database/migrations';
import { NOT_CONFIRMED_BY_EKS } from '../domain/kubernetesApiServer';
import { allShards, shardOf } from '../domain/refreshShards';
import type { RefreshMetrics } from '../metrics/fleetMetrics';
import { FleetRefresher } from './FleetRefresher';
import { pendingKubernetesReads } from './pendingKubernetesReads';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const A = '111122223333';
const B = '444455556666';
const alpha = createEksClusterRef({
  accountId: A,
  region: 'us-east-1',
  name: 'alpha',
});
const beta = createEksClusterRef({
  accountId: A,
  region: 'us-east-1',
  name: 'beta',
});
const gamma = createEksClusterRef({
  accountId: B,
  region: 'eu-west-1',
  name: 'gamma',
});
const ZONE = { name: 'us-east-1a', id: 'use1-az1' };

/** An error as the AWS SDK throws it: the exception's name, and its HTTP status. */
function awsError(name: string, message: string, httpStatusCode: number) {
  return Object.assign(new Error(message), {
    name,
    $metadata: { httpStatusCode },
  });
}

function inventoryOf(
  refs: EksClusterRef[],
  extra: Partial<InventorySnapshot> = {},
): InventorySnapshot {
  return {
    clusters: refs.map(ref => ({
      ref,
      endpoint: ref.name === 'beta' ? undefined : `https://${ref.name}.example`,
      subnetIds: ['subnet-1'],
      securityGroupIds: [],
      tags: {},
    })),
    subnets: [
      { accountId: A, region: 'us-east-1', subnetId: 'subnet-1', zone: ZONE },
    ],
    problems: [],
    ...extra,
  };
}

const healthyState: KubernetesClusterState = {
  nodes: [
    {
      name: 'n1',
      zone: ZONE,
      allocatable: { cpuMillicores: 2000, memoryBytes: 2 ** 32 },
      unschedulable: false,
    },
  ],
  pods: [],
  nodePools: [],
  nodeClaimCount: 0,
  zones: [ZONE],
  karpenter: { installed: false, nativeZonalShift: false },
  problems: [],
};

/** Fakes of the reader interfaces that record their calls. */
function fakes(inventory: () => Promise<InventorySnapshot>) {
  const calls = {
    arc: [] as AccountRegion[],
    hub: [] as AccountRegion[],
    eks: [] as string[],
    kubernetes: [] as string[],
    targets: [] as KubernetesTarget[],
  };
  const source: FleetInventorySource = { id: 'fake', readInventory: inventory };
  return {
    calls,
    readers: {
      inventorySources: [source],
      arc: {
        async readRegion(target: AccountRegion): Promise<ArcRegionState> {
          calls.arc.push(target);
          return {
            ...target,
            managedResources: [],
            zonalShifts: [],
            autoshifts: [],
          };
        },
      },
      resilienceHub: {
        async readApps(target: AccountRegion) {
          calls.hub.push(target);
          if (target.accountId === B) {
            throw awsError('AccessDeniedException', 'not authorized', 403);
          }
          return [];
        },
      },
      eks: {
        async describe(ref: EksClusterRef) {
          calls.eks.push(ref.name);
          // EKS reports no API server for beta (as if not yet created).
          return {
            ref,
            zonalShiftEnabled: ref.name !== 'gamma',
            ...(ref.name === 'beta'
              ? {}
              : {
                  endpoint: `https://${ref.name}.example`,
                  certificateAuthorityData: `ca-of-${ref.name}`,
                }),
          };
        },
      },
      kubernetes: {
        async read(target: KubernetesTarget) {
          calls.kubernetes.push(target.ref.name);
          calls.targets.push(target);
          if (target.ref.name === 'gamma') {
            throw Object.assign(
              new Error('connect ECONNREFUSED 10.0.0.1:443'),
              {
                code: 'ECONNREFUSED',
              },
            );
          }
          return healthyState;
        },
      },
    },
  };
}

async function setUp(
  inventory: () => Promise<InventorySnapshot>,
  metrics?: RefreshMetrics,
) {
  const knex = await databases.init('SQLITE_3');
  const stores = createFleetStores(
    await migrateDatabase({ getClient: async () => knex }),
  );
  const { calls, readers } = fakes(inventory);
  const logger = mockServices.logger.mock();
  const refresher = new FleetRefresher({
    stores,
    readers,
    logger,
    metrics,
    settings: {
      tags: { owner: 'owner', system: 'system' },
      awsConcurrency: 2,
      kubernetesConcurrency: 2,
      kubernetesTimeoutMs: 5000,
      eksRecheckMs: 60 * 60_000,
    },
  });
  return { stores, calls, refresher, logger };
}

async function sources(stores: FleetStores) {
  return Object.fromEntries(
    (await stores.refreshResults.listRefreshResults({})).map(r => [
      r.source,
      r.ok ? 'ok' : r.errorMessage,
    ]),
  );
}

describe('FleetRefresher', () => {
  it('reads ARC and Resilience Hub once per account and region, and records each source', async () => {
    const { stores, calls, refresher } = await setUp(async () =>
      inventoryOf([alpha, beta, gamma]),
    );
    await refresher.refreshAws();
    expect(calls.arc).toEqual([
      { accountId: A, region: 'us-east-1' },
      { accountId: B, region: 'eu-west-1' },
    ]);
    expect(await sources(stores)).toMatchObject({
      'inventory:fake': 'ok',
      [`arc:${A}/us-east-1`]: 'ok',
      [`resiliencehub:${A}/us-east-1`]: 'ok',
      [`resiliencehub:${B}/eu-west-1`]:
        'Resilience Hub: access denied (check the role and its permissions)',
      eks: 'ok',
      'refresh:aws': 'ok',
    });
    const clusters = await stores.clusters.listAllClusters();
    expect(
      clusters.map(c => [c.ref.name, c.zonalShiftEnabled, c.shiftState]),
    ).toEqual([
      ['gamma', false, 'unknown'],
      ['alpha', true, 'unknown'],
      ['beta', true, 'unknown'],
    ]);
  });

  it('describes a cluster only when new or due', async () => {
    const { calls, refresher } = await setUp(async () => inventoryOf([alpha]));
    await refresher.refreshAws();
    await refresher.refreshAws();
    expect(calls.eks).toEqual(['alpha']);
  });

  it('keeps every cluster when the inventory cannot be read', async () => {
    let fail = false;
    const { stores, refresher } = await setUp(async () => {
      if (fail) {
        throw awsError('ThrottlingException', 'Rate exceeded', 400);
      }
      return inventoryOf([alpha, beta]);
    });
    await refresher.refreshAws();
    fail = true;
    await refresher.refreshAws();
    expect(
      (await stores.clusters.listAllClusters()).map(c => c.ref.name),
    ).toEqual(['alpha', 'beta']);
    expect((await sources(stores))['inventory:fake']).toBe(
      'inventory fake: throttled',
    );
  });

  it('removes a cluster gone from the inventory but keeps those in scopes it could not read', async () => {
    let snapshot = inventoryOf([alpha, beta, gamma]);
    const { stores, refresher } = await setUp(async () => snapshot);
    await refresher.refreshAws();
    snapshot = inventoryOf([alpha], {
      incompleteScopes: [{ accountId: B, region: 'eu-west-1' }],
      problems: [
        {
          source: 'aws-config',
          resource: `${B}/eu-west-1`,
          message: 'AccessDenied',
        },
      ],
    });
    await refresher.refreshAws();
    expect(
      (await stores.clusters.listAllClusters()).map(c => c.ref.name),
    ).toEqual(['gamma', 'alpha']);
    expect((await sources(stores))['inventory:fake']).toBe(
      `Not read: ${B}/eu-west-1`,
    );
  });

  it('marks a cluster whose Kubernetes API fails stale and reads every other one', async () => {
    const { stores, calls, refresher } = await setUp(async () =>
      inventoryOf([alpha, beta, gamma]),
    );
    await refresher.refreshAws();
    const summary = await refresher.refreshKubernetes();

    expect(summary).toMatchObject({ clusters: 3, failed: 2 });
    // beta has no endpoint: never called, marked stale with why.
    expect(calls.kubernetes.sort()).toEqual(['alpha', 'gamma']);
    expect(calls.targets.find(t => t.ref.name === 'alpha')).toEqual({
      ref: alpha,
      endpoint: 'https://alpha.example',
      certificateAuthorityData: 'ca-of-alpha',
    });
    const byName = Object.fromEntries(
      (await stores.clusters.listAllClusters()).map(c => [c.ref.name, c]),
    );
    expect(byName.alpha.freshness).toBe('fresh');
    expect(byName.alpha.capacityTotals?.nodeCount).toBe(1);
    expect(byName.gamma.freshness).toBe('stale');
    // The address is in the log, not in what readers see.
    expect(byName.gamma.k8sLastError).toBe('Kubernetes API: unreachable');
    expect(byName.beta.k8sLastError).toBe(NOT_CONFIRMED_BY_EKS);
    expect((await sources(stores)).kubernetes).toBe(
      '2 of 3 clusters could not be read',
    );
  });

  it('stores the API server EKS reports and reads only that one, naming both hosts when Config differs', async () => {
    const { stores, calls, refresher } = await setUp(async () => {
      const snapshot = inventoryOf([alpha]);
      snapshot.clusters[0].endpoint = 'https://elsewhere.example:8443';
      snapshot.clusters[0].certificateAuthorityData = 'ca-from-config';
      return snapshot;
    });
    await refresher.refreshAws();
    const [target] = await stores.kubernetes.listKubernetesTargets();
    expect(target).toMatchObject({
      endpoint: 'https://elsewhere.example:8443',
      eksEndpoint: 'https://alpha.example',
      eksCertificateAuthorityData: 'ca-of-alpha',
    });
    await refresher.refreshKubernetes();
    expect(calls.targets).toEqual([
      {
        ref: alpha,
        endpoint: 'https://alpha.example',
        certificateAuthorityData: 'ca-of-alpha',
      },
    ]);
    const result = (
      await stores.refreshResults.listRefreshResults({ clusterArn: alpha.arn })
    ).find(r => r.source === 'kubernetes')!;
    expect(result).toMatchObject({ ok: true });
    expect(result.dataProblems).toEqual([
      'AWS Config names the API server elsewhere.example:8443 but EKS DescribeCluster reports alpha.example; the EKS endpoint is used',
    ]);
  });

  it('reads no Kubernetes API before EKS has reported its API server', async () => {
    const { stores, calls, refresher } = await setUp(async () =>
      inventoryOf([alpha]),
    );
    // EKS answers without an endpoint: Config's is not used in its place.
    await refresher.refreshAws();
    await stores.inventory.applyEksDetails(
      [{ arn: alpha.arn, zonalShiftEnabled: true }],
      new Date().toISOString(),
    );
    expect(await refresher.refreshKubernetes()).toMatchObject({ failed: 1 });
    expect(calls.kubernetes).toEqual([]);
    const [cluster] = await stores.clusters.listAllClusters();
    expect(cluster.k8sLastError).toBe(NOT_CONFIRMED_BY_EKS);
    // Once EKS reports it, the read is due at once, not at the next schedule.
    expect(await stores.kubernetes.hasClustersNotYetReadFromKubernetes()).toBe(
      false,
    );
    await stores.inventory.applyEksDetails(
      [
        {
          arn: alpha.arn,
          zonalShiftEnabled: true,
          endpoint: 'https://alpha.example',
        },
      ],
      new Date().toISOString(),
    );
    expect(await stores.kubernetes.hasClustersNotYetReadFromKubernetes()).toBe(
      true,
    );
    await refresher.refreshKubernetes();
    expect(calls.kubernetes).toEqual(['alpha']);
    expect(await stores.kubernetes.hasClustersNotYetReadFromKubernetes()).toBe(
      false,
    );
  });

  it('names the clusters whose Kubernetes read is due at once, as the store decides', async () => {
    const { stores, refresher } = await setUp(async () =>
      inventoryOf([alpha, gamma]),
    );
    await refresher.refreshAws();
    // Never tried: both.
    expect(await pendingKubernetesReads(stores, 4)).toEqual([
      gamma.arn,
      alpha.arn,
    ]);
    expect(await pendingKubernetesReads(stores, 1)).toBe(true);
    await stores.inventory.applyEksDetails(
      [{ arn: alpha.arn, zonalShiftEnabled: true }],
      new Date().toISOString(),
    );
    await refresher.refreshKubernetes();
    // Tried, failed or not: none (alpha waits for EKS's API server).
    expect(await pendingKubernetesReads(stores, 4)).toBe(false);
    expect(await pendingKubernetesReads(stores, 1)).toBe(false);
    await stores.inventory.applyEksDetails(
      [
        {
          arn: alpha.arn,
          zonalShiftEnabled: true,
          endpoint: 'https://alpha.example',
        },
      ],
      new Date().toISOString(),
    );
    // EKS now reports one: alpha only.
    expect(await pendingKubernetesReads(stores, 4)).toEqual([alpha.arn]);
  });

  it('reports a read that left rows out as degraded with counts, and one that rejected every row as failed', async () => {
    let snapshot = inventoryOf([alpha, beta], {
      problems: [
        {
          source: 'aws-config',
          resource: 'subnet-x',
          message: 'subnet row skipped: not a subnet ID',
        },
      ],
    });
    const { stores, refresher } = await setUp(async () => snapshot);
    await refresher.refreshAws();
    const [degraded] = (
      await stores.refreshResults.listRefreshResults({})
    ).filter(r => r.source === 'inventory:fake');
    expect(degraded).toMatchObject({
      ok: true,
      rows: { stored: 2, rejected: 1, cleaned: 0 },
      dataProblems: ['subnet-x: subnet row skipped: not a subnet ID'],
    });

    snapshot = inventoryOf([], {
      problems: [
        {
          source: 'aws-config',
          resource: 'a',
          message: 'EKS cluster row skipped',
        },
        {
          source: 'aws-config',
          resource: 'b',
          message: 'EKS cluster row skipped',
        },
      ],
    });
    await refresher.refreshAws();
    const [failed] = (
      await stores.refreshResults.listRefreshResults({})
    ).filter(r => r.source === 'inventory:fake');
    expect(failed).toMatchObject({
      ok: false,
      errorMessage: 'every row was rejected (2); see the data problems',
      rows: { stored: 0, rejected: 2, cleaned: 0 },
    });
    // A read whose every row was rejected removes nothing.
    expect(
      (await stores.clusters.listAllClusters()).map(c => c.ref.name),
    ).toEqual(['alpha', 'beta']);
  });

  describe('a shard of the Kubernetes refresh', () => {
    // Enough clusters that both shards of two hold some.
    const many = Array.from({ length: 12 }, (_, i) =>
      createEksClusterRef({ accountId: A, region: 'us-east-1', name: `c${i}` }),
    );
    const infoLines = (logger: ReturnType<typeof mockServices.logger.mock>) =>
      logger.info.mock.calls.map(([message]) => message);

    it('reads only the clusters of its shard, and the shards together read each cluster once', async () => {
      const { calls, refresher } = await setUp(async () => inventoryOf(many));
      await refresher.refreshAws();
      const byShard: string[][] = [];
      for (const shard of allShards(2)) {
        calls.kubernetes.length = 0;
        const summary = await refresher.refreshKubernetes(undefined, shard);
        byShard.push([...calls.kubernetes].sort());
        expect(summary).toMatchObject({
          clusters: byShard[shard.index].length,
          failed: 0,
        });
      }
      for (const [index, names] of byShard.entries()) {
        expect(names.length).toBeGreaterThan(0);
        for (const name of names) {
          const ref = many.find(c => c.name === name)!;
          expect(shardOf(ref.arn, 2)).toBe(index);
        }
      }
      expect(byShard.flat().sort()).toEqual(many.map(c => c.name).sort());
    });

    it('records its run and tally under its own sources and logs the line replicas are counted by', async () => {
      const { stores, calls, refresher, logger } = await setUp(async () =>
        inventoryOf([...many, gamma]),
      );
      await refresher.refreshAws();
      const shard = { index: shardOf(gamma.arn, 3), count: 3 };
      const inShard = [...many, gamma].filter(
        c => shardOf(c.arn, 3) === shard.index,
      );
      const k = shard.index + 1;
      await refresher.refreshKubernetes(undefined, shard);

      expect(calls.kubernetes.sort()).toEqual(inShard.map(c => c.name).sort());
      const recorded = await sources(stores);
      expect(recorded).toMatchObject({
        [`refresh:kubernetes:${k}-of-3`]: 'ok',
        // gamma's API server refuses connections.
        [`kubernetes:${k}-of-3`]: `1 of ${inShard.length} clusters could not be read`,
      });
      expect(recorded).not.toHaveProperty('kubernetes');
      expect(recorded).not.toHaveProperty('refresh:kubernetes');
      // Each cluster's own result keeps the plain source.
      const gammaResults = await stores.refreshResults.listRefreshResults({
        clusterArn: gamma.arn,
      });
      expect(gammaResults.map(r => r.source)).toEqual(['kubernetes']);
      expect(infoLines(logger)).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^Kubernetes refresh shard ${k} of 3: ${inShard.length} clusters, 1 failed, \\d+ ms$`,
          ),
        ),
      );
    });

    it('keeps the unsharded sources and log line for one shard', async () => {
      const { stores, calls, refresher, logger } = await setUp(async () =>
        inventoryOf(many),
      );
      await refresher.refreshAws();
      await refresher.refreshKubernetes(undefined, { index: 0, count: 1 });
      expect(calls.kubernetes).toHaveLength(many.length);
      const recorded = await sources(stores);
      expect(recorded).toMatchObject({
        'refresh:kubernetes': 'ok',
        kubernetes: 'ok',
      });
      expect(Object.keys(recorded).filter(k => k.includes('-of-'))).toEqual([]);
      expect(infoLines(logger)).toContainEqual(
        expect.stringMatching(
          /^refresh:kubernetes: 12 clusters in \d+ ms, 0 failures$/,
        ),
      );
    });

    it('counts a shard run as a Kubernetes run and its tally as no read', async () => {
      const runs: string[] = [];
      const reads: string[] = [];
      const { refresher } = await setUp(async () => inventoryOf(many), {
        runFinished: run => runs.push(run),
        sourceRead: source => reads.push(source),
      });
      await refresher.refreshAws();
      reads.length = 0;
      const shard = { index: 1, count: 2 };
      const { clusters } = await refresher.refreshKubernetes(undefined, shard);
      expect(runs).toEqual(['aws', 'kubernetes']);
      // One read per cluster of the shard; the shard's tally is not one.
      expect(reads).toEqual(new Array(clusters).fill('kubernetes'));
    });
  });
});
