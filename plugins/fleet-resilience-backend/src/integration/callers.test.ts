/**
 * Who may use the mutating routes, against the real plugin and the
 * simulator over HTTP: users, and service principals only when named in
 * `fleetResilience.actions.allowedServices` (a service token whose subject
 * looks like a user is still a service, audited as `service:<subject>`);
 * `POST /fleet-shifts` needs read first, lists the clusters the caller may
 * read and shifts only those it may shift; `POST /refresh` has its own
 * permission and a cooldown.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import type { TestBackend } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  fleetResilienceClusterReadPermission,
  RESOURCE_TYPE_FLEET_RESILIENCE_CLUSTER,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  createFleetResilienceClusterConditionalDecision,
  fleetResilienceClusterConditions as conditions,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import {
  startSimulator,
  type RunningSimulator,
} from '@fleet-resilience/fleet-simulator';
import type {
  AuditEventsResponse,
  FleetListResponse,
  FleetShiftResponse,
  ShiftActionResponse,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import request from 'supertest';
import {
  API,
  DEMO_FLEET,
  refresh,
  serviceHeader,
  simulatorConfig,
  startFleetBackend,
  userHeader,
} from '../__testUtils__/fleetBackend';
import { policyPermissions } from '../__testUtils__/policyPermissions';
import {
  activeIn,
  arcShifts,
  PAYMENTS_TEAM,
  PROD,
  PAYMENTS_USE1,
  SEARCH_USE1,
  shiftsPath,
} from '../__testUtils__/shiftActionsBackend';

jest.setTimeout(180_000);

const databases = TestDatabases.create();

/** May read everything, and shift only payments-prod-use1 in use1-az1 (conditionally). */
const PARTIAL = 'user:default/partial';
/** May do nothing. */
const NO_READ = 'user:default/no-read';
const ALLOWED_SERVICE = 'incident-bot';
const NOT_ALLOWED =
  'You may not start a zonal shift on this cluster (fleet-resilience.shift.start)';

const running: { backend?: TestBackend } = {};
const permissions = policyPermissions(
  (user, permission) => {
    if (user === NO_READ) {
      return { result: AuthorizeResult.DENY };
    }
    if (
      user === PARTIAL &&
      permission.name !== fleetResilienceClusterReadPermission.name &&
      isResourcePermission(permission, RESOURCE_TYPE_FLEET_RESILIENCE_CLUSTER)
    ) {
      return createFleetResilienceClusterConditionalDecision(permission, {
        allOf: [
          conditions.isClusterOwner({ claims: [PAYMENTS_TEAM] }),
          conditions.isInAccount({ accountIds: [PROD] }),
        ],
      });
    }
    return { result: AuthorizeResult.ALLOW };
  },
  () => running.backend!,
);

