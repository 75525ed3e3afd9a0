import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  createEksClusterRef,
  ZONE_NAME_KEY,
  type FleetSignal,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { migrateDatabase } from '../database/migrations';
import { ReconcileStore } from '../database/ReconcileStore';
import type { StoredCluster } from '../domain/records';
import { ArcObserver, type ArcReadClient } from './ArcObserver';
import { ClusterReconciler } from './ClusterReconciler';
import { Reconciler } from './Reconciler';
import type { ReconcilerSettings } from './types';
import { FakeNodePoolWriter } from './__testUtils__/FakeNodePoolWriter';
import { MemoryOriginals } from './__testUtils__/MemoryOriginals';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const REF = createEksClusterRef({
  accountId: '111122223333',
  region: 'us-east-1',
  name: 'c1',
});
const ZONES = [
  { name: 'us-east-1a', id: 'use1-az1' },
  { name: 'us-east-1b', id: 'use1-az2' },
];
const REQUIREMENTS = [
  {
    key: ZONE_NAME_KEY,
    operator: 'In' as const,
    values: ['us-east-1a', 'us-east-1b'],
  },
];

const SETTINGS: ReconcilerSettings = {
  enabled: true,
  mode: 'nodepool',
  overrides: new Map(),
  pollIntervalMs: 60_000, // the region poll runs once per run here: kicks do the rest
  leaseMs: 60_000,
  concurrency: 4,
  clusterTimeoutMs: 5_000,
  maxConflictRetries: 2,
  kickCheckIntervalMs: 20,
  inventoryRefreshMs: 60_000,
};

function cluster(overrides: Partial<StoredCluster> = {}): StoredCluster {
  return {
    ref: REF,
    sourceId: 'test',
    endpoint: 'https://c1.example',
    eksEndpoint: 'https://c1.example',
    tags: {},
    zones: ZONES,
    zonalShiftEnabled: true,
    shiftState: 'none',
    verdict: 'unknown',
    verdictReason: '',
    freshness: 'fresh',
    karpenter: { installed: true, nativeZonalShift: false, nodeClaimCount: 0 },
    problems: [],
    firstSeenAt: '2026-12-01T00:00:00.000Z',
    lastSeenAt: '2026-12-01T00:00:00.000Z',
    ...overrides,
  };
}

/** ARC with one resource whose shifts the test sets. */
class FakeArc implements ArcReadClient {
  awayFrom?: string;
  reads = 0;
  #resource() {
    return {
      arn: REF.arn,
      availabilityZones: ZONES.map(z => z.id),
      appliedWeights: {},
      zonalShifts: this.awayFrom
        ? [
            {
              zonalShiftId: 's1',
              resourceIdentifier: REF.arn,
              awayFrom: this.awayFrom,
              startTime: new Date(),
              expiryTime: new Date(Date.now() + 3_600_000),
              comment: '',
              appliedStatus: 'APPLIED' as const,
            },
          ]
        : [],
    };
  }
  async *paginateManagedResources() {
    this.reads += 1;
    yield { items: [this.#resource()] };
  }
  async getManagedResource() {
    this.reads += 1;
    return this.#resource();
  }
}

async function setUp(clusterOverrides: Partial<StoredCluster> = {}) {
  const knex = await databases.init('SQLITE_3');
  const store = new ReconcileStore(
    await migrateDatabase({ getClient: async () => knex }),
  );
  const arc = new FakeArc();
  const writer = new FakeNodePoolWriter();
  writer.addPool('default', REQUIREMENTS);
  const signals: FleetSignal[] = [];
  const logger = mockServices.logger.mock();
  const reconciler = new Reconciler({
    clusterQueries: {
      listAllClusters: async () => [cluster(clusterOverrides)],
    },
    store,
    observer: new ArcObserver({ clients: { arc: async () => arc }, logger }),
    clusters: new ClusterReconciler({
      writer,
      originals: new MemoryOriginals(),
      maxConflictRetries: 2,
    }),
    settings: SETTINGS,
    logger,
    signals: { publish: async signal => void signals.push(signal.message) },
    replicaId: 'replica-a',
  });
  const controller = new AbortController();
  const running = reconciler.run(controller.signal, 30_000);
  const waitFor = async (check: () => Promise<boolean>) => {
    const deadline = Date.now() + 10_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise(resolve => setTimeout(resolve, 10));
    }
  };
  const stop = async () => {
    controller.abort();
    await running;
  };
  return { store, arc, writer, signals, reconciler, waitFor, stop };
}

