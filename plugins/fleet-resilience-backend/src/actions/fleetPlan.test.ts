import { InputError } from '@backstage/errors';
import {
  assessShiftImpact,
  computeClusterCapacity,
  type ClusterCapacity,
  type Zone,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  countOutcomes,
  dryRunItems,
  planFleetShift,
  selectFleetClusters,
  type FleetPlanCluster,
} from './fleetPlan';

const A: Zone = { name: 'us-east-1a', id: 'use1-az1' };
const B: Zone = { name: 'us-east-1b', id: 'use1-az2' };
const C: Zone = { name: 'us-east-1c', id: 'use1-az4' };

function cluster(
  name: string,
  zones: Zone[],
  extra: Partial<FleetPlanCluster['cluster']> = {},
): FleetPlanCluster {
  return {
    cluster: {
      ref: {
        arn: `arn:aws:eks:us-east-1:111122223333:cluster/${name}`,
        accountId: '111122223333',
        region: 'us-east-1',
        name,
      },
      zones,
      zonalShiftEnabled: true,
      shiftState: 'none',
      ...extra,
    },
  };
}

/** One node of `cpu` millicores per zone; pods request `requested` millicores and no memory. */
function capacity(
  zones: Array<[Zone, number]>,
  requested: number,
): ClusterCapacity {
  return computeClusterCapacity(
    zones.map(([zone, cpu], i) => ({
      name: `n${i}`,
      zone,
      allocatable: { cpuMillicores: cpu, memoryBytes: 2 ** 30 },
      unschedulable: false,
    })),
    [
      {
        nodeName: 'n0',
        phase: 'Running',
        requests: { cpuMillicores: requested, memoryBytes: 0 },
      },
    ],
  );
}

describe('selectFleetClusters', () => {
  const fleet = [
    cluster('zeta', [A, B]),
    cluster('alpha', [A, C]),
    cluster('beta', [B, C]),
  ];

  it('takes every cluster with a zone of that ID, by name', () => {
    expect(
      selectFleetClusters(fleet, 'use1-az1').map(c => c.cluster.ref.name),
    ).toEqual(['alpha', 'zeta']);
    expect(selectFleetClusters(fleet, 'use1-az9')).toEqual([]);
  });

  it('takes a subset when given, and refuses unknown clusters or clusters outside the AZ', () => {
    const arnOf = (name: string) =>
      fleet.find(c => c.cluster.ref.name === name)!.cluster.ref.arn;
    expect(
      selectFleetClusters(fleet, 'use1-az1', [arnOf('zeta')]).map(
        c => c.cluster.ref.name,
      ),
    ).toEqual(['zeta']);
    expect(() =>
      selectFleetClusters(fleet, 'use1-az1', [
        'arn:aws:eks:us-east-1:111122223333:cluster/nope',
      ]),
    ).toThrow(
      /not in the fleet: arn:aws:eks:us-east-1:111122223333:cluster\/nope/,
    );
    expect(() =>
      selectFleetClusters(fleet, 'use1-az1', [arnOf('beta')]),
    ).toThrow(InputError);
    expect(() =>
      selectFleetClusters(fleet, 'use1-az1', [arnOf('beta')]),
    ).toThrow(/beta has no AZ use1-az1/);
  });
});

