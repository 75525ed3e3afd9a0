/**
 * A fleet-wide shift end to end: the dry run's plan (impact, eligibility,
 * permission), then the run on the eligible clusters with progress signals,
 * the audit, and a replay with the same Idempotency-Key.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  IDEMPOTENCY_KEY_HEADER,
  type FleetListResponse,
  type FleetShiftResponse,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { API } from '../__testUtils__/fleetBackend';
import {
  PAYMENTS_USE1,
  PLATFORM_TOOLS_USE1,
  SEARCH_USE1,
  MALLORY,
  shiftsPath,
  arcShifts,
  activeIn,
  setUpShiftActions,
} from '../__testUtils__/shiftActionsBackend';

jest.setTimeout(180_000);

const databases = TestDatabases.create();

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
      // Mallory may shift none of them: none is named, all are counted.
      expect(forMallory.items).toEqual([]);
      expect(forMallory.hidden).toBe(inZone.length);
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
  },
);
