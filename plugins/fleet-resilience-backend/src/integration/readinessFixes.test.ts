/**
 * Readiness fixes end to end against the simulator, with the real backend,
 * the real scheduler and the shipped policy: zonal shift turned on through
 * the API and its EKS update followed to Successful on the simulator's
 * clock (the real AWS SDK reads it back, the cluster's readiness check
 * passes, the audit says so); practice runs configured then updated and
 * autoshift enabled then disabled (ARC's GetManagedResource reads them
 * back); refusals (another team: 403 audited, AWS unchanged; bad practice
 * runs: 400 naming the field, AWS unchanged; not applicable: 409); an
 * Idempotency-Key replay; a fleet dry run that changes nothing.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  startSimulator,
  type RunningSimulator,
} from '@fleet-resilience/fleet-simulator';
import {
  fleetClusterPath,
  IDEMPOTENCY_KEY_HEADER,
  type AuditEventsResponse,
  type FleetClusterDetail,
  type FleetReadinessFixResponse,
  type ReadinessFixResponse,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { TestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  API,
  clusterArnOf,
  DEMO_FLEET,
  serviceHeader,
} from '../__testUtils__/fleetBackend';
import { refreshedAsAdmin } from '../__testUtils__/mcpBackend';
import {
  managedResourceInArc,
  startReadinessBackend,
  zonalShiftInEks,
} from '../__testUtils__/readinessBackend';
import { DANA, PAT, SAM } from '../__testUtils__/shippedPolicy';
import { eventually } from '../reconciler/__testUtils__/reconcilerBackend';
import { mockCredentials } from '@backstage/backend-test-utils';

jest.setTimeout(240_000);

const PROD = '111122223333';
const SHARED = '444455556666';
const PLATFORM_TOOLS_USE1 = clusterArnOf(
  PROD,
  'us-east-1',
  'platform-tools-use1',
);
const PAYMENTS_USW2 = clusterArnOf(PROD, 'us-west-2', 'payments-prod-usw2');
const PAYMENTS_USE1 = clusterArnOf(PROD, 'us-east-1', 'payments-prod-use1');
const PAYMENTS_DR = clusterArnOf(SHARED, 'eu-west-1', 'payments-dr-euw1');
const SEARCH_USE1 = clusterArnOf(SHARED, 'us-east-1', 'search-prod-use1');

const ALARM = (name: string) =>
  `arn:aws:cloudwatch:us-west-2:${PROD}:alarm:${name}`;
const as = (user: string) => ({
  Authorization: mockCredentials.user.header(user),
});
const fixes = (arn: string) => `${API}${fleetClusterPath(arn)}/readiness-fixes`;

const databases = TestDatabases.create();

describe.each(databases.eachSupportedId())(
  'readiness fixes on %p',
  databaseId => {
    let sim: RunningSimulator;
    let backend: TestBackend;
    const http = () => request(backend.server);
    const detail = async (arn: string) =>
      (
        await http()
          .get(`${API}${fleetClusterPath(arn)}`)
          .set(as(PAT))
          .expect(200)
      ).body as FleetClusterDetail;
    const audit = async (query: string) =>
      (await http().get(`${API}/audit?${query}`).set(as(PAT)).expect(200))
        .body as AuditEventsResponse;

    beforeAll(async () => {
      sim = await startSimulator({ fleet: DEMO_FLEET, port: 0 });
      backend = await startReadinessBackend(
        sim,
        await databases.init(databaseId),
      );
      await refreshedAsAdmin(backend);
    });

    afterAll(async () => {
      await backend?.stop();
      await sim?.stop();
    });

    it('turns on zonal shift: the EKS update is followed to Successful on the simulator clock, read back by the AWS SDK, audited; a retry with the key replays', async () => {
      expect(await zonalShiftInEks(sim, PLATFORM_TOOLS_USE1)).toBe(false);
      const send = () =>
        http()
          .post(fixes(PLATFORM_TOOLS_USE1))
          .set(as(PAT))
          .set(IDEMPOTENCY_KEY_HEADER, 'readiness-zonal-shift-1')
          .send({ fix: 'enable-zonal-shift', comment: 'AZ readiness' });
      const first = (await send().expect(200)).body as ReadinessFixResponse;
      expect(first).toMatchObject({
        fix: 'enable-zonal-shift',
        status: 'in-progress',
        replayed: false,
        update: { status: 'InProgress' },
      });
      const updateId = first.update!.updateId;
      // The same key: the same answer, no second update in EKS.
      const replay = (await send().expect(200)).body as ReadinessFixResponse;
      expect(replay).toMatchObject({ replayed: true, update: { updateId } });
      expect(
        sim.eksUpdates.list(sim.model.cluster(PLATFORM_TOOLS_USE1)!),
      ).toHaveLength(1);
      // Not done before EKS is: the intent is pending, the detail shows it.
      expect(await zonalShiftInEks(sim, PLATFORM_TOOLS_USE1)).toBe(false);
      const pending = await audit(
        `cluster=${encodeURIComponent(
          PLATFORM_TOOLS_USE1,
        )}&action=readiness.zonal-shift.enable`,
      );
      expect(pending.items.map(e => e.outcome)).toEqual(['pending']);

      sim.advance(61_000);
      const query = `cluster=${encodeURIComponent(
        PLATFORM_TOOLS_USE1,
      )}&action=readiness.zonal-shift.enable`;
      const settled = await eventually(
        async () => {
          const trail = await audit(query);
          return trail.items[0]?.outcome === 'pending' ? undefined : trail;
        },
        30_000,
        'the update followed until it ended',
      );
      expect(settled.items).toHaveLength(1);
      expect(settled.items[0]).toMatchObject({
        actor: PAT,
        outcome: 'success',
        inputs: {
          fix: 'enable-zonal-shift',
          comment: 'AZ readiness',
          updateId,
          updateStatus: 'Successful',
        },
      });
      expect(await zonalShiftInEks(sim, PLATFORM_TOOLS_USE1)).toBe(true);
      // Described again and stored with the outcome: the check passes at once.
      const done = await detail(PLATFORM_TOOLS_USE1);
      expect(
        done.readiness?.checks.find(c => c.id === 'zonal-shift')?.verdict,
      ).toBe('pass');
      // Asked again: nothing to do, nothing called.
      const again = await http()
        .post(fixes(PLATFORM_TOOLS_USE1))
        .set(as(PAT))
        .send({ fix: 'enable-zonal-shift', comment: 'again' })
        .expect(200);
      expect(again.body.status).toBe('no-change');
      expect(
        sim.eksUpdates.list(sim.model.cluster(PLATFORM_TOOLS_USE1)!),
      ).toHaveLength(1);
    });

    it("refuses another team's fix and an unnamed service (403, audited as denied, ARC unchanged) and bad practice runs (400 naming the field, ARC unchanged)", async () => {
      const before = await managedResourceInArc(sim, PAYMENTS_USW2);
      const denied = await http()
        .post(fixes(PAYMENTS_USW2))
        .set(as(SAM))
        .send({ fix: 'disable-autoshift', comment: 'not mine' })
        .expect(403);
      expect(denied.body.error.message).toContain(
        'fleet-resilience.readiness.configure',
      );
      // A service the config does not name: 403 whatever the policy says.
      const service = await http()
        .post(fixes(PAYMENTS_USW2))
        .set(serviceHeader('plugin:catalog'))
        .send({ fix: 'disable-autoshift', comment: 'a plugin' })
        .expect(403);
      expect(service.body.error.message).toContain('allowedServices');
      const bad = await http()
        .post(fixes(PAYMENTS_USW2))
        .set(as(DANA))
        .send({
          fix: 'configure-practice-runs',
          comment: 'practice',
          practiceRuns: { outcomeAlarms: ['not-an-alarm'] },
        })
        .expect(400);
      expect(bad.body.error.message).toContain('practiceRuns.outcomeAlarms[0]');
      const unknownField = await http()
        .post(fixes(PAYMENTS_USW2))
        .set(as(DANA))
        .send({ fix: 'enable-autoshift', comment: 'x', force: true })
        .expect(400);
      expect(unknownField.body.error.message).toContain('"force"');
      expect(await managedResourceInArc(sim, PAYMENTS_USW2)).toEqual(before);
      const trail = await audit(`cluster=${encodeURIComponent(PAYMENTS_USW2)}`);
      expect(trail.items.map(e => [e.actor, e.action, e.outcome])).toEqual(
        expect.arrayContaining([
          [SAM, 'readiness.autoshift.disable', 'denied'],
          ['service:plugin:catalog', 'readiness.autoshift.disable', 'denied'],
          [DANA, 'readiness.practice-run.configure', 'failure'],
          [DANA, 'readiness.autoshift.enable', 'failure'],
        ]),
      );
    });

    it('configures practice runs (created, then updated), then enables and disables autoshift: ARC reads each back; autoshift before practice runs is a 409', async () => {
      const early = await http()
        .post(fixes(PAYMENTS_USW2))
        .set(as(DANA))
        .send({ fix: 'enable-autoshift', comment: 'too early' })
        .expect(409);
      expect(early.body.error.message).toContain('practice-run configuration');
      expect(
        (await managedResourceInArc(sim, PAYMENTS_USW2)).zonalAutoshiftStatus,
      ).not.toBe('ENABLED');

      const created = await http()
        .post(fixes(PAYMENTS_USW2))
        .set(as(DANA))
        .send({
          fix: 'configure-practice-runs',
          comment: 'weekly practice',
          practiceRuns: { outcomeAlarms: [ALARM('payments-usw2-5xx')] },
        })
        .expect(200);
      expect(created.body.status).toBe('applied');
      expect(
        (await managedResourceInArc(sim, PAYMENTS_USW2))
          .practiceRunConfiguration,
      ).toEqual({
        outcomeAlarms: [
          { type: 'CLOUDWATCH', alarmIdentifier: ALARM('payments-usw2-5xx') },
        ],
      });
      const updated = await http()
        .post(fixes(PAYMENTS_USW2))
        .set(as(DANA))
        .send({
          fix: 'configure-practice-runs',
          comment: 'not during the freeze',
          practiceRuns: {
            outcomeAlarms: [ALARM('payments-usw2-5xx')],
            blockedWindows: ['Fri:16:00-Fri:23:00'],
            blockedDates: ['2026-12-24'],
          },
        })
        .expect(200);
      expect(updated.body.status).toBe('applied');
      expect(
        (await managedResourceInArc(sim, PAYMENTS_USW2))
          .practiceRunConfiguration,
      ).toMatchObject({
        blockedWindows: ['Fri:16:00-Fri:23:00'],
        blockedDates: ['2026-12-24'],
      });

      await http()
        .post(fixes(PAYMENTS_USW2))
        .set(as(DANA))
        .send({ fix: 'enable-autoshift', comment: 'on' })
        .expect(200);
      expect(
        (await managedResourceInArc(sim, PAYMENTS_USW2)).zonalAutoshiftStatus,
      ).toBe('ENABLED');
      // Stored at once: the readiness check reads it without a refresh.
      const on = await detail(PAYMENTS_USW2);
      expect(
        on.readiness?.checks.find(c => c.id === 'zonal-autoshift')?.verdict,
      ).toBe('pass');
      await http()
        .post(fixes(PAYMENTS_USW2))
        .set(as(DANA))
        .send({ fix: 'disable-autoshift', comment: 'off' })
        .expect(200);
      expect(
        (await managedResourceInArc(sim, PAYMENTS_USW2)).zonalAutoshiftStatus,
      ).toBe('DISABLED');
      const trail = await audit(
        `cluster=${encodeURIComponent(PAYMENTS_USW2)}&outcome=success`,
      );
      expect(trail.items.map(e => e.action).sort()).toEqual([
        'readiness.autoshift.disable',
        'readiness.autoshift.enable',
        'readiness.practice-run.configure',
        'readiness.practice-run.configure',
      ]);
    });

    it('a fleet dry run says per cluster what would happen and changes nothing; naming a cluster the caller may not read is a 400', async () => {
      const before = await Promise.all(
        [PAYMENTS_USE1, PAYMENTS_DR].map(arn => managedResourceInArc(sim, arn)),
      );
      const plan = await http()
        .post(`${API}/fleet-readiness-fixes`)
        .set(as(DANA))
        .send({
          fix: 'enable-autoshift',
          comment: 'fleet',
          clusters: [PAYMENTS_USE1, PAYMENTS_DR],
        })
        .expect(200);
      const body = plan.body as FleetReadinessFixResponse;
      expect(body.dryRun).toBe(true);
      expect(
        Object.fromEntries(body.items.map(i => [i.cluster.name, i.outcome])),
      ).toEqual({
        'payments-prod-use1': 'no-change',
        'payments-dr-euw1': 'eligible',
      });
      expect(body.counts).toMatchObject({ eligible: 1, 'no-change': 1 });
      expect(
        await Promise.all(
          [PAYMENTS_USE1, PAYMENTS_DR].map(arn =>
            managedResourceInArc(sim, arn),
          ),
        ),
      ).toEqual(before);
      const hidden = await http()
        .post(`${API}/fleet-readiness-fixes`)
        .set(as(DANA))
        .send({
          fix: 'enable-autoshift',
          comment: 'x',
          clusters: [SEARCH_USE1],
        })
        .expect(400);
      expect(hidden.body.error.message).toContain(SEARCH_USE1);
    });

    it('a fleet run with dryRun false fixes the eligible clusters as single fixes do (audited, ARC changed), leaves the rest, and replays with its key', async () => {
      const send = () =>
        http()
          .post(`${API}/fleet-readiness-fixes`)
          .set(as(DANA))
          .set(IDEMPOTENCY_KEY_HEADER, 'readiness-fleet-1')
          .send({
            fix: 'enable-autoshift',
            comment: 'fleet autoshift',
            clusters: [PAYMENTS_USE1, PAYMENTS_DR],
            dryRun: false,
          });
      const run = (await send().expect(200)).body as FleetReadinessFixResponse;
      expect(run.dryRun).toBe(false);
      expect(
        Object.fromEntries(run.items.map(i => [i.cluster.name, i.outcome])),
      ).toEqual({
        'payments-prod-use1': 'no-change',
        'payments-dr-euw1': 'applied',
      });
      expect(
        (await managedResourceInArc(sim, PAYMENTS_DR)).zonalAutoshiftStatus,
      ).toBe('ENABLED');
      const replay = (await send().expect(200))
        .body as FleetReadinessFixResponse;
      expect(replay.replayed).toBe(true);
      const trail = await audit(
        `cluster=${encodeURIComponent(
          PAYMENTS_DR,
        )}&action=readiness.autoshift.enable`,
      );
      expect(trail.items.map(e => [e.actor, e.outcome, e.channel])).toEqual([
        [DANA, 'success', 'api'],
      ]);
    });
  },
);
