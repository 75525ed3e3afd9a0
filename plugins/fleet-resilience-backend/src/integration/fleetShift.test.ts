/**
 * A fleet-wide shift end to end: the dry run's plan (impact, eligibility,
 * permission), then the run on the eligible clusters with progress signals,
 * the audit, and a replay with the same Idempotency-Key; and the same under
 * a conditional read and a different conditional shift decision.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  IDEMPOTENCY_KEY_HEADER,
  type FleetListResponse,
  type FleetShiftResponse,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { API } from '../__testUtils__/fleetBackend';
import {
  CHECKOUT_USE1,
  DANA,
  PAYMENTS_USE1,
  PLATFORM_TOOLS_USE1,
  SEARCH_INDEXER_USE1,
  SEARCH_USE1,
  MALLORY,
  shiftsPath,
  arcShifts,
  activeIn,
  setUpShiftActions,
} from '../__testUtils__/shiftActionsBackend';

jest.setTimeout(180_000);

const databases = TestDatabases.create();

const NOT_ALLOWED =
  'You may not start a zonal shift on this cluster (fleet-resilience.shift.start)';

describe.each(databases.eachSupportedId())(
  'a fleet-wide shift on %p',
  databaseId => {
    const t = setUpShiftActions(databases, databaseId);
    const { http, as, detail, audit } = t;

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
      expect(dry.hidden).toBe(0);
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
      expect(t.startCalls).not.toHaveBeenCalled();
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
      // Mallory may read them all and shift none: each is listed, skipped.
      expect(forMallory.items.map(i => [i.cluster.arn, i.outcome])).toEqual(
        dry.items.map(i => [i.cluster.arn, 'skipped']),
      );
      expect(forMallory.items.every(i => i.reason === NOT_ALLOWED)).toBe(true);
      expect(forMallory.hidden).toBe(0);
      expect(forMallory.counts.eligible).toBe(0);

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
        const active = activeIn(await arcShifts(t.sim, clusterArn));
        expect(active.map(s => s.awayFrom)).toEqual(['use1-az1']);
        expect((await detail(clusterArn)).summary.shiftState).toBe(
          'zonal-shift',
        );
      }
      const progress = t.signals.publish.mock.calls
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
      expect(t.startCalls).toHaveBeenCalledTimes(eligible.length);

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

    it('lists the clusters a conditional read allows, acts on those a conditional shift allows, and names no other', async () => {
      const body = {
        awayFrom: 'use1-az1',
        expiresIn: '1h',
        comment: 'payments AZ drill',
      };
      const fleetShift = (user: string, extra: object) =>
        http()
          .post(`${API}/fleet-shifts`)
          .set(as(user))
          .send({ ...body, ...extra });
      const everything = (
        await http()
          .post(`${API}/fleet-shifts`)
          .send({ ...body, dryRun: true })
          .expect(200)
      ).body as FleetShiftResponse;
      expect(everything.items.map(i => i.cluster.arn).sort()).toEqual(
        [
          CHECKOUT_USE1,
          PAYMENTS_USE1,
          PLATFORM_TOOLS_USE1,
          SEARCH_INDEXER_USE1,
          SEARCH_USE1,
        ].sort(),
      );

      // Dana reads her team's clusters and prod's, and shifts her team's:
      // search-prod-use1 (neither) is counted, never named.
      const dry = (await fleetShift(DANA, { dryRun: true }).expect(200))
        .body as FleetShiftResponse;
      expect(dry.items.map(i => [i.cluster.name, i.outcome, i.reason])).toEqual(
        [
          ['checkout-canary-use1', 'eligible', undefined],
          ['payments-prod-use1', 'eligible', undefined],
          ['platform-tools-use1', 'skipped', NOT_ALLOWED],
          ['search-indexer-use1', 'skipped', NOT_ALLOWED],
        ],
      );
      expect(dry.hidden).toBe(1);
      expect(dry.counts).toEqual({
        eligible: 2,
        started: 0,
        skipped: 2,
        denied: 0,
        failed: 0,
      });
      expect(JSON.stringify(dry)).not.toContain('search-prod-use1');

      // A subset naming a cluster she may not read reads as an unknown ARN.
      const unknownArn = PAYMENTS_USE1.replace('payments-prod', 'no-such');
      for (const arn of [SEARCH_USE1, unknownArn]) {
        const refused = await fleetShift(DANA, {
          dryRun: true,
          clusters: [arn],
        });
        expect(refused.status).toBe(400);
        expect(refused.body.error).toEqual({
          name: 'InputError',
          message: `clusters: not in the fleet: ${arn}`,
        });
      }
      const subset = (
        await fleetShift(DANA, {
          dryRun: true,
          clusters: [SEARCH_INDEXER_USE1],
        }).expect(200)
      ).body as FleetShiftResponse;
      expect(subset.items).toMatchObject([
        { cluster: { arn: SEARCH_INDEXER_USE1 }, outcome: 'skipped' },
      ]);
      expect(subset.hidden).toBe(0);
      expect(t.startCalls).not.toHaveBeenCalled();

      const key = `dana-${databaseId}`;
      const run = (
        await fleetShift(DANA, {}).set(IDEMPOTENCY_KEY_HEADER, key).expect(200)
      ).body as FleetShiftResponse;
      expect(run.items.map(i => [i.cluster.name, i.outcome, i.reason])).toEqual(
        [
          ['checkout-canary-use1', 'started', undefined],
          ['payments-prod-use1', 'started', undefined],
          ['platform-tools-use1', 'denied', NOT_ALLOWED],
          ['search-indexer-use1', 'denied', NOT_ALLOWED],
        ],
      );
      expect(run.hidden).toBe(1);
      expect(run.counts).toEqual({
        eligible: 0,
        started: 2,
        skipped: 0,
        denied: 2,
        failed: 0,
      });
      expect(
        t.startCalls.mock.calls
          .map(([input]) => input.resourceIdentifier)
          .sort(),
      ).toEqual([CHECKOUT_USE1, PAYMENTS_USE1].sort());
      for (const clusterArn of [SEARCH_USE1, SEARCH_INDEXER_USE1]) {
        expect(activeIn(await arcShifts(t.sim, clusterArn))).toEqual([]);
      }
      const audited = (await audit('limit=500')).items.filter(
        e => e.inputs.operationId === key,
      );
      expect(
        audited.map(e => [e.cluster.name, e.actor, e.outcome]).sort(),
      ).toEqual(
        [
          ['checkout-canary-use1', DANA, 'success'],
          ['payments-prod-use1', DANA, 'success'],
          ['platform-tools-use1', DANA, 'denied'],
          ['search-indexer-use1', DANA, 'denied'],
        ].sort(),
      );
      expect(
        audited.filter(e => e.outcome === 'denied').map(e => e.errorMessage),
      ).toEqual([NOT_ALLOWED, NOT_ALLOWED]);

      for (const started of run.items.filter(i => i.shift)) {
        await http()
          .delete(
            `${shiftsPath(started.cluster.arn)}/${started.shift!.zonalShiftId}`,
          )
          .set(as(DANA))
          .expect(200);
      }
    });
  },
);