describe.each(databases.eachSupportedId())('callers on %p', databaseId => {
  let sim: RunningSimulator;
  let backend: TestBackend;
  const http = () => request(backend.server);
  const auditCount = async () =>
    (
      (await http().get(`${API}/audit?limit=1`).expect(200))
        .body as AuditEventsResponse
    ).totalCount;

  beforeAll(async () => {
    sim = await startSimulator({ fleet: DEMO_FLEET, port: 0 });
    const base = simulatorConfig(sim, { maxAttempts: 10 });
    backend = await startFleetBackend({
      config: {
        ...base,
        fleetResilience: {
          ...base.fleetResilience,
          actions: { allowedServices: [ALLOWED_SERVICE, 'plugin:ops'] },
          refresh: { manualCooldown: { minutes: 1 } },
        },
      },
      knex: await databases.init(databaseId),
      permissions,
    });
    running.backend = backend;
    await refresh(backend);
  });

  afterAll(async () => {
    await backend?.stop();
    await sim?.stop();
  });

  it('answers a second POST /refresh within the cooldown with 429 and Retry-After', async () => {
    const response = await http().post(`${API}/refresh`).expect(429);
    const seconds = Number(response.headers['retry-after']);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(60);
    expect(response.body).toEqual({
      error: {
        name: 'TooManyRequestsError',
        message: `The fleet was refreshed less than 60 s ago; try again in ${seconds} s`,
      },
      request: { method: 'POST', url: `${API}/refresh` },
      response: { statusCode: 429 },
    });
  });

  it.each(['plugin:catalog', 'external:incident-bot', 'user:default/alice'])(
    'refuses the service %p on every mutating route, changes nothing and audits each attempt on the cluster',
    async subject => {
      const auditBefore = await auditCount();
      const arcBefore = await arcShifts(sim, PAYMENTS_USE1);
      const body = { awayFrom: 'use1-az1', expiresIn: '1h', comment: 'x' };
      const shift = `${shiftsPath(PAYMENTS_USE1)}/0123456789abcdef`;
      for (const call of [
        () => http().post(shiftsPath(PAYMENTS_USE1)).send(body),
        () => http().patch(shift).send({ expiresIn: '2h' }),
        () => http().delete(shift),
        () => http().post(`${API}/fleet-shifts`).send(body),
        () => http().post(`${API}/refresh`),
      ]) {
        const response = await call().set(serviceHeader(subject));
        expect(response.status).toBe(403);
        expect(response.body.error).toEqual({
          name: 'NotAllowedError',
          message: `The service principal ${JSON.stringify(
            subject,
          )} may not change zonal shifts or refresh the fleet: only users may, and the services named in fleetResilience.actions.allowedServices`,
        });
      }
      // A service may still read.
      await http()
        .get(`${API}/clusters`)
        .set(serviceHeader(subject))
        .expect(200);
      expect(await arcShifts(sim, PAYMENTS_USE1)).toEqual(arcBefore);
      // The three attempts on the cluster are audited as denied, by the
      // service (never read as a user); the fleet shift and the refresh
      // name no cluster.
      expect(await auditCount()).toBe(auditBefore + 3);
      const audit = (
        await http().get(`${API}/audit?outcome=denied&limit=3`).expect(200)
      ).body as AuditEventsResponse;
      expect(
        audit.items.map(e => [e.action, e.actor, e.cluster.arn]).sort(),
      ).toEqual(
        ['shift.cancel', 'shift.start', 'shift.update'].map(action => [
          action,
          `service:${subject}`,
          PAYMENTS_USE1,
        ]),
      );
    },
  );

  it('lets a named service act, audited as service:<subject>', async () => {
    const started = await http()
      .post(shiftsPath(PAYMENTS_USE1))
      .set(serviceHeader(ALLOWED_SERVICE))
      .send({ awayFrom: 'use1-az1', expiresIn: '1h', comment: 'bot' })
      .expect(201);
    const { shift, auditEventId } = started.body as ShiftActionResponse;
    const audit = (
      await http().get(`${API}/audit?action=shift.start&limit=500`).expect(200)
    ).body as AuditEventsResponse;
    expect(audit.items.find(e => e.id === auditEventId)?.actor).toBe(
      `service:${ALLOWED_SERVICE}`,
    );
    await http()
      .delete(`${shiftsPath(PAYMENTS_USE1)}/${shift.zonalShiftId}`)
      .set(serviceHeader(ALLOWED_SERVICE))
      .expect(200);
    expect(activeIn(await arcShifts(sim, PAYMENTS_USE1))).toEqual([]);
  });

  it('answers POST /fleet-shifts without read with 403 before reading the body', async () => {
    const response = await http()
      .post(`${API}/fleet-shifts`)
      .set(userHeader(NO_READ))
      .send({ awayFrom: 'nowhere', dryRun: 'maybe' });
    expect(response.status).toBe(403);
    expect(response.body.error.message).toBe(
      'Not allowed to read the fleet (fleet-resilience.cluster.read)',
    );
  });

  it('lists the clusters the caller may read, and the real run shifts only those it may shift, auditing the others as denied', async () => {
    const inZone = (
      (await http().get(`${API}/clusters?zone=use1-az1&limit=500`).expect(200))
        .body as FleetListResponse
    ).items.map(c => c.ref.arn);
    expect(inZone).toEqual(
      expect.arrayContaining([PAYMENTS_USE1, SEARCH_USE1]),
    );
    const body = { awayFrom: 'use1-az1', expiresIn: '1h', comment: 'AZ event' };

    const dry = (
      await http()
        .post(`${API}/fleet-shifts`)
        .set(userHeader(PARTIAL))
        .send({ ...body, dryRun: true })
        .expect(200)
    ).body as FleetShiftResponse;
    expect(dry.items.map(i => i.cluster.arn).sort()).toEqual(
      [...inZone].sort(),
    );
    expect(
      dry.items.map(i => [i.cluster.arn, i.outcome, i.reason]).sort(),
    ).toEqual(
      inZone
        .map(arn =>
          arn === PAYMENTS_USE1
            ? [arn, 'eligible', undefined]
            : [arn, 'skipped', NOT_ALLOWED],
        )
        .sort(),
    );
    expect(dry.hidden).toBe(0);

    // A subset is planned the same way.
    const subset = (
      await http()
        .post(`${API}/fleet-shifts`)
        .set(userHeader(PARTIAL))
        .send({ ...body, dryRun: true, clusters: [SEARCH_USE1] })
        .expect(200)
    ).body as FleetShiftResponse;
    expect(subset.items).toMatchObject([
      {
        cluster: { arn: SEARCH_USE1 },
        outcome: 'skipped',
        reason: NOT_ALLOWED,
      },
    ]);
    expect(subset.hidden).toBe(0);

    const auditBefore = await auditCount();
    const run = (
      await http()
        .post(`${API}/fleet-shifts`)
        .set(userHeader(PARTIAL))
        .send(body)
        .expect(200)
    ).body as FleetShiftResponse;
    expect(
      run.items.map(i => [i.cluster.arn, i.outcome, i.reason]).sort(),
    ).toEqual(
      inZone
        .map(arn =>
          arn === PAYMENTS_USE1
            ? [arn, 'started', undefined]
            : [arn, 'denied', NOT_ALLOWED],
        )
        .sort(),
    );
    expect(activeIn(await arcShifts(sim, SEARCH_USE1))).toEqual([]);
    const shifted = activeIn(await arcShifts(sim, PAYMENTS_USE1));
    expect(shifted.map(s => s.awayFrom)).toEqual(['use1-az1']);
    // One row per cluster: the start, and each denial (an intent row, if
    // any, is not counted apart).
    const audit = (await http().get(`${API}/audit?limit=500`).expect(200))
      .body as AuditEventsResponse;
    const newEvents = audit.items.slice(0, audit.totalCount - auditBefore);
    expect(
      newEvents.map(e => [e.cluster.arn, e.outcome, e.actor]).sort(),
    ).toEqual(
      inZone
        .map(arn => [
          arn,
          arn === PAYMENTS_USE1 ? 'success' : 'denied',
          PARTIAL,
        ])
        .sort(),
    );
    const startedShift = run.items.find(i => i.shift)!.shift!;
    await http()
      .delete(`${shiftsPath(PAYMENTS_USE1)}/${startedShift.zonalShiftId}`)
      .expect(200);
  });
});
