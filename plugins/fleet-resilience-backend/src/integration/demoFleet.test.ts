/**
 * The plugin end to end: the real plugin in a test backend, the real AWS and
 * Kubernetes readers, and the simulator serving examples/fleets/demo.yaml
 * over HTTP, on every test database engine.
 */
import { resolve as resolvePath } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TestDatabases, type TestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  accessKeyIdFor,
  SIMULATOR_KUBE_TOKEN,
  SIMULATOR_SECRET_ACCESS_KEY,
  startSimulator,
  type RunningSimulator,
} from '@fleet-resilience/fleet-simulator';
import type {
  FleetClusterDetail,
  FleetListResponse,
  RefreshStatusResponse,
  ShiftHistoryResponse,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { fleetClusterPath } from '@fleet-resilience/plugin-fleet-resilience-common';
import { ArcZonalShiftClient } from '@fleet-resilience/plugin-fleet-resilience-node';
import request from 'supertest';
import {
  API,
  refresh,
  simulatorConfig,
  startFleetBackend,
} from '../__testUtils__/fleetBackend';

jest.setTimeout(120_000);

const DEMO_FLEET = resolvePath(
  __dirname,
  '../../../../examples/fleets/demo.yaml',
);
const PROD = '111122223333';
const SHARED = '444455556666';
const MiB = 2 ** 20;
const arn = (account: string, region: string, name: string) =>
  `arn:aws:eks:${region}:${account}:cluster/${name}`;
const PAYMENTS_USE1 = arn(PROD, 'us-east-1', 'payments-prod-use1');
const SEARCH_USE1 = arn(SHARED, 'us-east-1', 'search-prod-use1');
const IDENTITY_EUW1 = arn(PROD, 'eu-west-1', 'identity-prod-euw1');

/*
 * Hand-computed from examples/fleets/demo.yaml and the simulator's m5.xlarge
 * (4 vCPU, 16 GiB, 58 max pods) with the EKS AMI's reservations:
 *   CPU    4000m - (60 + 10 + 5 + 5)m          = 3920m per node
 *   memory 16384Mi - (255 + 11 * 58)Mi - 100Mi = 15391Mi per node
 * Both clusters have 3 nodes in each of 3 AZs:
 *   per AZ  3 * 3920m = 11760m,  3 * 15391Mi = 46173Mi
 *   total   9 * 3920m = 35280m,  9 * 15391Mi = 138519Mi
 *   after losing one AZ: 23520m and 92346Mi remain.
 */
const PER_AZ = { cpuMillicores: 11_760, memoryBytes: 46_173 * MiB };
const TOTAL = { cpuMillicores: 35_280, memoryBytes: 138_519 * MiB };

/*
 * payments-prod-use1 requests
 *   CPU    18 * 500m + 9 * 400m + 3 * 100m = 12900m
 *   memory 18 * 1Gi + 9 * 1Gi + 3 * 70Mi   = 27858Mi
 * Losing any AZ leaves 23520m (182% of 12900m) and 92346Mi (331% of
 * 27858Mi): it survives; every AZ is as tight, the first by name binds.
 */
const PAYMENTS_REQUESTED = { cpuMillicores: 12_900, memoryBytes: 27_858 * MiB };
/*
 * search-prod-use1 requests
 *   CPU    36 * 600m + 12 * 500m = 27600m (78% of 35280m)
 *   memory 36 * 1Gi + 12 * 2Gi   = 61440Mi
 * Losing any AZ leaves 23520m < 27600m (85%): at risk in all 3 AZs.
 * Account 444455556666 maps us-east-1a to use1-az4.
 */
const SEARCH_REQUESTED = { cpuMillicores: 27_600, memoryBytes: 61_440 * MiB };

/** A Kubernetes API that answers every request with a 500 Status. */
async function startBrokenApiServer(): Promise<{
  url: string;
  close: () => Promise<void>;
}> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        message: 'etcdserver: request timed out',
        reason: 'InternalError',
        code: 500,
      }),
    );
  });
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise(done => server.close(() => done())),
  };
}

const databases = TestDatabases.create();

