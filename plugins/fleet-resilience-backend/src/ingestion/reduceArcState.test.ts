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
});