describe('Reconciler', () => {
  it('passes over a new cluster once, then acts on a kick at once and records the pass', async () => {
    const { store, arc, writer, signals, reconciler, waitFor, stop } =
      await setUp();
    try {
      await waitFor(
        async () => (await store.get(REF.arn))?.state === 'converged',
      );
      expect(writer.patches).toHaveLength(0);

      arc.awayFrom = 'use1-az2';
      const kicked = Date.now();
      await reconciler.kick(REF.arn);
      await waitFor(
        async () => (await store.get(REF.arn))?.awayZoneIds[0] === 'use1-az2',
      );
      expect(Date.now() - kicked).toBeLessThan(1_000);
      expect(writer.pools.get('default')!.requirements[0].values).toEqual([
        'us-east-1a',
      ]);
      const record = await store.get(REF.arn);
      expect(record).toMatchObject({
        state: 'converged',
        replicaId: 'replica-a',
        failures: 0,
      });
      expect(record!.nodePools).toEqual([
        expect.objectContaining({
          name: 'default',
          outcome: 'patched',
          allowedZoneIds: ['use1-az1'],
        }),
      ]);
      expect(await store.listKicks()).toEqual([]);
      expect(signals).toContainEqual({
        type: 'reconcile-changed',
        clusterArn: REF.arn,
        state: 'converged',
      });

      // The shift ends: a kick restores.
      arc.awayFrom = undefined;
      await reconciler.kick(REF.arn);
      await waitFor(
        async () => (await store.get(REF.arn))?.awayZoneIds.length === 0,
      );
      expect(writer.pools.get('default')!.requirements).toEqual(REQUIREMENTS);
    } finally {
      await stop();
    }
  });

  it('never loses an end of shift: a failing cluster stays pending and is retried until restored', async () => {
    const { store, arc, writer, reconciler, waitFor, stop } = await setUp();
    try {
      arc.awayFrom = 'use1-az1';
      await reconciler.kick(REF.arn);
      await waitFor(
        async () => (await store.get(REF.arn))?.awayZoneIds[0] === 'use1-az1',
      );
      arc.awayFrom = undefined;
      writer.conflicts.push(
        { name: 'default' },
        { name: 'default' },
        { name: 'default' },
      );
      await reconciler.kick(REF.arn);
      await waitFor(
        async () => (await store.get(REF.arn))?.state === 'pending',
      );
      expect((await store.get(REF.arn))!.failures).toBe(1);
      // Retried with backoff (1 s) by the loop itself, no kick needed.
      await waitFor(
        async () => (await store.get(REF.arn))?.state === 'converged',
      );
      expect(writer.pools.get('default')!.requirements).toEqual(REQUIREMENTS);
      expect((await store.get(REF.arn))!.awayZoneIds).toEqual([]);
    } finally {
      await stop();
    }
  });

  it('only observes a cluster whose Karpenter has native zonal shift on', async () => {
    const { store, arc, writer, reconciler, waitFor, stop } = await setUp({
      karpenter: {
        installed: true,
        version: '1.12.0',
        nativeZonalShift: true,
        nodeClaimCount: 0,
      },
    });
    try {
      arc.awayFrom = 'use1-az1';
      await reconciler.kick(REF.arn);
      await waitFor(
        async () => (await store.get(REF.arn))?.awayZoneIds[0] === 'use1-az1',
      );
      expect(await store.get(REF.arn)).toMatchObject({
        mode: 'observe',
        state: 'observing',
        modeReason: expect.stringContaining('native zonal shift'),
        nodePools: [expect.objectContaining({ outcome: 'would-patch' })],
      });
      expect(writer.patches).toEqual([]);
    } finally {
      await stop();
    }
  });

  it('leaves a cluster alone until its Kubernetes API was read once', async () => {
    const { store, arc, writer, reconciler, stop } = await setUp({
      karpenter: undefined,
    });
    try {
      arc.awayFrom = 'use1-az1';
      await reconciler.kick(REF.arn);
      await new Promise(resolve => setTimeout(resolve, 300));
      expect(await store.get(REF.arn)).toBeUndefined();
      expect(writer.patches).toEqual([]);
    } finally {
      await stop();
    }
  });
});