describe('the verdict of each cluster', () => {
  const allowAll = () => true;

  it("is the shift's impact, word for word what the confirm step shows", () => {
    const cap = capacity(
      [
        [A, 4000],
        [B, 1000],
      ],
      2000,
    );
    const nodePools = [
      { name: 'a-only', unrestricted: false, allowedZones: [A] },
    ];
    const [entry] = planFleetShift(
      [{ ...cluster('a', [A, B]), capacity: cap, nodePools }],
      'use1-az1',
      allowAll,
    );
    const impact = assessShiftImpact({
      capacity: cap,
      zones: [A, B],
      awayFrom: 'use1-az1',
      nodePools,
    });
    expect(entry.item).toMatchObject({
      zone: A,
      verdict: impact.verdict,
      verdictReason: impact.reason,
    });
    expect(entry.item).toMatchObject({
      verdict: 'at-risk',
      verdictReason:
        'Shifting away from us-east-1a (use1-az1) leaves 50% of the CPU your pods request: not enough CPU.',
    });
  });

  it('survives when the other AZs hold every request', () => {
    const [entry] = planFleetShift(
      [
        {
          ...cluster('a', [A, B]),
          capacity: capacity(
            [
              [A, 1000],
              [B, 4000],
            ],
            2000,
          ),
        },
      ],
      'use1-az1',
      allowAll,
    );
    expect(entry.item.verdict).toBe('survives');
    expect(entry.item.verdictReason).toMatch(
      /^Shifting away from us-east-1a \(use1-az1\) leaves 200% of the CPU/,
    );
  });

  it('does not change once EKS has cordoned the AZ (a cluster already shifted and read again)', () => {
    const read = capacity(
      [
        [A, 4000],
        [B, 1000],
      ],
      2000,
    );
    const cordoned = {
      ...read,
      zones: read.zones.map(z =>
        z.zone.id === A.id
          ? {
              ...z,
              schedulableNodeCount: 0,
              schedulableAllocatable: { cpuMillicores: 0, memoryBytes: 0 },
            }
          : z,
      ),
    };
    const plan = (cap: ClusterCapacity) =>
      planFleetShift(
        [{ ...cluster('a', [A, B]), capacity: cap }],
        'use1-az1',
        allowAll,
      )[0].item;
    expect(plan(cordoned)).toEqual(plan(read));
  });

  it('is unknown without capacity data', () => {
    const [entry] = planFleetShift(
      [cluster('a', [A, B])],
      'use1-az1',
      allowAll,
    );
    expect(entry.item.verdict).toBe('unknown');
    expect(entry.item.verdictReason).toMatch(/has not been read yet/);
  });
});

describe('planFleetShift', () => {
  const allowAll = () => true;

  it('marks eligible clusters with their verdict for the zone', () => {
    const [entry] = planFleetShift(
      [
        {
          ...cluster('a', [A, B]),
          capacity: capacity(
            [
              [A, 4000],
              [B, 1000],
            ],
            2000,
          ),
        },
      ],
      'use1-az1',
      allowAll,
    );
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
      [
        cluster('off', [A], { zonalShiftEnabled: false }),
        cluster('unknown', [A], { zonalShiftEnabled: undefined }),
      ],
      'use1-az1',
      allowAll,
    );
    expect(
      entries.map(e => [e.decision, e.item.outcome, e.item.reason]),
    ).toEqual([
      ['skip', 'skipped', 'zonal shift is not enabled on the cluster'],
      [
        'skip',
        'skipped',
        'not known yet whether zonal shift is enabled on the cluster',
      ],
    ]);
  });

  it('skips clusters shifted by a customer shift or an FIS experiment, not by an autoshift or practice run', () => {
    const entries = planFleetShift(
      [
        cluster('shifted', [A, B], {
          shiftState: 'zonal-shift',
          shiftAwayFrom: B,
        }),
        cluster('fis', [A, B], {
          shiftState: 'fis-experiment',
          shiftAwayFrom: A,
        }),
        cluster('auto', [A, B], { shiftState: 'autoshift', shiftAwayFrom: A }),
        cluster('practice', [A, B], {
          shiftState: 'practice-run',
          shiftAwayFrom: B,
        }),
      ],
      'use1-az1',
      allowAll,
    );
    expect(
      entries.map(e => [e.item.cluster.name, e.decision, e.item.reason]),
    ).toEqual([
      ['shifted', 'skip', 'already shifted away from use1-az2 (zonal-shift)'],
      ['fis', 'skip', 'already shifted away from use1-az1 (fis-experiment)'],
      ['auto', 'start', undefined],
      ['practice', 'start', undefined],
    ]);
  });

  it('denies clusters the caller may not shift, before any other reason', () => {
    const entries = planFleetShift(
      [
        cluster('mine', [A]),
        cluster('theirs', [A], { zonalShiftEnabled: false }),
      ],
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
      [
        'skipped',
        'You may not start a zonal shift on this cluster (fleet-resilience.shift.start)',
      ],
    ]);
    expect(countOutcomes(dry)).toEqual({
      eligible: 1,
      started: 0,
      skipped: 1,
      denied: 0,
      failed: 0,
    });
  });
});
