/**
 * Fault test: ARC hangs. Two backend replicas (the real plugin in two test
 * backends on one database), the simulator (ARC on a wall clock) applying
 * every StartZonalShift and then never answering (hangAfterApplyRate 1).
 * One Idempotency-Key sent to both replicas: the replica that called ARC
 * answers 503 once the ARC client's timeout fires, saying ARC did not
 * answer; the other waits and answers 409 without calling ARC; the
 * simulator saw exactly one StartZonalShift. The intent stays pending, the
 * key is not given up, and the intent resolver resolves it to ARC's one
 * shift. On every test database.
 */
import { TestDatabases, type TestBackend } from '@backstage/backend-test-utils';
import {
  createWallClock,
  startSimulator,
  type RunningSimulator,
} from '@fleet-resilience/fleet-simulator';
import {
  IDEMPOTENCY_KEY_HEADER,
  type AuditEventsResponse,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { mockServices } from '@backstage/backend-test-utils';
import knexFactory, { type Knex } from 'knex';
import request from 'supertest';
import { IntentResolver } from '../actions/IntentResolver';
import { ActionReads } from '../database/ActionReads';
import { AuditStore } from '../database/AuditStore';
import { IdempotencyStore } from '../database/IdempotencyStore';
import {
  recordActionOutcome,
  recordNotApplied,
} from '../database/recordActionOutcome';
import { API, DEMO_FLEET, refresh } from '../__testUtils__/fleetBackend';
import {
  arcClient,
  arcShifts,
  IDENTITY_EUW1,
  PROD,
  shiftsPath,
  startShiftActionsBackend,
} from '../__testUtils__/shiftActionsBackend';

jest.setTimeout(60_000);

const LEASE_MS = 2_000;
/** The ARC client's timeouts (see the node package's ARC client settings). */
const ARC_TIMEOUTS = { attemptTimeoutMs: 1_000, deadlineMs: 2_500 };

const databases = TestDatabases.create();

/** The cluster's shifts but its seeded practice runs (the demo fleet's), which ARC started, not a caller. */
async function startedShifts(sim: Parameters<typeof arcShifts>[0]) {
  return (await arcShifts(sim, IDENTITY_EUW1)).filter(
    shift => shift.shiftType !== 'PRACTICE_RUN',
  );
}

describe.each(databases.eachSupportedId())(
  'ARC hangs, two replicas, on %p',
  databaseId => {
    let sim: RunningSimulator;
    let stopClock: () => void;
    let first: Knex;
    let second: Knex;
    const backends: TestBackend[] = [];

    beforeAll(async () => {
      const wall = createWallClock(50);
      stopClock = wall.stop;
      sim = await startSimulator({
        fleet: DEMO_FLEET,
        port: 0,
        clock: wall.clock,
      });
      first = await databases.init(databaseId);
      // PostgreSQL: a second connection pool, as a second replica has.
      second = databaseId.startsWith('POSTGRES')
        ? knexFactory(first.client.config)
        : first;
      const settings = {
        actions: { idempotencyLeaseMs: LEASE_MS, idempotencyWaitMs: 4_000 },
        aws: { arc: ARC_TIMEOUTS },
      };
      for (const knex of [first, second]) {
        const { backend } = await startShiftActionsBackend(sim, knex, settings);
        backends.push(backend);
      }
      await refresh(backends[0]);
    });

    afterAll(async () => {
      await Promise.all(backends.map(b => b.stop()));
      if (second && second !== first) await second.destroy();
      await sim?.stop();
      stopClock?.();
    });

    it('answers 503 when the timeout fires, never calls ARC twice for the key, and resolves the intent', async () => {
      sim.setFaults({
        seed: 1,
        services: { 'arc-zonal-shift': { hangAfterApplyRate: 1 } },
      });
      const body = { awayFrom: 'euw1-az2', expiresIn: '1h', comment: 'hang' };
      const send = (backend: TestBackend) =>
        request(backend.server)
          .post(shiftsPath(IDENTITY_EUW1))
          .set(IDEMPOTENCY_KEY_HEADER, `hang-${databaseId}`)
          .send(body);
      const startedAt = Date.now();
      const answers = await Promise.all([
        send(backends[0]),
        new Promise(resolve => setTimeout(resolve, 300)).then(() =>
          send(backends[1]),
        ),
      ]);
      const elapsed = Date.now() - startedAt;
      expect(answers.map(a => a.status)).toEqual([503, 409]);
      expect(answers[0].body.error.message).toMatch(
        /^ARC did not answer in time\. .*may or may not have happened/,
      );
      expect(answers[1].body.error.message).toMatch(/Idempotency-Key/);
      // The timeout fired: the caller was not held for as long as ARC held the socket.
      expect(elapsed).toBeLessThan(15_000);
      // The simulator saw one StartZonalShift: it applied it and held it.
      expect(sim.faults.held()).toMatchObject({ total: 1, appliedThenHeld: 1 });
      const [applied, ...more] = await startedShifts(sim);
      expect(more).toEqual([]);
      sim.setFaults({ seed: 1, services: {} });

      const audit = (
        await request(backends[1].server)
          .get(`${API}/audit?cluster=${encodeURIComponent(IDENTITY_EUW1)}`)
          .expect(200)
      ).body as AuditEventsResponse;
      expect(audit.items).toEqual([
        expect.objectContaining({ action: 'shift.start', outcome: 'pending' }),
      ]);
      expect(
        await new IdempotencyStore(first).get(`hang-${databaseId}`),
      ).toMatchObject({ state: 'pending' });

      // The resolver (as each replica runs it every half lease) finds ARC's shift.
      const resolver = new IntentResolver({
        audit: new AuditStore(second),
        reads: new ActionReads(second),
        keys: new IdempotencyStore(second),
        recordOutcome: (outcome, now) =>
          recordActionOutcome(second, outcome, now),
        recordNotApplied: (event, key, now) =>
          recordNotApplied(second, event, key, now),
        arc: async () => arcClient(sim, PROD, 'eu-west-1'),
        logger: mockServices.logger.mock(),
        leaseMs: LEASE_MS,
        now: () => new Date(Date.now() + LEASE_MS),
      });
      expect(await resolver.resolvePending()).toEqual({
        succeeded: 1,
        failed: 0,
        left: 0,
      });
      const retry = await send(backends[1]);
      expect(retry.status).toBe(201);
      expect(retry.body).toMatchObject({
        replayed: true,
        auditEventId: audit.items[0].id,
        shift: { zonalShiftId: applied.zonalShiftId },
      });
      expect(await startedShifts(sim)).toHaveLength(1);
    });
  },
);
