/**
 * Fault test: the backend is killed (SIGKILL) after ARC applied a start but
 * before the outcome row was written. The backend runs in a process of its
 * own on a database another process can share; the simulator (ARC on a wall
 * clock) runs here and holds the applied StartZonalShift's answer
 * (hangAfterApplyRate 1). A new backend on the same database resolves the
 * pending intent against ARC: success with ARC's shift ID, the shift stored,
 * and ARC holds exactly one shift. On every test database.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  createWallClock,
  startSimulator,
  type RunningSimulator,
} from '@fleet-resilience/fleet-simulator';
import {
  fleetClusterPath,
  type AuditEventsResponse,
  type FleetClusterDetail,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  API,
  DEMO_FLEET,
  simulatorConfig,
} from '../__testUtils__/fleetBackend';
import {
  sharedDatabaseConfig,
  startChildBackend,
  type ChildBackend,
} from '../__testUtils__/childBackendProcess';
import {
  arcShifts,
  PAYMENTS_USE1,
  shiftsPath,
} from '../__testUtils__/shiftActionsBackend';

jest.setTimeout(90_000);

const LEASE_MS = 2_000;
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Polls `probe` until it returns a value, or fails after `timeoutMs`. */
async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(200);
  }
}

async function getJson<T>(url: string): Promise<T | undefined> {
  const response = await fetch(url);
  return response.ok ? ((await response.json()) as T) : undefined;
}

const databases = TestDatabases.create();

describe.each(databases.eachSupportedId())(
  'a backend killed between the ARC call and the outcome row, on %p',
  databaseId => {
    let sim: RunningSimulator;
    let stopClock: () => void;
    const children: ChildBackend[] = [];

    beforeAll(async () => {
      const wall = createWallClock(50);
      stopClock = wall.stop;
      sim = await startSimulator({
        fleet: DEMO_FLEET,
        port: 0,
        clock: wall.clock,
      });
    });

    afterAll(async () => {
      await Promise.all(children.map(c => c.kill('SIGKILL')));
      await sim?.stop();
      stopClock?.();
    });

    it('resolves the intent to the shift ARC applied, stores it, and ARC has exactly one shift', async () => {
      const config = {
        ...simulatorConfig(sim),
        backend: { database: sharedDatabaseConfig(databaseId) },
      };
      config.fleetResilience = {
        ...config.fleetResilience,
        actions: { idempotencyLeaseMs: LEASE_MS },
      } as typeof config.fleetResilience;
      const first = await startChildBackend(config);
      children.push(first);
      const detailUrl = `${first.url}${API}${fleetClusterPath(PAYMENTS_USE1)}`;
      // The start-up refresh stores the cluster and EKS's zonal shift setting.
      await eventually('the cluster to be stored', async () => {
        const detail = await getJson<FleetClusterDetail>(detailUrl);
        return detail?.summary.zonalShiftEnabled ? detail : undefined;
      });

      sim.setFaults({
        seed: 1,
        services: { 'arc-zonal-shift': { hangAfterApplyRate: 1 } },
      });
      const body = { awayFrom: 'use1-az2', expiresIn: '1h', comment: 'crash' };
      const request = fetch(`${first.url}${shiftsPath(PAYMENTS_USE1)}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Idempotency-Key': 'crash-1',
        },
        body: JSON.stringify(body),
      }).catch((error: Error) => error);
      // ARC applied it; its answer is held. Now the backend dies.
      const [applied] = await eventually('ARC to apply the start', async () => {
        const shifts = await arcShifts(sim, PAYMENTS_USE1);
        return shifts.length > 0 ? shifts : undefined;
      });
      await first.kill('SIGKILL');
      // The caller lost the connection: no answer.
      expect(await request).toHaveProperty('message', 'fetch failed');
      sim.setFaults({ seed: 1, services: {} });

      const second = await startChildBackend(config);
      children.push(second);
      const auditUrl = `${second.url}${API}/audit?cluster=${encodeURIComponent(
        PAYMENTS_USE1,
      )}`;
      const resolved = await eventually(
        'the intent to be resolved',
        async () => {
          const audit = await getJson<AuditEventsResponse>(auditUrl);
          return audit?.items.some(e => e.outcome !== 'pending')
            ? audit
            : undefined;
        },
      );
      expect(resolved.items).toEqual([
        expect.objectContaining({
          action: 'shift.start',
          actor: 'user:default/mock',
          outcome: 'success',
          inputs: expect.objectContaining({
            ...body,
            idempotencyKey: 'crash-1',
            zonalShiftId: applied.zonalShiftId,
          }),
        }),
      ]);
      const arc = await arcShifts(sim, PAYMENTS_USE1);
      expect(arc.map(s => [s.zonalShiftId, s.status])).toEqual([
        [applied.zonalShiftId, 'ACTIVE'],
      ]);
      const detail = (await getJson<FleetClusterDetail>(
        `${second.url}${API}${fleetClusterPath(PAYMENTS_USE1)}`,
      ))!;
      expect(detail.summary.activeShift?.zonalShiftId).toBe(
        applied.zonalShiftId,
      );
      expect(detail.summary.shiftState).toBe('zonal-shift');
      // The caller's retry with its key gets the resolved answer; ARC is not called again.
      const retry = await fetch(`${second.url}${shiftsPath(PAYMENTS_USE1)}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Idempotency-Key': 'crash-1',
        },
        body: JSON.stringify(body),
      });
      expect(retry.status).toBe(201);
      expect(await retry.json()).toMatchObject({
        replayed: true,
        auditEventId: resolved.items[0].id,
        shift: { zonalShiftId: applied.zonalShiftId },
      });
      expect(await arcShifts(sim, PAYMENTS_USE1)).toHaveLength(1);
    });
  },
);