describe.each(databases.eachSupportedId())(
  'the demo fleet on %p',
  databaseId => {
    let sim: RunningSimulator;
    let backend: TestBackend;

    const get = async <T>(path: string): Promise<T> => {
      const response = await request(backend.server).get(`${API}${path}`);
      expect(response.status).toBe(200);
      return response.body as T;
    };
    const detail = (clusterArn: string) =>
      get<FleetClusterDetail>(fleetClusterPath(clusterArn));

    beforeAll(async () => {
      sim = await startSimulator({ fleet: DEMO_FLEET, port: 0 });
      backend = await startFleetBackend({
        config: simulatorConfig(sim),
        knex: await databases.init(databaseId),
      });
      await refresh(backend);
    });

    afterAll(async () => {
      await backend?.stop();
      await sim?.stop();
    });

    it('ingests every cluster of the demo fleet, fresh', async () => {
      const list = await get<FleetListResponse>('/clusters?limit=500');
      expect(list.totalCount).toBe(12);
      expect(list.items.map(c => c.ref.name)).toEqual(
        [...sim.model.clusters().map(c => c.name)].sort(),
      );
      expect(list.items.every(c => c.health.freshness === 'fresh')).toBe(true);
      const status = await get<RefreshStatusResponse>('/refresh-status');
      expect(status.clusters).toEqual({
        total: 12,
        fresh: 12,
        stale: 0,
        never: 0,
      });
      expect(status.sources.filter(s => !s.ok)).toEqual([]);
      expect(status.sources.map(s => s.source)).toEqual(
        expect.arrayContaining([
          'inventory:aws-config',
          `arc:${PROD}/us-east-1`,
          `resiliencehub:${SHARED}/eu-west-1`,
          'kubernetes',
          'eks',
        ]),
      );
      expect(status.lastRefresh).toBeDefined();
    });

    it('serves per-AZ capacity and the N-1 verdict of payments-prod-use1 as computed by hand', async () => {
      const cluster = await detail(PAYMENTS_USE1);
      expect(cluster.summary.zones).toEqual([
        { name: 'us-east-1a', id: 'use1-az1' },
        { name: 'us-east-1b', id: 'use1-az2' },
        { name: 'us-east-1c', id: 'use1-az4' },
      ]);
      expect(
        cluster.capacity?.zones.map(z => [
          z.zone.id,
          z.nodeCount,
          z.allocatable,
        ]),
      ).toEqual([
        ['use1-az1', 3, PER_AZ],
        ['use1-az2', 3, PER_AZ],
        ['use1-az4', 3, PER_AZ],
      ]);
      expect(cluster.capacity?.totalRequested).toEqual(PAYMENTS_REQUESTED);
      expect(cluster.summary.capacity).toMatchObject({
        nodeCount: 9,
        // 30 pods of the workloads and Karpenter's 2 (which request nothing).
        podCount: 32,
        allocatable: TOTAL,
        requested: PAYMENTS_REQUESTED,
      });
      expect(cluster.summary.survivability).toEqual({
        verdict: 'survives',
        reason:
          'Any one AZ can be lost: losing us-east-1a (use1-az1), the tightest case, leaves 182% of the CPU and 331% of the memory your pods request.',
        bindingZone: { name: 'us-east-1a', id: 'use1-az1' },
      });
      expect(
        cluster.survivability?.zoneLosses.map(l => [
          l.zone.id,
          l.cpu.remaining,
          l.memory.remaining,
          l.survives,
        ]),
      ).toEqual([
        ['use1-az1', 23_520, 92_346 * MiB, true],
        ['use1-az2', 23_520, 92_346 * MiB, true],
        ['use1-az4', 23_520, 92_346 * MiB, true],
      ]);
      // The rest of the detail: NodePools, ARC settings, Resilience Hub, Karpenter.
      expect(cluster.nodePools).toEqual([
        expect.objectContaining({
          name: 'default',
          unrestricted: false,
          allowedZones: cluster.summary.zones,
        }),
      ]);
      expect(cluster.summary.autoshiftStatus).toBe('ENABLED');
      expect(cluster.summary.zonalShiftEnabled).toBe(true);
      expect(cluster.summary.shiftState).toBe('none');
      expect(cluster.summary.owner).toBe('payments-team');
      expect(cluster.summary.resilienceScore).toBe(78.5);
      expect(cluster.resilienceApps).toEqual([
        expect.objectContaining({
          name: 'payments',
          resiliencyScore: 78.5,
          azCompliance: expect.objectContaining({
            complianceStatus: 'PolicyMet',
            currentRtoInSecs: 300,
          }),
        }),
      ]);
      expect(cluster.karpenter).toMatchObject({
        installed: true,
        nativeZonalShift: false,
      });
      expect(cluster.refresh.map(r => [r.source, r.ok])).toEqual([
        ['kubernetes', true],
      ]);
    });

    it('serves search-prod-use1 at risk in every AZ, with its own account’s AZ names', async () => {
      const cluster = await detail(SEARCH_USE1);
      expect(
        cluster.capacity?.zones.map(z => [
          z.zone.name,
          z.zone.id,
          z.allocatable,
        ]),
      ).toEqual([
        ['us-east-1a', 'use1-az4', PER_AZ],
        ['us-east-1b', 'use1-az6', PER_AZ],
        ['us-east-1c', 'use1-az1', PER_AZ],
      ]);
      expect(cluster.capacity?.totalRequested).toEqual(SEARCH_REQUESTED);
      expect(cluster.summary.survivability).toEqual({
        verdict: 'at-risk',
        reason:
          'Losing us-east-1a (use1-az4) leaves 85% of the CPU your pods request; 3 of 3 AZs cannot be lost.',
        bindingZone: { name: 'us-east-1a', id: 'use1-az4' },
      });
      expect(
        cluster.survivability?.zoneLosses.every(
          l => l.cpu.remaining === 23_520 && !l.survives,
        ),
      ).toBe(true);
      expect(cluster.summary.resilienceScore).toBe(41);
      const atRisk = await get<FleetListResponse>(
        '/clusters?verdict=at-risk&zone=use1-az4&account=444455556666',
      );
      expect(atRisk.items.map(c => c.ref.name)).toContain('search-prod-use1');
    });

    it('shows a zonal shift started out of band after one refresh', async () => {
      const arc = new ArcZonalShiftClient({
        region: 'us-east-1',
        endpoint: sim.url,
        credentials: {
          accessKeyId: accessKeyIdFor(PROD),
          secretAccessKey: SIMULATOR_SECRET_ACCESS_KEY,
        },
      });
      const started = await arc.startZonalShift({
        resourceIdentifier: PAYMENTS_USE1,
        awayFrom: 'use1-az2',
        expiresIn: '2h',
        comment: 'out of band',
      });

      await refresh(backend);

      const shifted = await get<FleetListResponse>(
        '/clusters?shiftState=zonal-shift',
      );
      expect(shifted.items.map(c => c.ref.arn)).toEqual([PAYMENTS_USE1]);
      expect(shifted.items[0].shiftAwayFrom).toEqual({
        name: 'us-east-1b',
        id: 'use1-az2',
      });
      expect(shifted.items[0].activeShift).toMatchObject({
        zonalShiftId: started.zonalShiftId,
        shiftType: 'ZONAL_SHIFT',
        comment: 'out of band',
      });
      const history = await get<ShiftHistoryResponse>(
        `/shifts?cluster=${encodeURIComponent(PAYMENTS_USE1)}&status=ACTIVE`,
      );
      expect(history.items.map(s => s.zonalShiftId)).toEqual([
        started.zonalShiftId,
      ]);
      expect(history.items[0].cluster.name).toBe('payments-prod-use1');
      const cluster = await detail(PAYMENTS_USE1);
      expect(cluster.activeShifts.map(s => s.zonalShiftId)).toEqual([
        started.zonalShiftId,
      ]);
      expect(cluster.appliedWeights).toMatchObject({ 'use1-az2': 0 });
      // EKS cordoned the 3 nodes in use1-az2: only 23520m stays schedulable,
      // and losing one more AZ would leave 11760m < 12900m.
      expect(cluster.summary.capacity?.schedulableNodeCount).toBe(6);
      expect(cluster.summary.survivability.verdict).toBe('at-risk');

      await arc.cancelZonalShift(started.zonalShiftId);
      await refresh(backend);
      const after = await detail(PAYMENTS_USE1);
      expect(after.summary.shiftState).toBe('none');
      expect(after.pastShifts.map(s => [s.zonalShiftId, s.status])).toEqual([
        [started.zonalShiftId, 'CANCELED'],
      ]);
    });

    it('marks a cluster whose Kubernetes API fails stale, keeps its data, and refreshes the rest', async () => {
      const broken = await startBrokenApiServer();
      const cluster = sim.model.cluster(IDENTITY_EUW1)!;
      const endpoint = cluster.endpoint;
      const before = await detail(IDENTITY_EUW1);
      try {
        cluster.endpoint = `${broken.url}/k8s/broken`;
        await refresh(backend);
      } finally {
        cluster.endpoint = endpoint;
        await broken.close();
      }

      const stale = await get<FleetListResponse>('/clusters?freshness=stale');
      expect(stale.items.map(c => c.ref.arn)).toEqual([IDENTITY_EUW1]);
      const health = stale.items[0].health;
      // Classified for readers; the server's own text is in the log.
      expect(health.lastError).toBe('Kubernetes API: service error');
      expect(health.lastSuccessAt).toBe(before.summary.health.lastSuccessAt);
      expect(health.ageSeconds).toBeGreaterThanOrEqual(0);
      const after = await detail(IDENTITY_EUW1);
      expect(after.capacity).toEqual(before.capacity);
      expect(after.summary.survivability).toEqual(before.summary.survivability);
      expect(after.refresh).toEqual([
        expect.objectContaining({ source: 'kubernetes', ok: false }),
      ]);
      const fresh = await get<FleetListResponse>(
        '/clusters?freshness=fresh&limit=500',
      );
      expect(fresh.totalCount).toBe(11);
      expect(
        fresh.items.every(
          c =>
            Date.parse(c.health.lastSuccessAt!) >
            Date.parse(health.lastSuccessAt!),
        ),
      ).toBe(true);

      // With its API back, the next refresh makes it fresh again.
      await refresh(backend);
      expect((await detail(IDENTITY_EUW1)).summary.health.freshness).toBe(
        'fresh',
      );
    });

    it('answers bad parameters with 400 and unknown clusters with 404, in Backstage’s error format', async () => {
      for (const path of [
        '/clusters?limit=1000',
        '/clusters?limit=abc',
        '/clusters?shiftState=sideways',
        '/clusters?zone=mars-1a',
        '/clusters?sort=owner',
        '/shifts?since=last-week',
        `/clusters/${encodeURIComponent('arn:aws:s3:::bucket')}`,
      ]) {
        const response = await request(backend.server).get(`${API}${path}`);
        expect({ path, status: response.status }).toEqual({
          path,
          status: 400,
        });
        expect(response.body.error).toMatchObject({
          name: 'InputError',
          message: expect.any(String),
        });
      }
      const missing = await request(backend.server).get(
        `${API}${fleetClusterPath(arn(PROD, 'us-east-1', 'nope'))}`,
      );
      expect(missing.status).toBe(404);
      expect(missing.body.error.name).toBe('NotFoundError');
    });
  },
);

