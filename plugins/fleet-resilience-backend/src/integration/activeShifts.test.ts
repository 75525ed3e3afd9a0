/**
 * `GET /active-shifts` and extending a shift, end to end: the real plugin in
 * a test backend on every test database engine, the real ARC client against
 * the simulator serving examples/fleets/demo.yaml. The simulator follows the
 * wall clock here (the routes decide expiry by the backend's clock, so the
 * two must agree).
 */
import {
  mockCredentials,
  TestDatabases,
  type TestBackend,
} from '@backstage/backend-test-utils';
import {
  accessKeyIdFor,
  createWallClock,
  SIMULATOR_SECRET_ACCESS_KEY,
  startSimulator,
  type RunningSimulator,
} from '@fleet-resilience/fleet-simulator';
import {
  clusterEntityRef,
  fleetClusterPath,
  IDEMPOTENCY_KEY_HEADER,
  parseEksClusterArn,
  type ActiveShiftEntry,
  type ActiveShiftsResponse,
  type AuditEventsResponse,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { ArcZonalShiftClient } from '@fleet-resilience/plugin-fleet-resilience-node';
import request from 'supertest';
import {
  API,
  clusterArnOf,
  DEMO_FLEET,
  refresh,
  simulatorConfig,
  startFleetBackend,
} from '../__testUtils__/fleetBackend';
import { control } from '../reconciler/__testUtils__/reconcilerBackend';

jest.setTimeout(180_000);

const PROD = '111122223333';
const SHARED = '444455556666';
const arn = clusterArnOf;
const PAYMENTS_USE1 = arn(PROD, 'us-east-1', 'payments-prod-use1');
const SEARCH_USE1 = arn(SHARED, 'us-east-1', 'search-prod-use1');
const INDEXER_USE1 = arn(PROD, 'us-east-1', 'search-indexer-use1');
const IDENTITY_EUW1 = arn(PROD, 'eu-west-1', 'identity-prod-euw1');
const NOBODY = 'user:default/nobody';
const HOUR = 3_600_000;

const shiftsPath = (clusterArn: string) =>
  `${API}${fleetClusterPath(clusterArn)}/shifts`;
const entityOf = (clusterArn: string) =>
  clusterEntityRef(parseEksClusterArn(clusterArn));

const databases = TestDatabases.create();

describe.each(databases.eachSupportedId())(
  'active shifts and extensions on %p',
  databaseId => {
    let sim: RunningSimulator;
    let stopClock: () => void;
    let backend: TestBackend;
    const http = () => request(backend.server);

    const active = async (query = 'limit=500') =>
      (await http().get(`${API}/active-shifts?${query}`).expect(200))
        .body as ActiveShiftsResponse;

    /** ARC's own expiry of a shift, straight from the simulator. */
    async function arcExpiry(
      clusterArn: string,
      zonalShiftId: string,
    ): Promise<number> {
      const { accountId, region } = parseEksClusterArn(clusterArn);
      const client = new ArcZonalShiftClient({
        region,
        endpoint: sim.url,
        credentials: {
          accessKeyId: accessKeyIdFor(accountId),
          secretAccessKey: SIMULATOR_SECRET_ACCESS_KEY,
        },
      });
      for await (const page of client.paginateZonalShifts({
        resourceIdentifier: clusterArn,
      })) {
        const found = page.items.find(s => s.zonalShiftId === zonalShiftId);
        if (found) return found.expiryTime.getTime();
      }
      throw new Error(`ARC does not know ${zonalShiftId}`);
    }

    beforeAll(async () => {
      // A 50 ms tick: ARC's clock trails the backend's by at most that.
      const wall = createWallClock(50);
      stopClock = wall.stop;
      sim = await startSimulator({
        fleet: DEMO_FLEET,
        port: 0,
        clock: wall.clock,
      });
      backend = await startFleetBackend({
        config: simulatorConfig(sim, { maxAttempts: 10 }),
        knex: (await databases.init(databaseId)) as never,
        denyUsers: [NOBODY],
      });
      await refresh(backend);
    });

    afterEach(() => {
      jest.restoreAllMocks();
    });

    afterAll(async () => {
      await backend?.stop();
      await sim?.stop();
      stopClock?.();
    });

    it('lists every shift of every type ARC applies or holds, applied first, and a revert lets the next apply at once', async () => {
      expect(await active()).toEqual({
        items: [],
        totalCount: 0,
        paging: { limit: 500, offset: 0 },
      });

      // A customer shift from the portal, then an autoshift of another AZ of the same cluster.
      const started = await http()
        .post(shiftsPath(IDENTITY_EUW1))
        .send({ awayFrom: 'euw1-az1', expiresIn: '2h', comment: 'bad deploy' })
        .expect(201);
      const customerId = started.body.shift.zonalShiftId as string;
      await control(sim, 'POST', 'autoshifts/start', {
        awayFrom: 'euw1-az2',
        resourceArns: [IDENTITY_EUW1],
      });
      // A practice run and an FIS experiment elsewhere.
      const practice = await control(sim, 'POST', 'practice-runs/start', {
        resourceArn: PAYMENTS_USE1,
        awayFrom: 'use1-az2',
        comment: 'weekly practice',
      });
      const fis = await control(sim, 'POST', 'fis-experiments/start', {
        resourceArn: SEARCH_USE1,
        awayFrom: 'use1-az1',
        duration: '30m',
      });
      await refresh(backend);

      const all = await active();
      expect(all.totalCount).toBe(4);
      const byKey = (e: ActiveShiftEntry) => `${e.cluster.name} ${e.shiftType}`;
      expect(
        [...all.items].sort((a, b) => byKey(a).localeCompare(byKey(b))),
      ).toEqual([
        {
          cluster: parseEksClusterArn(IDENTITY_EUW1),
          entityRef: entityOf(IDENTITY_EUW1),
          shiftType: 'ZONAL_AUTOSHIFT',
          awayFrom: { name: 'eu-west-1b', id: 'euw1-az2' },
          startTime: expect.any(String),
          applied: false,
        },
        {
          cluster: parseEksClusterArn(IDENTITY_EUW1),
          entityRef: entityOf(IDENTITY_EUW1),
          shiftType: 'ZONAL_SHIFT',
          awayFrom: { name: 'eu-west-1a', id: 'euw1-az1' },
          zonalShiftId: customerId,
          startTime: started.body.shift.startTime,
          expiryTime: started.body.shift.expiryTime,
          comment: 'bad deploy',
          actor: 'user:default/mock',
          applied: true,
        },
        expect.objectContaining({
          cluster: parseEksClusterArn(PAYMENTS_USE1),
          entityRef: entityOf(PAYMENTS_USE1),
          shiftType: 'PRACTICE_RUN',
          awayFrom: { name: 'us-east-1b', id: 'use1-az2' },
          zonalShiftId: practice.zonalShiftId,
          expiryTime: expect.any(String),
          applied: true,
        }),
        expect.objectContaining({
          cluster: parseEksClusterArn(SEARCH_USE1),
          shiftType: 'FIS_EXPERIMENT',
          // Account 444455556666 names use1-az1 us-east-1c.
          awayFrom: { name: 'us-east-1c', id: 'use1-az1' },
          zonalShiftId: fis.zonalShiftId,
          applied: true,
        }),
      ]);
      // Applied first, then newest start.
      const applied = all.items.map(e => e.applied);
      expect(applied).toEqual([true, true, true, false]);
      const starts = all.items.slice(0, 3).map(e => Date.parse(e.startTime));
      expect([...starts].sort((a, b) => b - a)).toEqual(starts);
      // Autoshift off (search-indexer-use1) or zonal shift off (platform-tools-use1): not concerned.
      expect(all.items.map(e => e.cluster.name)).not.toContain(
        'search-indexer-use1',
      );
      expect(all.items.map(e => e.cluster.name)).not.toContain(
        'platform-observability-euw1',
      );

      const page = await active('limit=2&offset=1');
      expect(page).toEqual({
        items: all.items.slice(1, 3),
        totalCount: 4,
        paging: { limit: 2, offset: 1, nextOffset: 3 },
      });

      // Reverting the customer shift: the autoshift applies at once, before any refresh.
      await http()
        .delete(`${shiftsPath(IDENTITY_EUW1)}/${customerId}`)
        .expect(200);
      const identity = (await active()).items.filter(
        e => e.cluster.arn === IDENTITY_EUW1,
      );
      expect(identity.map(e => [e.shiftType, e.applied])).toEqual([
        ['ZONAL_AUTOSHIFT', true],
      ]);

      await control(sim, 'POST', 'autoshifts/end', { awayFrom: 'euw1-az2' });
      await control(sim, 'POST', 'practice-runs/end', {
        zonalShiftId: practice.zonalShiftId,
      });
      await control(sim, 'POST', 'fis-experiments/end', {
        zonalShiftId: fis.zonalShiftId,
      });
      await refresh(backend);
      expect((await active()).items).toEqual([]);
    });

    it('answers bad paging with 400 naming the parameter, and a reader without permission with 403', async () => {
      for (const [query, message] of [
        ['limit=0', /Invalid limit "0": expected an integer from 1 to 500/],
        ['offset=x', /Invalid offset "x"/],
        [
          'cluster=a',
          /Unknown query parameter "cluster"; expected one of: limit, offset/,
        ],
      ] as const) {
        const response = await http().get(`${API}/active-shifts?${query}`);
        expect({
          query,
          status: response.status,
          name: response.body.error?.name,
        }).toEqual({
          query,
          status: 400,
          name: 'InputError',
        });
        expect(response.body.error.message).toMatch(message);
      }
      const forbidden = await http()
        .get(`${API}/active-shifts`)
        .set({ Authorization: mockCredentials.user.header(NOBODY) });
      expect(forbidden.status).toBe(403);
      expect(forbidden.body.error.name).toBe('NotAllowedError');
    });

    it('extends by adding to the current expiry, once per Idempotency-Key, refuses past 72 h, and audits before and after', async () => {
      const updates = jest.spyOn(
        ArcZonalShiftClient.prototype,
        'updateZonalShift',
      );
      const started = await http()
        .post(shiftsPath(INDEXER_USE1))
        .send({ awayFrom: 'use1-az1', expiresIn: '2h', comment: 'extend me' })
        .expect(201);
      const id = started.body.shift.zonalShiftId as string;
      const path = `${shiftsPath(INDEXER_USE1)}/${id}`;
      const before = await arcExpiry(INDEXER_USE1, id);

      const key = `extend-${databaseId}`;
      const extended = await http()
        .patch(path)
        .set(IDEMPOTENCY_KEY_HEADER, key)
        .send({ extendBy: '1h' })
        .expect(200);
      const after = await arcExpiry(INDEXER_USE1, id);
      // One hour later than before, not one hour from now; rounded up to the
      // minute, less at most the simulator's clock tick.
      expect(after - before).toBeGreaterThanOrEqual(HOUR - 1_000);
      expect(after - before).toBeLessThanOrEqual(HOUR + 61_000);
      expect(Date.parse(extended.body.shift.expiryTime)).toBe(after);

      const retried = await http()
        .patch(path)
        .set(IDEMPOTENCY_KEY_HEADER, key)
        .send({ extendBy: '1h' })
        .expect(200);
      expect(retried.body).toEqual({ ...extended.body, replayed: true });
      expect(await arcExpiry(INDEXER_USE1, id)).toBe(after);
      expect(updates).toHaveBeenCalledTimes(1);

      const tooLong = await http().patch(path).send({ extendBy: '71h' });
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.error.name).toBe('InputError');
      expect(tooLong.body.error.message).toMatch(
        /^Invalid zonal shift update: extendBy: adding 71 h would end the shift .* from now, and ARC allows at most 72 h from now; at most 69 h( \d+ min)? \((69h|\d+m)\) can be added now$/,
      );
      const both = await http()
        .patch(path)
        .send({ extendBy: '1h', expiresIn: '1h' });
      expect(both.status).toBe(400);
      expect(both.body.error.message).toMatch(
        /expiresIn, extendBy: give one of them/,
      );
      expect(await arcExpiry(INDEXER_USE1, id)).toBe(after);
      expect(updates).toHaveBeenCalledTimes(1);

      // expiresIn keeps ARC's meaning (from now), so it may shorten: the audit says so.
      await http().patch(path).send({ expiresIn: '30m' }).expect(200);
      const trail = (
        await http()
          .get(
            `${API}/audit?cluster=${encodeURIComponent(
              INDEXER_USE1,
            )}&action=shift.update`,
          )
          .expect(200)
      ).body as AuditEventsResponse;
      const shortened = trail.items.find(
        e => e.outcome === 'success' && e.inputs.expiresIn === '30m',
      )!;
      expect(shortened.inputs).toMatchObject({
        previousExpiry: new Date(after).toISOString(),
      });
      expect(Date.parse(String(shortened.inputs.newExpiry))).toBeLessThan(
        after,
      );
      const extension = trail.items.find(
        e => e.outcome === 'success' && e.inputs.extendBy === '1h',
      )!;
      expect(extension.inputs).toMatchObject({
        previousExpiry: new Date(before).toISOString(),
        newExpiry: new Date(after).toISOString(),
        arcExpiresIn: expect.stringMatching(/^\d+(m|h)$/),
      });
      expect(
        trail.items
          .filter(e => e.outcome === 'failure')
          .map(e => e.errorMessage),
      ).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/at most 69 h/),
          expect.stringMatching(/give one of them/),
        ]),
      );
      await http().delete(path).expect(200);
    });
  },
);
