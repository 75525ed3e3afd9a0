import type { ArcRegionState } from '@fleet-resilience/plugin-fleet-resilience-node';
import {
  ARN,
  resource,
  shift,
  ZONES,
} from '../domain/__testUtils__/arcFixtures';
import { reduceArcState } from './reduceArcState';

const OTHER = 'arn:aws:eks:us-east-1:111122223333:cluster/search';

describe('reduceArcState', () => {
  const state: ArcRegionState = {
    accountId: '111122223333',
    region: 'us-east-1',
    managedResources: [resource],
    zonalShifts: [
      shift({ zonalShiftId: 'active', startTime: '2026-11-22T08:00:00Z' }),
      shift({
        zonalShiftId: 'over',
        status: 'EXPIRED',
        startTime: '2026-11-21T08:00:00+01:00',
      }),
      shift({ zonalShiftId: 'bad-time', startTime: 'yesterday' }),
    ],
    autoshifts: [
      {
        awayFrom: 'use1-az2',
        startTime: '2026-11-20T08:00:00Z',
        endTime: '2026-11-20T09:00:00Z',
        status: 'COMPLETED',
      },
    ],
  };

  it('normalises times, drops shifts with unreadable times and decides every cluster of the region', () => {
    const record = reduceArcState(
      state,
      [
        { arn: ARN, zones: ZONES },
        { arn: OTHER, zones: [] },
      ],
      [],
    );
    expect(record.shifts.map(s => [s.zonalShiftId, s.startTime])).toEqual([
      ['active', '2026-11-22T08:00:00.000Z'],
      ['over', '2026-11-21T07:00:00.000Z'],
    ]);
    expect(record.shifts[0]).toMatchObject({
      accountId: '111122223333',
      region: 'us-east-1',
    });
    expect(record.autoshifts).toEqual([
      {
        accountId: '111122223333',
        region: 'us-east-1',
        awayFrom: 'use1-az2',
        startTime: '2026-11-20T08:00:00.000Z',
        endTime: '2026-11-20T09:00:00.000Z',
        status: 'COMPLETED',
      },
    ]);
    expect(record.clusterShiftStates.map(s => [s.arn, s.shiftState])).toEqual([
      [ARN, 'zonal-shift'],
      [OTHER, 'unknown'],
    ]);
    expect(record.resources).toEqual([
      { ...resource, accountId: '111122223333', region: 'us-east-1' },
    ]);
  });

  it('applies an autoshift only in an AZ of the cluster, not any AZ of its account', () => {
    const autoshifted: ArcRegionState = {
      ...state,
      managedResources: [
        { ...resource, availabilityZones: ['use1-az1', 'use1-az2'] },
      ],
      zonalShifts: [],
      autoshifts: [
        {
          awayFrom: 'use1-az4',
          startTime: '2026-11-22T08:00:00Z',
          status: 'ACTIVE',
        },
      ],
    };
    const cluster = { arn: ARN, zones: ZONES.slice(0, 2) };
    expect(
      reduceArcState(autoshifted, [cluster], ZONES).clusterShiftStates[0]
        .shiftState,
    ).toBe('none');
    // The same autoshift in an AZ of the cluster's own (here from its subnets) applies.
    expect(
      reduceArcState(autoshifted, [{ ...cluster, zones: ZONES }], [])
        .clusterShiftStates[0],
    ).toMatchObject({
      shiftState: 'autoshift',
      shiftAwayFrom: { name: 'us-east-1c', id: 'use1-az4' },
    });
  });

  it('names AZs from the account map when the cluster has no zones of its own', () => {
    const record = reduceArcState(state, [{ arn: ARN, zones: [] }], ZONES);
    expect(record.clusterShiftStates[0].shiftAwayFrom).toEqual({
      name: 'us-east-1a',
      id: 'use1-az1',
    });
  });

  describe('rows that cannot be stored as they came', () => {
    const poisoned: ArcRegionState = {
      ...state,
      zonalShifts: [
        shift({ zonalShiftId: 'good-1', comment: 'drill' }),
        shift({ zonalShiftId: 'nul-comment', comment: 'AZ\u0000impaired' }),
        shift({ zonalShiftId: 'bad\u0000id' }),
        shift({ zonalShiftId: 'bad-az', awayFrom: "use1-az1'; DROP TABLE" }),
        shift({
          zonalShiftId: 'long-az',
          awayFrom: `use1-az${'1'.repeat(40)}`,
        }),
        shift({
          zonalShiftId: 'bad-status',
          status: 'ACTIVE\u0000' as 'ACTIVE',
        }),
        shift({ zonalShiftId: 'bad-time', startTime: 'yesterday' }),
        shift({ zonalShiftId: 'long-comment', comment: 'x'.repeat(5000) }),
      ],
      autoshifts: [
        {
          awayFrom: 'use1-az2',
          startTime: '2026-11-20T08:00:00Z',
          status: 'ACTIVE',
        },
        {
          awayFrom: 'use1\u0000',
          startTime: '2026-11-20T08:00:00Z',
          status: 'ACTIVE',
        },
      ],
      managedResources: [
        {
          ...resource,
          availabilityZones: ['use1-az1', 'not an az'],
          appliedWeights: { 'use1-az1': 1, 'use1-az2': 7 },
        },
      ],
      problems: [
        {
          source: 'arc',
          resource: 'zonal shift x',
          message: 'left out: bad time',
        },
      ],
    };
    const record = reduceArcState(poisoned, [{ arn: ARN, zones: ZONES }], []);

    it('keeps every good row, and the poisoned comment cleaned', () => {
      expect(record.shifts.map(s => s.zonalShiftId)).toEqual([
        'good-1',
        'nul-comment',
        'long-comment',
      ]);
      expect(record.shifts[1].comment).toBe('AZ\uFFFDimpaired');
      expect([...record.shifts[2].comment]).toHaveLength(1024);
      expect(record.autoshifts.map(a => a.awayFrom)).toEqual(['use1-az2']);
      expect(record.resources[0]).toMatchObject({
        availabilityZones: ['use1-az1'],
        appliedWeights: { 'use1-az1': 1 },
      });
    });

    it('reports each rejected row with its cluster, and each cleaned one', () => {
      const byKind = (kind: string) =>
        record.problems.filter(p => p.kind === kind).map(p => p.resource);
      expect(byKind('rejected')).toEqual([
        'zonal shift x',
        'zonal shift "bad\uFFFDid"',
        'zonal shift "bad-az"',
        'zonal shift "long-az"',
        'zonal shift "bad-status"',
        'zonal shift "bad-time"',
        'autoshift away from "use1\uFFFD"',
      ]);
      expect(byKind('cleaned')).toEqual([
        'zonal shift "nul-comment"',
        'zonal shift "long-comment"',
        `managed resource ${ARN}`,
      ]);
      expect(
        record.problems.find(p => p.resource === 'zonal shift "bad-az"'),
      ).toMatchObject({
        clusterArn: ARN,
        message: expect.stringContaining('is not an AZ ID'),
      });
      // Nothing a reader sees carries the NUL.
      expect(JSON.stringify(record.problems)).not.toContain('\\u0000');
    });
  });

  it('never shows "no shift" for a cluster whose active shift could not be stored', () => {
    const cluster = { arn: ARN, zones: ZONES };
    const rejected = reduceArcState(
      {
        ...state,
        managedResources: [
          { ...resource, zonalAutoshiftStatus: 'DISABLED' as const },
        ],
        zonalShifts: [shift({ zonalShiftId: 'bad', awayFrom: 'not-an-az' })],
        autoshifts: [],
      },
      [cluster],
      ZONES,
    );
    expect(rejected.shifts).toEqual([]);
    expect(rejected.clusterShiftStates[0].shiftState).toBe('unknown');
    // An ended shift that could not be stored changes nothing.
    const ended = reduceArcState(
      {
        ...state,
        managedResources: [
          { ...resource, zonalAutoshiftStatus: 'DISABLED' as const },
        ],
        zonalShifts: [
          shift({
            zonalShiftId: 'bad',
            awayFrom: 'not-an-az',
            status: 'EXPIRED',
          }),
        ],
        autoshifts: [],
      },
      [cluster],
      ZONES,
    );
    expect(ended.clusterShiftStates[0].shiftState).toBe('none');
  });
});