describe('with throttling and server errors injected at 20%', () => {
  it.each(databases.eachSupportedId())(
    'loses nothing on %p',
    async databaseId => {
      const sim = await startSimulator({ fleet: DEMO_FLEET, port: 0, seed: 7 });
      const backend = await startFleetBackend({
        config: simulatorConfig(sim, { maxAttempts: 10 }),
        knex: await databases.init(databaseId),
      });
      try {
        const rates = { throttleRate: 0.1, errorRate: 0.1 };
        sim.setFaults({
          seed: 7,
          services: {
            config: rates,
            eks: rates,
            resiliencehub: rates,
            'arc-zonal-shift': rates,
            kubernetes: rates,
          },
        });
        await refresh(backend);
        // The faults were there: plain requests without retries meet them.
        const endpoint = sim.model.cluster(SEARCH_USE1)!.endpoint;
        const statuses: number[] = [];
        for (let i = 0; i < 40; i++) {
          const response = await fetch(`${endpoint}/api/v1/nodes?limit=1`, {
            headers: { authorization: `Bearer ${SIMULATOR_KUBE_TOKEN}` },
          });
          statuses.push(response.status);
        }
        expect(statuses).toEqual(expect.arrayContaining([200, 429, 500]));
        sim.setFaults({ seed: 7, services: {} });

        const status = (
          await request(backend.server).get(`${API}/refresh-status`)
        ).body as RefreshStatusResponse;
        expect(status.sources.filter(s => !s.ok)).toEqual([]);
        expect(status.clusters).toEqual({
          total: 12,
          fresh: 12,
          stale: 0,
          never: 0,
        });
        const list = (
          await request(backend.server).get(`${API}/clusters?limit=500`)
        ).body as FleetListResponse;
        expect(
          list.items.every(
            c => c.zonalShiftEnabled !== undefined && c.capacity !== undefined,
          ),
        ).toBe(true);
        const search = (
          await request(backend.server).get(
            `${API}${fleetClusterPath(SEARCH_USE1)}`,
          )
        ).body as FleetClusterDetail;
        expect(search.capacity?.totalRequested).toEqual(SEARCH_REQUESTED);
        expect(search.summary.resilienceScore).toBe(41);
      } finally {
        await backend.stop();
        await sim.stop();
      }
    },
  );
});

describe('without the read permission', () => {
  it('answers 403 on every route', async () => {
    const sim = await startSimulator({ fleet: DEMO_FLEET, port: 0 });
    const backend = await startFleetBackend({
      config: simulatorConfig(sim),
      permission: AuthorizeResult.DENY,
    });
    try {
      for (const [method, path] of [
        ['get', '/clusters'],
        ['get', fleetClusterPath(PAYMENTS_USE1)],
        ['get', '/shifts'],
        ['get', '/refresh-status'],
        ['post', '/refresh'],
      ] as const) {
        const response = await request(backend.server)[method](`${API}${path}`);
        expect({ path, status: response.status }).toEqual({
          path,
          status: 403,
        });
        expect(response.body.error.name).toBe('NotAllowedError');
      }
    } finally {
      await backend.stop();
      await sim.stop();
    }
  });
});
