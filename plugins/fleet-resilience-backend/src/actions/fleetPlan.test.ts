import { InputError } from '@backstage/errors';
import type {
  SurvivabilityAssessment,
  Zone,
  ZoneLossOutcome,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  countOutcomes,
  dryRunItems,
  planFleetShift,
  selectFleetClusters,
  zoneVerdict,
  type FleetPlanCluster,
} from './fleetPlan';

const A: Zone = { name: 'us-east-1a', id: 'use1-az1' };
const B: Zone = { name: 'us-east-1b', id: 'use1-az2' };
const C: Zone = { name: 'us-east-1c', id: 'use1-az4' };

function cluster(name: string, zones: Zone[], extra: Partial<FleetPlanCluster['cluster']> = {}): FleetPlanCluster {
  return {
    cluster: {
      ref: { arn: `arn:aws:eks:us-east-1:111122223333:cluster/${name}`, accountId: '111122223333', region: 'us-east-1', name },
      zones,
      zonalShiftEnabled: true,
      shiftState: 'none',
      ...extra,
    },
  };
}

function loss(zone: Zone, cpuCoverage: number, memoryCoverage: number): ZoneLossOutcome {
  const resource = (coverage: number) => ({
    remaining: coverage * 1000,
    requested: 1000,
    headroom: coverage * 1000 - 1000,
    coverage,
    sufficient: coverage >= 1,
  });
  return {
    zone,
    cpu: resource(cpuCoverage),
    memory: resource(memoryCoverage),
    survives: cpuCoverage >= 1 && memoryCoverage >= 1,
  };
}

function assessment(...zoneLosses: ZoneLossOutcome[]): SurvivabilityAssessment {
  return { verdict: zoneLosses.every(l => l.survives) ? 'survives' : 'at-risk', reason: '', zoneLosses };
}

describe('selectFleetClusters', () => {
  const fleet = [cluster('zeta', [A, B]), cluster('alpha', [A, C]), cluster('beta', [B, C])];

  it('takes every cluster with a zone of that ID, by name', () => {
    expect(selectFleetClusters(fleet, 'use1-az1').map(c => c.cluster.ref.name)).toEqual(['alpha', 'zeta']);
    expect(selectFleetClusters(fleet, 'use1-az9')).toEqual([]);
  });

  it('takes a subset when given, and refuses unknown clusters or clusters outside the AZ', () => {
    const arnOf = (name: string) => fleet.find(c => c.cluster.ref.name === name)!.cluster.ref.arn;
    expect(selectFleetClusters(fleet, 'use1-az1', [arnOf('zeta')]).map(c => c.cluster.ref.name)).toEqual(['zeta']);
    expect(() => selectFleetClusters(fleet, 'use1-az1', ['arn:aws:eks:us-east-1:111122223333:cluster/nope'])).toThrow(
      /not in the fleet: arn:aws:eks:us-east-1:111122223333:cluster\/nope/,
    );
    expect(() => selectFleetClusters(fleet, 'use1-az1', [arnOf('beta')])).toThrow(InputError);
    expect(() => selectFleetClusters(fleet, 'use1-az1', [arnOf('beta')])).toThrow(/beta has no AZ use1-az1/);
  });
});

describe('zoneVerdict', () => {
  it('reads the stored loss of that zone', () => {
    const stored = assessment(loss(A, 1.82, 3.31), loss(B, 0.85, 2));
    expect(zoneVerdict(stored, A)).toEqual({
      verdict: 'survives',
      reason: 'Losing us-east-1a (use1-az1) leaves 182% of the CPU and 331% of the memory your pods request',
    });
    expect(zoneVerdict(stored, B)).toEqual({
      verdict: 'at-risk',
      reason: 'Losing us-east-1b (use1-az2) leaves 85% of the CPU and 200% of the memory your pods request: not enough',
    });
  });

  it('is unknown without data for the zone', () => {
    expect(zoneVerdict(undefined, A).verdict).toBe('unknown');
    expect(zoneVerdict(assessment(loss(B, 2, 2)), A)).toEqual({ verdict: 'unknown', reason: 'No capacity data for us-east-1a (use1-az1) yet' });
  });
});

describe('planFleetShift', () => {
  const allowAll = () => true;

  it('marks eligible clusters with their verdict for the zone', () => {
    const [entry] = planFleetShift([{ ...cluster('a', [A, B]), assessment: assessment(loss(A, 0.5, 2)) }], 'use1-az1', allowAll);
    expect(entry.decision).toBe('start');
    expect(entry.item).toMatchObject({
      outcome: 'eligible',
      zone: A,
      verdict: 'at-risk',
      entityRef: 'resource:default/a-us-east-1-111122223333',
    });
    expect(entry.item.reason).toBeUndefined();
  });

  it('skips clusters without zonal shift, or with it unknown', () => {
    const entries = planFleetShift(
      [cluster('off', [A], { zonalShiftEnabled: false }), cluster('unknown', [A], { zonalShiftEnabled: undefined })],
      'use1-az1',
      allowAll,
    );
    expect(entries.map(e => [e.decision, e.item.outcome, e.item.reason])).toEqual([
      ['skip', 'skipped', 'zonal shift is not enabled on the cluster'],
      ['skip', 'skipped', 'not known yet whether zonal shift is enabled on the cluster'],
    ]);
  });

  it('skips clusters shifted by a customer shift or an FIS experiment, not by an autoshift or practice run', () => {
    const entries = planFleetShift(
      [
        cluster('shifted', [A, B], { shiftState: 'zonal-shift', shiftAwayFrom: B }),
        cluster('fis', [A, B], { shiftState: 'fis-experiment', shiftAwayFrom: A }),
        cluster('auto', [A, B], { shiftState: 'autoshift', shiftAwayFrom: A }),
        cluster('practice', [A, B], { shiftState: 'practice-run', shiftAwayFrom: B }),
      ],
      'use1-az1',
      allowAll,
    );
    expect(entries.map(e => [e.item.cluster.name, e.decision, e.item.reason])).toEqual([
      ['shifted', 'skip', 'already shifted away from use1-az2 (zonal-shift)'],
      ['fis', 'skip', 'already shifted away from use1-az1 (fis-experiment)'],
      ['auto', 'start', undefined],
      ['practice', 'start', undefined],
    ]);
  });

  it('denies clusters the caller may not shift, before any other reason', () => {
    const entries = planFleetShift(
      [cluster('mine', [A]), cluster('theirs', [A], { zonalShiftEnabled: false })],
      'use1-az1',
      arn => arn.endsWith('/mine'),
    );
    expect(entries.map(e => [e.decision, e.item.outcome])).toEqual([
      ['start', 'eligible'],
      ['deny', 'denied'],
    ]);
    const dry = dryRunItems(entries);
    expect(dry.map(i => [i.outcome, i.reason])).toEqual([
      ['eligible', undefined],
      ['skipped', 'not allowed to start a zonal shift on this cluster'],
    ]);
    expect(countOutcomes(dry)).toEqual({ eligible: 1, started: 0, skipped: 1, denied: 0, failed: 0 });
  });
});
