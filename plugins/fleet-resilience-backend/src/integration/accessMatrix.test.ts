/**
 * Who may do what, decided for real: the plugin, Backstage's permission
 * backend and the shipped policy module (config-driven: platform-team are
 * admins, owners read and shift their own clusters, refresh by admins), the
 * real permissions service calling the permission backend over HTTP, and
 * the simulator serving examples/fleets/demo.yaml. Only identity is given:
 * each user's ownership claims (what sign-in puts in the token) come from a
 * userInfo stand-in. Every read and action route is checked for an admin,
 * an owner, a member of another team and a service token.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
  type TestBackend,
} from '@backstage/backend-test-utils';
import {
  startSimulator,
  type RunningSimulator,
} from '@fleet-resilience/fleet-simulator';
import {
  fleetClusterPath,
  fleetResilienceClusterReadPermission,
  fleetResilienceShiftStartPermission,
  type FleetListResponse,
  type FleetShiftResponse,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import request from 'supertest';
import {
  API,
  clusterArnOf,
  DEMO_FLEET,
  serviceHeader,
  simulatorConfig,
} from '../__testUtils__/fleetBackend';
import {
  DANA,
  PAT,
  PAYMENTS_USE1,
  PROD,
  SAM,
  SEARCH_USE1,
  SHIPPED_POLICY_CONFIG,
  shippedPolicyFeatures,
} from '../__testUtils__/shippedPolicy';
import { fleetResiliencePlugin } from '../plugin';

jest.setTimeout(180_000);

const databases = TestDatabases.create();

const SERVICE = 'plugin:catalog';

type Who = 'admin' | 'owner' | 'other' | 'service';
const HEADERS: Record<Who, { Authorization: string }> = {
  admin: { Authorization: mockCredentials.user.header(PAT) },
  owner: { Authorization: mockCredentials.user.header(DANA) },
  other: { Authorization: mockCredentials.user.header(SAM) },
  service: serviceHeader(SERVICE),
};
const WHO: Who[] = ['admin', 'owner', 'other', 'service'];

async function startBackend(
  sim: RunningSimulator,
  knex: unknown,
): Promise<TestBackend> {
  const base = simulatorConfig(sim, { maxAttempts: 10 });
  return startTestBackend({
    features: [
      fleetResiliencePlugin,
      ...shippedPolicyFeatures(),
      mockServices.rootConfig.factory({
        data: {
          ...base,
          permission: { enabled: true },
          fleetResilience: {
            ...base.fleetResilience,
            policy: SHIPPED_POLICY_CONFIG,
          },
        } as never,
      }),
      mockServices.database.factory({ knex: knex as never }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
    ],
  });
}

describe.each(databases.eachSupportedId())(
  'who may do what with the shipped policy on %p',
  databaseId => {
    let sim: RunningSimulator;
    let backend: TestBackend;
    const http = () => request(backend.server);
    const get = (who: Who, path: string) =>
      http().get(`${API}${path}`).set(HEADERS[who]);
    const list = async (who: Who, path = '/clusters?limit=100') =>
      (await get(who, path).expect(200)).body as FleetListResponse;
    let owners: Map<string, string | undefined>;

    beforeAll(async () => {
      sim = await startSimulator({ fleet: DEMO_FLEET, port: 0 });
      backend = await startBackend(sim, await databases.init(databaseId));
      await http().post(`${API}/refresh`).set(HEADERS.admin).expect(202);
      const all = await list('admin');
      owners = new Map(all.items.map(c => [c.ref.arn, c.owner]));
    });

    afterAll(async () => {
      await backend?.stop();
      await sim?.stop();
    });

    const arnsOf = (body: { items: Array<{ ref: { arn: string } }> }) =>
      body.items.map(c => c.ref.arn).sort();
    const ownedBy = (team: string) =>
      [...owners]
        .filter(([, owner]) => owner === team)
        .map(([a]) => a)
        .sort();

    it('lists every cluster to the admin and a service, and to each developer their team’s only, counted in the query', async () => {
      expect(owners.size).toBeGreaterThan(6);
      for (const who of ['admin', 'service'] as const) {
        expect(arnsOf(await list(who))).toEqual([...owners.keys()].sort());
      }
      const payments = ownedBy('payments-team');
      const search = ownedBy('search-team');
      expect(payments).toContain(PAYMENTS_USE1);
      expect(search).toContain(SEARCH_USE1);
      const dana = await list('owner');
      expect(arnsOf(dana)).toEqual(payments);
      expect(dana.totalCount).toBe(payments.length);
      const page = await list('owner', '/clusters?limit=1&offset=1');
      expect(page.totalCount).toBe(payments.length);
      expect(page.items).toHaveLength(1);
      expect(arnsOf(await list('other'))).toEqual(search);
      const inventory = (await get('owner', '/inventory').expect(200)).body as {
        items: Array<{ arn?: string; ref?: { arn: string } }>;
      };
      expect(inventory.items.map(c => c.ref?.arn ?? c.arn).sort()).toEqual(
        payments,
      );
      const status = (await get('owner', '/refresh-status').expect(200)).body;
      expect(status.clusters.total).toBe(payments.length);
    });

    it.each([
      ['detail', ''],
      ['shift impact', '/shift-impact?awayFrom=use1-az2'],
      ['reconciler status', '/reconcile'],
    ])(
      'answers a foreign cluster’s %s like an unknown one, and its own normally',
      async (_what, suffix) => {
        const path = (arn: string) => `${fleetClusterPath(arn)}${suffix}`;
        const expected: Record<Who, number> = {
          admin: 200,
          owner: 200,
          other: 404,
          service: 200,
        };
        for (const who of WHO) {
          const response = await get(who, path(PAYMENTS_USE1));
          expect([who, response.status]).toEqual([who, expected[who]]);
        }
        const foreign = await get('other', path(PAYMENTS_USE1));
        const unknown = await get(
          'other',
          path(clusterArnOf(PROD, 'us-east-1', 'no-such-cluster')),
        );
        expect(foreign.body.error).toEqual({
          ...unknown.body.error,
          message: unknown.body.error.message.replace(
            'no-such-cluster',
            'payments-prod-use1',
          ),
        });
      },
    );

    it('lets the owner and the admin shift the cluster, refuses the other team and an unnamed service, and shows the shift only to readers', async () => {
      const start = (who: Who) =>
        http()
          .post(`${API}${fleetClusterPath(PAYMENTS_USE1)}/shifts`)
          .set(HEADERS[who])
          .send({ awayFrom: 'use1-az2', expiresIn: '1h', comment: who });
      expect((await start('other')).status).toBe(403);
      expect((await start('service')).status).toBe(403);
      const started = await start('owner').expect(201);
      const id = started.body.shift.zonalShiftId as string;
      const shiftPath = `${API}${fleetClusterPath(PAYMENTS_USE1)}/shifts/${id}`;

      expect(
        (
          await http()
            .patch(shiftPath)
            .set(HEADERS.other)
            .send({ expiresIn: '2h', comment: 'not mine' })
        ).status,
      ).toBe(403);
      await http()
        .patch(shiftPath)
        .set(HEADERS.admin)
        .send({ expiresIn: '2h', comment: 'platform extends' })
        .expect(200);

      const shiftsSeen = async (who: Who) =>
        (await get(who, '/shifts?limit=100').expect(200)).body.items.map(
          (s: { zonalShiftId: string }) => s.zonalShiftId,
        );
      expect(await shiftsSeen('admin')).toContain(id);
      expect(await shiftsSeen('owner')).toContain(id);
      expect(await shiftsSeen('other')).not.toContain(id);
      const auditSeen = async (who: Who) =>
        (await get(who, '/audit?limit=100').expect(200)).body.items.map(
          (e: { cluster: { arn: string } }) => e.cluster.arn,
        );
      expect(await auditSeen('owner')).toContain(PAYMENTS_USE1);
      expect(await auditSeen('other')).not.toContain(PAYMENTS_USE1);
      expect(await auditSeen('admin')).toContain(PAYMENTS_USE1);

      expect((await http().delete(shiftPath).set(HEADERS.other)).status).toBe(
        403,
      );
      await http().delete(shiftPath).set(HEADERS.owner).expect(200);
    });

    it('answers the frontend’s per-cluster question through the permission backend with the same rules', async () => {
      const ask = async (who: Who, resourceRef: string) => {
        const response = await http()
          .post('/api/permission/authorize')
          .set(HEADERS[who])
          .send({
            items: [
              {
                id: '1',
                permission: fleetResilienceShiftStartPermission,
                resourceRef,
              },
              {
                id: '2',
                permission: fleetResilienceClusterReadPermission,
                resourceRef,
              },
            ],
          })
          .expect(200);
        return response.body.items.map((i: { result: string }) => i.result);
      };
      expect(await ask('owner', PAYMENTS_USE1)).toEqual(['ALLOW', 'ALLOW']);
      expect(await ask('owner', SEARCH_USE1)).toEqual(['DENY', 'DENY']);
      expect(await ask('other', SEARCH_USE1)).toEqual(['ALLOW', 'ALLOW']);
      expect(await ask('admin', SEARCH_USE1)).toEqual(['ALLOW', 'ALLOW']);
    });

    it('plans a fleet-wide shift over the clusters each caller may read, naming none other', async () => {
      const dryRun = (who: Who) =>
        http().post(`${API}/fleet-shifts`).set(HEADERS[who]).send({
          awayFrom: 'use1-az2',
          expiresIn: '1h',
          comment: 'dry run',
          dryRun: true,
        });
      const admin = (await dryRun('admin').expect(200))
        .body as FleetShiftResponse;
      const dana = (await dryRun('owner').expect(200))
        .body as FleetShiftResponse;
      const inAz = admin.items.map(i => i.cluster.arn);
      const danas = inAz.filter(a => owners.get(a) === 'payments-team');
      expect(danas.length).toBeGreaterThan(0);
      expect(dana.items.map(i => i.cluster.arn).sort()).toEqual(danas.sort());
      expect(dana.hidden).toBe(inAz.length - danas.length);
      expect(JSON.stringify(dana)).not.toContain('search-');
      expect((await dryRun('service')).status).toBe(403);
    });

    it('lets only the admin refresh the fleet', async () => {
      const refresh = (who: Who) =>
        http().post(`${API}/refresh`).set(HEADERS[who]);
      expect((await refresh('owner')).status).toBe(403);
      expect((await refresh('other')).status).toBe(403);
      expect((await refresh('service')).status).toBe(403);
      expect((await refresh('admin')).status).toBe(202);
    });
  },
);
