/**
 * Shift actions end to end: the real plugin in a test backend, the real ARC
 * client against the simulator serving examples/fleets/demo.yaml over HTTP,
 * on every test database engine. Signals and notifications are captured by
 * service mocks; permissions by a mock policy that denies one user.
 */
import { resolve as resolvePath } from 'node:path';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
  type TestBackend,
} from '@backstage/backend-test-utils';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  AuthorizeResult,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  accessKeyIdFor,
  SIMULATOR_SECRET_ACCESS_KEY,
  startSimulator,
  type RunningSimulator,
} from '@fleet-resilience/fleet-simulator';
import {
  clusterEntityRef,
  fleetClusterPath,
  FLEET_SIGNAL_CHANNEL,
  IDEMPOTENCY_KEY_HEADER,
  type AuditEventsResponse,
  type FleetClusterDetail,
  type FleetListResponse,
  type FleetShiftResponse,
  type ShiftActionResponse,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  ArcZonalShiftClient,
  type ZonalShiftSummary,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import request from 'supertest';
import { API, refresh, simulatorConfig } from '../__testUtils__/fleetBackend';
import { fleetResiliencePlugin } from '../plugin';

jest.setTimeout(180_000);

const DEMO_FLEET = resolvePath(
  __dirname,
  '../../../../examples/fleets/demo.yaml',
);
const PROD = '111122223333';
const SHARED = '444455556666';
const arn = (account: string, region: string, name: string) =>
  `arn:aws:eks:${region}:${account}:cluster/${name}`;
const PAYMENTS_USE1 = arn(PROD, 'us-east-1', 'payments-prod-use1');
const PLATFORM_TOOLS_USE1 = arn(PROD, 'us-east-1', 'platform-tools-use1');
const SEARCH_USE1 = arn(SHARED, 'us-east-1', 'search-prod-use1');
const IDENTITY_EUW1 = arn(PROD, 'eu-west-1', 'identity-prod-euw1');
const MALLORY = 'user:default/mallory';
const NOBODY = 'user:default/nobody';
const OTHER = 'user:default/other';

const shiftsPath = (clusterArn: string) =>
  `${API}${fleetClusterPath(clusterArn)}/shifts`;

async function startBackend(sim: RunningSimulator, knex: unknown) {
  const signals = { publish: jest.fn(async (_signal: any) => {}) };
  const notifications = { send: jest.fn(async (_notification: any) => {}) };
  // Reading is allowed to all; shift actions to everyone but Mallory.
  const permissions = mockServices.permissions.mock({
    authorize: async (requests, options) => {
      const user = (options.credentials.principal as { userEntityRef?: string })
        .userEntityRef;
      return requests.map(r => ({
        result:
          user === NOBODY ||
          ('permission' in r &&
            isResourcePermission(r.permission) &&
            user === MALLORY)
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      }));
    },
  });
  const backend = await startTestBackend({
    features: [
      fleetResiliencePlugin,
      mockServices.rootConfig.factory({
        data: simulatorConfig(sim, { maxAttempts: 10 }) as never,
      }),
      mockServices.database.factory({ knex: knex as never }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      permissions.factory,
      createServiceFactory({
        service: signalsServiceRef,
        deps: {},
        factory: () => signals,
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => notifications,
      }),
    ],
  });
  return { backend, signals, notifications, permissions };
}

function arcClient(sim: RunningSimulator, accountId: string, region: string) {
  return new ArcZonalShiftClient({
    region,
    endpoint: sim.url,
    credentials: {
      accessKeyId: accessKeyIdFor(accountId),
      secretAccessKey: SIMULATOR_SECRET_ACCESS_KEY,
    },
  });
}

/** ARC's own list of a cluster's shifts, straight from the simulator. */
async function arcShifts(
  sim: RunningSimulator,
  clusterArn: string,
): Promise<ZonalShiftSummary[]> {
  const [, , , region, accountId] = clusterArn.split(':');
  const items: ZonalShiftSummary[] = [];
  for await (const page of arcClient(
    sim,
    accountId,
    region,
  ).paginateZonalShifts({
    resourceIdentifier: clusterArn,
  })) {
    items.push(...page.items);
  }
  return items;
}

const activeIn = (shifts: ZonalShiftSummary[]) =>
  shifts.filter(s => s.status === 'ACTIVE');

const databases = TestDatabases.create();

describe.each(databases.eachSupportedId())(
  'shift actions on %p',
  databaseId => {
    let sim: RunningSimulator;
    let backend: TestBackend;
    let signals: { publish: jest.Mock };
    let notifications: { send: jest.Mock };
    let startCalls: jest.SpyInstance;
    let updateCalls: jest.SpyInstance;
    let cancelCalls: jest.SpyInstance;

    const http = () => request(backend.server);
    const as = (user: string) => ({
      Authorization: mockCredentials.user.header(user),
    });
    const detail = async (clusterArn: string) =>
      (
        await http()
          .get(`${API}${fleetClusterPath(clusterArn)}`)
          .expect(200)
      ).body as FleetClusterDetail;
    const audit = async (query: string) =>
      (await http().get(`${API}/audit?${query}`).expect(200))
        .body as AuditEventsResponse;

    beforeAll(async () => {
      sim = await startSimulator({ fleet: DEMO_FLEET, port: 0 });
      ({ backend, signals, notifications } = await startBackend(
        sim,
        await databases.init(databaseId),
      ));
      await refresh(backend);
    });

    beforeEach(() => {
      startCalls = jest.spyOn(ArcZonalShiftClient.prototype, 'startZonalShift');
      updateCalls = jest.spyOn(
        ArcZonalShiftClient.prototype,
        'updateZonalShift',
      );
      cancelCalls = jest.spyOn(
        ArcZonalShiftClient.prototype,
        'cancelZonalShift',
      );
      signals.publish.mockClear();
      notifications.send.mockClear();
    });

    afterEach(() => {
      jest.restoreAllMocks();
      sim.setFaults({ seed: 1, services: {} });
    });

    afterAll(async () => {
      await backend?.stop();
      await sim?.stop();
    });

    it('starts, extends and cancels a shift: ARC first, the API at once, audited, signalled, the owner notified', async () => {
      // Start, naming the AZ by its name: the API takes the cluster's own mapping.
      const started = await http()
        .post(shiftsPath(PAYMENTS_USE1))
        .send({
          awayFrom: 'us-east-1b',
          expiresIn: '2h',
          comment: '  elevated 5xx in use1-az2  ',
        })
        .expect(201);
      const response = started.body as ShiftActionResponse;
      expect(response.replayed).toBe(false);
      expect(response.shift).toMatchObject({
        resourceIdentifier: PAYMENTS_USE1,
        awayFrom: 'use1-az2',
        status: 'ACTIVE',
        shiftType: 'ZONAL_SHIFT',
        comment: 'elevated 5xx in use1-az2',
        actor: 'user:default/mock',
      });
      const id = response.shift.zonalShiftId;
      expect(
        activeIn(await arcShifts(sim, PAYMENTS_USE1)).map(s => [
          s.zonalShiftId,
          s.awayFrom,
        ]),
      ).toEqual([[id, 'use1-az2']]);
      // Stored at once: no refresh in between.
      let cluster = await detail(PAYMENTS_USE1);
      expect(cluster.summary.shiftState).toBe('zonal-shift');
      expect(cluster.summary.shiftAwayFrom).toEqual({
        name: 'us-east-1b',
        id: 'use1-az2',
      });
      expect(cluster.summary.activeShift).toMatchObject({
        zonalShiftId: id,
        actor: 'user:default/mock',
      });
      expect(cluster.activeShifts.map(s => s.zonalShiftId)).toEqual([id]);
      expect(cluster.appliedWeights).toMatchObject({
        'use1-az2': 0,
        'use1-az1': 1,
      });

      expect(signals.publish).toHaveBeenCalledWith({
        recipients: { type: 'broadcast' },
        channel: FLEET_SIGNAL_CHANNEL,
        message: {
          type: 'shift-changed',
          clusterArn: PAYMENTS_USE1,
          zonalShiftId: id,
        },
      });
      expect(notifications.send).toHaveBeenCalledWith({
        recipients: {
          type: 'entity',
          entityRef: 'group:default/payments-team',
        },
        payload: expect.objectContaining({
          title: 'Zonal shift started on payments-prod-use1',
          link: `/catalog/default/resource/${
            clusterEntityRef({
              accountId: PROD,
              region: 'us-east-1',
              name: 'payments-prod-use1',
            }).split('/')[1]
          }`,
          severity: 'high',
        }),
      });
      const [event] = (
        await audit(`cluster=${encodeURIComponent(PAYMENTS_USE1)}&limit=1`)
      ).items;
      expect(event).toMatchObject({
        id: response.auditEventId,
        actor: 'user:default/mock',
        action: 'shift.start',
        outcome: 'success',
        cluster: { arn: PAYMENTS_USE1, name: 'payments-prod-use1' },
        inputs: {
          awayFrom: 'use1-az2',
          expiresIn: '2h',
          comment: 'elevated 5xx in use1-az2',
          zonalShiftId: id,
        },
      });

      // Extend.
      const before = (await arcShifts(sim, PAYMENTS_USE1)).find(
        s => s.zonalShiftId === id,
      )!;
      const extended = await http()
        .patch(`${shiftsPath(PAYMENTS_USE1)}/${id}`)
        .send({ expiresIn: '6h', comment: 'still bad' })
        .expect(200);
      expect(extended.body.shift).toMatchObject({
        zonalShiftId: id,
        status: 'ACTIVE',
        comment: 'still bad',
        actor: 'user:default/mock',
      });
      const after = (await arcShifts(sim, PAYMENTS_USE1)).find(
        s => s.zonalShiftId === id,
      )!;
      expect(after.expiryTime.getTime() - before.expiryTime.getTime()).toBe(
        4 * 3600_000,
      );
      expect(after.comment).toBe('still bad');
      expect(
        (await detail(PAYMENTS_USE1)).summary.activeShift?.expiryTime,
      ).toBe(after.expiryTime.toISOString());

      // Cancel.
      const canceled = await http()
        .delete(`${shiftsPath(PAYMENTS_USE1)}/${id}`)
        .expect(200);
      expect(canceled.body.shift).toMatchObject({
        zonalShiftId: id,
        status: 'CANCELED',
      });
      expect(
        (await arcShifts(sim, PAYMENTS_USE1)).find(s => s.zonalShiftId === id)
          ?.status,
      ).toBe('CANCELED');
      cluster = await detail(PAYMENTS_USE1);
      expect(cluster.summary.shiftState).toBe('none');
      expect(cluster.activeShifts).toEqual([]);
      expect(cluster.pastShifts.map(s => [s.zonalShiftId, s.status])).toEqual([
        [id, 'CANCELED'],
      ]);
      expect(signals.publish).toHaveBeenCalledTimes(3);
      expect(
        notifications.send.mock.calls.map(([n]) => n.payload.title),
      ).toEqual([
        'Zonal shift started on payments-prod-use1',
        'Zonal shift updated on payments-prod-use1',
        'Zonal shift canceled on payments-prod-use1',
      ]);
      const trail = await audit(`cluster=${encodeURIComponent(PAYMENTS_USE1)}`);
      expect(trail.items.slice(0, 3).map(e => [e.action, e.outcome])).toEqual([
        ['shift.cancel', 'success'],
        ['shift.update', 'success'],
        ['shift.start', 'success'],
      ]);

      // A refresh agrees with what was stored.
      await refresh(backend);
      expect(
        (await detail(PAYMENTS_USE1)).pastShifts.map(s => [
          s.zonalShiftId,
          s.status,
          s.actor,
        ]),
      ).toEqual([[id, 'CANCELED', 'user:default/mock']]);
    });

    it('answers a second start with 409 and ARC’s reason, and never starts two shifts', async () => {
      const body = { awayFrom: 'use1-az1', expiresIn: '1h', comment: 'first' };
      const first = await http()
        .post(shiftsPath(SEARCH_USE1))
        .send(body)
        .expect(201);
      const second = await http()
        .post(shiftsPath(SEARCH_USE1))
        .send({ ...body, comment: 'second' });
      expect(second.status).toBe(409);
      expect(second.body.error.name).toBe('ConflictError');
      expect(second.body.error.message).toMatch(/ZonalShiftAlreadyExists/);
      expect(second.body.error.message).toContain(
        first.body.shift.zonalShiftId,
      );
      expect(activeIn(await arcShifts(sim, SEARCH_USE1))).toHaveLength(1);
      const [failure] = (
        await audit(
          `cluster=${encodeURIComponent(SEARCH_USE1)}&outcome=failure`,
        )
      ).items;
      expect(failure).toMatchObject({
        action: 'shift.start',
        inputs: { comment: 'second' },
        errorMessage: expect.stringMatching(/ZonalShiftAlreadyExists/),
      });

      // Cancelling an ended shift: ARC's ZonalShiftStatusNotActive.
      await http()
        .delete(`${shiftsPath(SEARCH_USE1)}/${first.body.shift.zonalShiftId}`)
        .expect(200);
      const again = await http().delete(
        `${shiftsPath(SEARCH_USE1)}/${first.body.shift.zonalShiftId}`,
      );
      expect(again.status).toBe(409);
      expect(again.body.error.message).toMatch(/ZonalShiftStatusNotActive/);
    });

    it('refuses a cluster without zonal shift with 409, without calling ARC', async () => {
      const response = await http()
        .post(shiftsPath(PLATFORM_TOOLS_USE1))
        .send({ awayFrom: 'use1-az1', expiresIn: '1h', comment: 'test' });
      expect(response.status).toBe(409);
      expect(response.body.error.message).toMatch(
        /Zonal shift is not enabled on platform-tools-use1/,
      );
      expect(startCalls).not.toHaveBeenCalled();
      const [event] = (
        await audit(`cluster=${encodeURIComponent(PLATFORM_TOOLS_USE1)}`)
      ).items;
      expect(event).toMatchObject({
        action: 'shift.start',
        outcome: 'failure',
      });
    });

    it('replays a retried Idempotency-Key without calling ARC again, and refuses the key for another body or user', async () => {
      const key = `retry-${databaseId}`;
      const body = {
        awayFrom: 'euw1-az1',
        expiresIn: '30m',
        comment: 'idempotent',
      };
      const first = await http()
        .post(shiftsPath(IDENTITY_EUW1))
        .set(IDEMPOTENCY_KEY_HEADER, key)
        .send(body)
        .expect(201);
      const retry = await http()
        .post(shiftsPath(IDENTITY_EUW1))
        .set(IDEMPOTENCY_KEY_HEADER, key)
        .send(body)
        .expect(201);
      expect(first.body.replayed).toBe(false);
      expect(retry.body).toEqual({ ...first.body, replayed: true });
      expect(startCalls).toHaveBeenCalledTimes(1);
      expect(activeIn(await arcShifts(sim, IDENTITY_EUW1))).toHaveLength(1);

      const otherBody = await http()
        .post(shiftsPath(IDENTITY_EUW1))
        .set(IDEMPOTENCY_KEY_HEADER, key)
        .send({ ...body, expiresIn: '1h' });
      expect(otherBody.status).toBe(409);
      expect(otherBody.body.error.message).toMatch(
        /already used for a different request/,
      );
      const otherUser = await http()
        .post(shiftsPath(IDENTITY_EUW1))
        .set(as(OTHER))
        .set(IDEMPOTENCY_KEY_HEADER, key)
        .send(body);
      expect(otherUser.status).toBe(409);
      expect(otherUser.body.error.message).toMatch(
        /already used by another user/,
      );
      expect(startCalls).toHaveBeenCalledTimes(1);

      // Two requests with one new key at once: one calls ARC, the other gets its answer.
      const cancelKey = `cancel-${databaseId}`;
      const id = first.body.shift.zonalShiftId;
      const both = await Promise.all(
        [1, 2].map(() =>
          http()
            .delete(`${shiftsPath(IDENTITY_EUW1)}/${id}`)
            .set(IDEMPOTENCY_KEY_HEADER, cancelKey),
        ),
      );
      expect(both.map(r => r.status)).toEqual([200, 200]);
      expect(both.map(r => r.body.replayed).sort()).toEqual([false, true]);
      expect(cancelCalls).toHaveBeenCalledTimes(1);
      expect(updateCalls).not.toHaveBeenCalled();
    });

    it('answers 403 to a user without the permission, changes nothing in ARC and audits the denial', async () => {
      const response = await http()
        .post(shiftsPath(PAYMENTS_USE1))
        .set(as(MALLORY))
        .send({ awayFrom: 'use1-az1', expiresIn: '1h', comment: 'let me' });
      expect(response.status).toBe(403);
      expect(response.body.error.name).toBe('NotAllowedError');
      expect(response.body.error.message).toContain(
        'fleet-resilience.shift.start',
      );
      expect(startCalls).not.toHaveBeenCalled();
      expect(activeIn(await arcShifts(sim, PAYMENTS_USE1))).toEqual([]);
      const denied = await audit(
        `outcome=denied&cluster=${encodeURIComponent(PAYMENTS_USE1)}`,
      );
      expect(denied.items[0]).toMatchObject({
        actor: MALLORY,
        action: 'shift.start',
        outcome: 'denied',
        inputs: { awayFrom: 'use1-az1', expiresIn: '1h', comment: 'let me' },
        errorMessage: expect.stringContaining('Not allowed'),
      });
    });

    it('answers bad requests with 400 and a message that names the problem', async () => {
      const cases: Array<[string, () => request.Test, RegExp]> = [
        [
          'no comment',
          () =>
            http()
              .post(shiftsPath(PAYMENTS_USE1))
              .send({ awayFrom: 'use1-az1', expiresIn: '1h' }),
          /comment: is required/,
        ],
        [
          'bad expiry',
          () =>
            http()
              .post(shiftsPath(PAYMENTS_USE1))
              .send({ awayFrom: 'use1-az1', expiresIn: '0h', comment: 'x' }),
          /expiresIn: "0h"/,
        ],
        [
          'too long',
          () =>
            http()
              .post(shiftsPath(PAYMENTS_USE1))
              .send({ awayFrom: 'use1-az1', expiresIn: '73h', comment: 'x' }),
          /72h/,
        ],
        [
          'foreign AZ',
          () =>
            http()
              .post(shiftsPath(PAYMENTS_USE1))
              .send({ awayFrom: 'use1-az6', expiresIn: '1h', comment: 'x' }),
          /not an AZ of this cluster; choose one of use1-az1 \(us-east-1a\)/,
        ],
        [
          'unknown field',
          () =>
            http().post(shiftsPath(PAYMENTS_USE1)).send({
              awayFrom: 'use1-az1',
              expiresIn: '1h',
              comment: 'x',
              force: true,
            }),
          /Unknown field "force"/,
        ],
        [
          'not JSON',
          () =>
            http()
              .post(shiftsPath(PAYMENTS_USE1))
              .set('Content-Type', 'application/json')
              .send('{"awayFrom":'),
          /not valid JSON/,
        ],
        [
          'empty update',
          () =>
            http()
              .patch(`${shiftsPath(PAYMENTS_USE1)}/abcdef-123`)
              .send({}),
          /give extendBy or a new expiresIn, a new comment, or both/,
        ],
        [
          'bad shift ID',
          () => http().delete(`${shiftsPath(PAYMENTS_USE1)}/..%2F..`),
          /Invalid zonal shift ID/,
        ],
        [
          'bad key',
          () =>
            http()
              .post(shiftsPath(PAYMENTS_USE1))
              .set(IDEMPOTENCY_KEY_HEADER, 'has spaces')
              .send({}),
          /Invalid Idempotency-Key/,
        ],
        [
          'bad ARN',
          () =>
            http()
              .post(
                `${API}/clusters/${encodeURIComponent(
                  'arn:aws:s3:::bucket',
                )}/shifts`,
              )
              .send({}),
          /Invalid cluster ARN/,
        ],
        [
          'fleet AZ name',
          () =>
            http()
              .post(`${API}/fleet-shifts`)
              .send({ awayFrom: 'us-east-1a', expiresIn: '1h', comment: 'x' }),
          /awayFrom: "us-east-1a" is not an AZ ID such as use1-az2/,
        ],
        [
          'audit param',
          () => http().get(`${API}/audit?outcome=maybe`),
          /Invalid outcome "maybe"/,
        ],
      ];
      for (const [name, send, message] of cases) {
        const response = await send();
        expect({
          name,
          status: response.status,
          error: response.body.error?.name,
        }).toEqual({ name, status: 400, error: 'InputError' });
        expect(response.body.error.message).toMatch(message);
      }
      expect(startCalls).not.toHaveBeenCalled();
      // Validation failures on a known cluster by a known user are audited too.
      const failures = await audit(
        `cluster=${encodeURIComponent(
          PAYMENTS_USE1,
        )}&outcome=failure&action=shift.start`,
      );
      expect(failures.items.map(e => e.errorMessage)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/comment: is required/),
          expect.stringMatching(/Unknown field "force"/),
        ]),
      );
      // A shift ID of another cluster is not this cluster's.
      const other = await http()
        .post(shiftsPath(SEARCH_USE1))
        .send({ awayFrom: 'use1-az4', expiresIn: '1h', comment: 'mine' })
        .expect(201);
      const foreign = await http().delete(
        `${shiftsPath(PAYMENTS_USE1)}/${other.body.shift.zonalShiftId}`,
      );
      expect(foreign.status).toBe(404);
      expect(foreign.body.error.message).toMatch(
        /is not a shift of payments-prod-use1/,
      );
      expect(cancelCalls).not.toHaveBeenCalled();
      await http()
        .delete(`${shiftsPath(SEARCH_USE1)}/${other.body.shift.zonalShiftId}`)
        .expect(200);
    });

    it('plans a fleet-wide shift in a dry run, then starts it on the eligible clusters', async () => {
      const inZone = (
        (
          await http()
            .get(`${API}/clusters?zone=use1-az1&limit=500`)
            .expect(200)
        ).body as FleetListResponse
      ).items;
      expect(inZone.length).toBeGreaterThanOrEqual(3);
      const body = {
        awayFrom: 'use1-az1',
        expiresIn: '1h',
        comment: 'AZ event use1-az1',
      };

      const dry = (
        await http()
          .post(`${API}/fleet-shifts`)
          .send({ ...body, dryRun: true })
          .expect(200)
      ).body as FleetShiftResponse;
      expect(dry.dryRun).toBe(true);
      expect(dry.items.map(i => i.cluster.arn).sort()).toEqual(
        inZone.map(c => c.ref.arn).sort(),
      );
      const item = (clusterArn: string) =>
        dry.items.find(i => i.cluster.arn === clusterArn)!;
      expect(item(PAYMENTS_USE1)).toMatchObject({
        outcome: 'eligible',
        verdict: 'survives',
        zone: { id: 'use1-az1', name: 'us-east-1a' },
      });
      expect(item(SEARCH_USE1)).toMatchObject({
        outcome: 'eligible',
        verdict: 'at-risk',
        zone: { id: 'use1-az1', name: 'us-east-1c' },
      });
      expect(item(SEARCH_USE1).verdictReason).toMatch(
        /us-east-1c \(use1-az1\) leaves 85% of the CPU/,
      );
      expect(item(PLATFORM_TOOLS_USE1)).toMatchObject({
        outcome: 'skipped',
        reason: 'zonal shift is not enabled on the cluster',
      });
      expect(startCalls).not.toHaveBeenCalled();
      const eligible = dry.items
        .filter(i => i.outcome === 'eligible')
        .map(i => i.cluster.arn)
        .sort();
      expect(dry.counts).toMatchObject({
        eligible: eligible.length,
        started: 0,
      });

      const forMallory = (
        await http()
          .post(`${API}/fleet-shifts`)
          .set(as(MALLORY))
          .send({ ...body, dryRun: true })
          .expect(200)
      ).body as FleetShiftResponse;
      expect(
        forMallory.items.every(i => i.outcome === 'skipped' && i.reason),
      ).toBe(true);

      const key = `fleet-${databaseId}`;
      const run = (
        await http()
          .post(`${API}/fleet-shifts`)
          .set(IDEMPOTENCY_KEY_HEADER, key)
          .send(body)
          .expect(200)
      ).body as FleetShiftResponse;
      expect(run.dryRun).toBe(false);
      expect(
        run.items
          .filter(i => i.outcome === 'started')
          .map(i => i.cluster.arn)
          .sort(),
      ).toEqual(eligible);
      expect(run.counts).toMatchObject({
        started: eligible.length,
        failed: 0,
        denied: 0,
      });
      for (const clusterArn of eligible) {
        const active = activeIn(await arcShifts(sim, clusterArn));
        expect(active.map(s => s.awayFrom)).toEqual(['use1-az1']);
        expect((await detail(clusterArn)).summary.shiftState).toBe(
          'zonal-shift',
        );
      }
      const progress = signals.publish.mock.calls
        .map(([s]) => s.message)
        .filter(m => m.type === 'fleet-shift-progress');
      expect(progress).toHaveLength(run.items.length);
      expect(
        progress.every(
          m => m.operationId === key && m.total === run.items.length,
        ),
      ).toBe(true);
      expect(Math.max(...progress.map(m => m.done))).toBe(run.items.length);
      const audited = await audit(
        `action=shift.start&outcome=success&limit=500`,
      );
      expect(
        audited.items
          .filter(e => e.inputs.operationId === key)
          .map(e => e.cluster.arn)
          .sort(),
      ).toEqual(eligible);

      // The same key again: the same answer, nothing started twice.
      const replay = (
        await http()
          .post(`${API}/fleet-shifts`)
          .set(IDEMPOTENCY_KEY_HEADER, key)
          .send(body)
          .expect(200)
      ).body;
      expect(replay).toEqual({ ...run, replayed: true });
      expect(startCalls).toHaveBeenCalledTimes(eligible.length);

      // A second fleet run skips what is shifted already.
      const again = (
        await http()
          .post(`${API}/fleet-shifts`)
          .send({ ...body, dryRun: true })
          .expect(200)
      ).body as FleetShiftResponse;
      expect(again.counts.eligible).toBe(0);
      expect(
        again.items.find(i => i.cluster.arn === PAYMENTS_USE1)?.reason,
      ).toMatch(/already shifted away from use1-az1/);

      for (const started of run.items.filter(i => i.shift)) {
        await http()
          .delete(
            `${shiftsPath(started.cluster.arn)}/${started.shift!.zonalShiftId}`,
          )
          .expect(200);
      }
    });

    it('starts exactly one shift while ARC throttles', async () => {
      sim.setFaults({
        seed: 3,
        services: { 'arc-zonal-shift': { throttleRate: 0.5 } },
      });
      const response = await http()
        .post(shiftsPath(PAYMENTS_USE1))
        .set(IDEMPOTENCY_KEY_HEADER, `throttled-${databaseId}`)
        .send({
          awayFrom: 'use1-az4',
          expiresIn: '1h',
          comment: 'under throttling',
        });
      // The faults were there: a client that does not retry meets them.
      const once = new ArcZonalShiftClient({
        region: 'us-east-1',
        endpoint: sim.url,
        maxAttempts: 1,
        credentials: {
          accessKeyId: accessKeyIdFor(PROD),
          secretAccessKey: SIMULATOR_SECRET_ACCESS_KEY,
        },
      });
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, () =>
          once.listZonalShifts({ maxResults: 1 }).then(
            () => 'ok',
            (e: Error) => e.name,
          ),
        ),
      );
      expect(outcomes).toEqual(
        expect.arrayContaining(['ok', 'ThrottlingException']),
      );
      sim.setFaults({ seed: 1, services: {} });
      expect(response.status).toBe(201);
      const active = activeIn(await arcShifts(sim, PAYMENTS_USE1));
      expect(active.map(s => [s.zonalShiftId, s.awayFrom])).toEqual([
        [response.body.shift.zonalShiftId, 'use1-az4'],
      ]);
      await http()
        .delete(
          `${shiftsPath(PAYMENTS_USE1)}/${response.body.shift.zonalShiftId}`,
        )
        .expect(200);
    });

    it('updates and cancels a shift started out of band before any refresh (ARC tells whose it is)', async () => {
      const outOfBand = await arcClient(sim, PROD, 'eu-west-1').startZonalShift(
        {
          resourceIdentifier: IDENTITY_EUW1,
          awayFrom: 'euw1-az2',
          expiresIn: '1h',
          comment: 'from the console',
        },
      );
      const id = outOfBand.zonalShiftId;
      const updated = await http()
        .patch(`${shiftsPath(IDENTITY_EUW1)}/${id}`)
        .send({ comment: 'taken over' })
        .expect(200);
      expect(updated.body.shift).toMatchObject({
        zonalShiftId: id,
        comment: 'taken over',
        shiftType: 'ZONAL_SHIFT',
      });
      expect(updated.body.shift.actor).toBeUndefined();
      // Another cluster's URL does not reach it.
      const elsewhere = await http().delete(
        `${shiftsPath(PAYMENTS_USE1)}/${id}`,
      );
      expect(elsewhere.status).toBe(404);
      await http()
        .delete(`${shiftsPath(IDENTITY_EUW1)}/${id}`)
        .expect(200);
      expect(
        (await arcShifts(sim, IDENTITY_EUW1)).find(s => s.zonalShiftId === id)
          ?.status,
      ).toBe('CANCELED');
      expect((await detail(IDENTITY_EUW1)).summary.shiftState).toBe('none');
    });

    it('pages the audit trail newest first and filters it', async () => {
      const forbidden = await http().get(`${API}/audit`).set(as(NOBODY));
      expect(forbidden.status).toBe(403);
      expect(forbidden.body.error.name).toBe('NotAllowedError');
      const all = await audit('limit=500');
      expect(all.totalCount).toBe(all.items.length);
      const times = all.items.map(e => e.time);
      expect([...times].sort().reverse()).toEqual(times);
      const page = await audit('limit=2&offset=1');
      expect(page.items.map(e => e.id)).toEqual(
        all.items.slice(1, 3).map(e => e.id),
      );
      expect(page.paging).toEqual({ limit: 2, offset: 1, nextOffset: 3 });
      const cancels = await audit('action=shift.cancel');
      expect(cancels.items.length).toBeGreaterThan(0);
      expect(cancels.items.every(e => e.action === 'shift.cancel')).toBe(true);
    });
  },
);
