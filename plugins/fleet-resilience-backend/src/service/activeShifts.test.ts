import type { ActiveShiftEntry } from '@fleet-resilience/plugin-fleet-resilience-common';
import type {
  AutoshiftRecord,
  ClusterActiveShiftSources,
  StoredShift,
} from '../domain/records';
import {
  activeShiftsOfCluster,
  buildActiveShifts,
  compareActiveShifts,
} from './activeShifts';

const ACCOUNT = '111122223333';
const REGION = 'us-east-1';
const NOW = Date.parse('2026-12-01T10:00:00Z');
const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();
const arnOf = (name: string) =>
  `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/${name}`;
const AZ1 = { name: 'us-east-1a', id: 'use1-az1' };
const AZ2 = { name: 'us-east-1b', id: 'use1-az2' };
const AZ4 = { name: 'us-east-1c', id: 'use1-az4' };
const AZ6 = { name: 'us-east-1d', id: 'use1-az6' };

function shift(
  overrides: Partial<StoredShift> & { zonalShiftId: string },
): StoredShift {
  return {
    resourceIdentifier: arnOf('payments'),
    awayFrom: 'use1-az1',
    status: 'ACTIVE',
    shiftType: 'ZONAL_SHIFT',
    startTime: at(-30),
    expiryTime: at(30),
    comment: '',
    accountId: ACCOUNT,
    region: REGION,
    firstSeenAt: at(-30),
    lastSeenAt: at(-1),
    ...overrides,
  };
}

function autoshift(overrides: Partial<AutoshiftRecord> = {}): AutoshiftRecord {
  return {
    accountId: ACCOUNT,
    region: REGION,
    awayFrom: 'use1-az2',
    startTime: at(-10),
    status: 'ACTIVE',
    ...overrides,
  };
}

function cluster(
  name: string,
  overrides: Partial<ClusterActiveShiftSources> = {},
): ClusterActiveShiftSources {
  const arn = arnOf(name);
  return {
    ref: { arn, accountId: ACCOUNT, region: REGION, name },
    zones: [AZ1, AZ2, AZ4],
    accountZones: [AZ1, AZ2, AZ4, AZ6],
    resource: {
      arn,
      accountId: ACCOUNT,
      region: REGION,
      availabilityZones: ['use1-az1', 'use1-az2', 'use1-az4'],
      appliedWeights: {},
      zonalAutoshiftStatus: 'ENABLED',
    },
    shifts: [],
    autoshifts: [],
    ...overrides,
  };
}

/** `[type, id or AZ, applied]` of each entry, in order. */
const summary = (entries: ActiveShiftEntry[]) =>
  entries.map(e => [e.shiftType, e.zonalShiftId ?? e.awayFrom.id, e.applied]);

describe('activeShiftsOfCluster', () => {
  it('lists a customer shift with its cluster, entity, named AZ, expiry, comment and actor', () => {
    const entries = activeShiftsOfCluster(
      cluster('payments', {
        shifts: [
          shift({
            zonalShiftId: 'zs-1',
            comment: 'bad deploy',
            actor: 'user:default/jane',
          }),
        ],
      }),
      NOW,
    );
    expect(entries).toEqual([
      {
        cluster: {
          arn: arnOf('payments'),
          accountId: ACCOUNT,
          region: REGION,
          name: 'payments',
        },
        entityRef: 'resource:default/payments-us-east-1-111122223333',
        shiftType: 'ZONAL_SHIFT',
        awayFrom: AZ1,
        zonalShiftId: 'zs-1',
        startTime: at(-30),
        expiryTime: at(30),
        comment: 'bad deploy',
        actor: 'user:default/jane',
        applied: true,
      },
    ]);
  });

  it('leaves out an empty comment and a missing actor', () => {
    const [entry] = activeShiftsOfCluster(
      cluster('payments', { shifts: [shift({ zonalShiftId: 'zs-1' })] }),
      NOW,
    );
    expect('comment' in entry).toBe(false);
    expect('actor' in entry).toBe(false);
  });

  it.each(['FIS_EXPERIMENT', 'PRACTICE_RUN'] as const)(
    'lists a %s like a customer shift',
    shiftType => {
      expect(
        activeShiftsOfCluster(
          cluster('payments', {
            shifts: [shift({ zonalShiftId: 'x', shiftType })],
          }),
          NOW,
        ),
      ).toEqual([
        expect.objectContaining({
          shiftType,
          zonalShiftId: 'x',
          expiryTime: at(30),
          applied: true,
        }),
      ]);
    },
  );

  it('lists a zonal autoshift without ID or expiry, its AZ named', () => {
    expect(
      activeShiftsOfCluster(
        cluster('payments', { autoshifts: [autoshift()] }),
        NOW,
      ),
    ).toEqual([
      {
        cluster: expect.objectContaining({ name: 'payments' }),
        entityRef: 'resource:default/payments-us-east-1-111122223333',
        shiftType: 'ZONAL_AUTOSHIFT',
        awayFrom: AZ2,
        startTime: at(-10),
        applied: true,
      },
    ]);
  });

  it('applies a customer shift over an autoshift over a practice run; the others are pending', () => {
    const sources = cluster('payments', {
      shifts: [
        shift({
          zonalShiftId: 'practice',
          shiftType: 'PRACTICE_RUN',
          awayFrom: 'use1-az4',
          startTime: at(-1),
        }),
        shift({
          zonalShiftId: 'customer',
          awayFrom: 'use1-az1',
          startTime: at(-30),
        }),
      ],
      autoshifts: [autoshift({ startTime: at(-5) })],
    });
    expect(summary(buildActiveShifts([sources], NOW))).toEqual([
      ['ZONAL_SHIFT', 'customer', true],
      ['PRACTICE_RUN', 'practice', false],
      ['ZONAL_AUTOSHIFT', 'use1-az2', false],
    ]);
    const withoutCustomer = { ...sources, shifts: sources.shifts.slice(0, 1) };
    expect(summary(buildActiveShifts([withoutCustomer], NOW))).toEqual([
      ['ZONAL_AUTOSHIFT', 'use1-az2', true],
      ['PRACTICE_RUN', 'practice', false],
    ]);
  });

  it('ranks an FIS experiment with a customer shift: the newest applies', () => {
    const sources = cluster('payments', {
      shifts: [
        shift({
          zonalShiftId: 'fis',
          shiftType: 'FIS_EXPERIMENT',
          startTime: at(-5),
        }),
        shift({ zonalShiftId: 'customer', startTime: at(-20) }),
      ],
    });
    expect(summary(buildActiveShifts([sources], NOW))).toEqual([
      ['FIS_EXPERIMENT', 'fis', true],
      ['ZONAL_SHIFT', 'customer', false],
    ]);
  });

  it('breaks a tie by the AZ ARC reports applied', () => {
    const sources = cluster('payments', {
      resource: {
        ...cluster('payments').resource!,
        appliedAwayFrom: 'use1-az4',
      },
      autoshifts: [
        autoshift({ awayFrom: 'use1-az2', startTime: at(-1) }),
        autoshift({ awayFrom: 'use1-az4', startTime: at(-9) }),
      ],
    });
    expect(summary(buildActiveShifts([sources], NOW))).toEqual([
      ['ZONAL_AUTOSHIFT', 'use1-az4', true],
      ['ZONAL_AUTOSHIFT', 'use1-az2', false],
    ]);
  });

  it('leaves out a shift past its expiry, however its stored status reads, and lets the next one apply', () => {
    const sources = cluster('payments', {
      shifts: [
        shift({ zonalShiftId: 'expired', expiryTime: at(-1) }),
        shift({ zonalShiftId: 'ends-now', expiryTime: at(0) }),
        shift({ zonalShiftId: 'canceled', status: 'CANCELED' }),
        shift({ zonalShiftId: 'unreadable', expiryTime: 'soon' }),
      ],
      autoshifts: [autoshift()],
    });
    expect(summary(activeShiftsOfCluster(sources, NOW))).toEqual([
      ['ZONAL_AUTOSHIFT', 'use1-az2', true],
    ]);
    // A millisecond before its expiry it is still live and applies.
    expect(summary(activeShiftsOfCluster(sources, NOW - 60_001))).toEqual([
      ['ZONAL_SHIFT', 'expired', false],
      ['ZONAL_SHIFT', 'ends-now', true],
      ['ZONAL_AUTOSHIFT', 'use1-az2', false],
    ]);
  });

  it('leaves out an autoshift when the cluster has zonal autoshift DISABLED, or unknown to ARC', () => {
    const base = cluster('payments', { autoshifts: [autoshift()] });
    expect(
      activeShiftsOfCluster(
        {
          ...base,
          resource: { ...base.resource!, zonalAutoshiftStatus: 'DISABLED' },
        },
        NOW,
      ),
    ).toEqual([]);
    expect(
      activeShiftsOfCluster(
        {
          ...base,
          resource: { ...base.resource!, zonalAutoshiftStatus: undefined },
        },
        NOW,
      ),
    ).toEqual([]);
    expect(
      activeShiftsOfCluster({ ...base, resource: undefined }, NOW),
    ).toEqual([]);
  });

  it('leaves out an autoshift in an AZ the cluster does not have, even one its account has', () => {
    const sources = cluster('payments', {
      autoshifts: [autoshift({ awayFrom: 'use1-az6' })],
    });
    expect(activeShiftsOfCluster(sources, NOW)).toEqual([]);
  });

  it('takes the AZ from ARC’s list for the resource or from the cluster’s own zones', () => {
    const onlyArc = cluster('payments', {
      zones: [AZ1],
      resource: {
        ...cluster('payments').resource!,
        availabilityZones: ['use1-az1', 'use1-az6'],
      },
      autoshifts: [autoshift({ awayFrom: 'use1-az6' })],
    });
    expect(activeShiftsOfCluster(onlyArc, NOW)).toEqual([
      expect.objectContaining({
        shiftType: 'ZONAL_AUTOSHIFT',
        awayFrom: AZ6,
        applied: true,
      }),
    ]);
    const onlyCluster = cluster('payments', {
      zones: [AZ1, AZ6],
      resource: {
        ...cluster('payments').resource!,
        availabilityZones: ['use1-az1'],
      },
      autoshifts: [autoshift({ awayFrom: 'use1-az6' })],
    });
    expect(activeShiftsOfCluster(onlyCluster, NOW)).toHaveLength(1);
  });

  it('leaves out a completed autoshift and one of another account or region', () => {
    const sources = cluster('payments', {
      autoshifts: [
        autoshift({ status: 'COMPLETED', endTime: at(-1) }),
        autoshift({ accountId: '444455556666' }),
        autoshift({ region: 'us-west-2' }),
      ],
    });
    expect(activeShiftsOfCluster(sources, NOW)).toEqual([]);
  });

  it('leaves out a shift of another resource', () => {
    const sources = cluster('payments', {
      shifts: [
        shift({ zonalShiftId: 'other', resourceIdentifier: arnOf('search') }),
      ],
    });
    expect(activeShiftsOfCluster(sources, NOW)).toEqual([]);
  });

  it('names the AZ from the cluster, then the account, else keeps the ID', () => {
    const named = (awayFrom: string, zones = [AZ1], accountZones = [AZ4]) =>
      activeShiftsOfCluster(
        cluster('payments', {
          zones,
          accountZones,
          shifts: [shift({ zonalShiftId: 'z', awayFrom })],
        }),
        NOW,
      )[0].awayFrom;
    expect(named('use1-az1')).toEqual(AZ1);
    expect(named('use1-az4')).toEqual(AZ4);
    expect(named('use1-az9')).toEqual({ name: 'use1-az9', id: 'use1-az9' });
  });
});

describe('buildActiveShifts', () => {
  it('lists one autoshift on every cluster it concerns, and orders applied first, then newest start', () => {
    const auto = autoshift({ startTime: at(-10) });
    const entries = buildActiveShifts(
      [
        cluster('search', { autoshifts: [auto] }),
        cluster('payments', {
          shifts: [shift({ zonalShiftId: 'customer', startTime: at(-40) })],
          autoshifts: [auto],
        }),
        cluster('identity', {
          resource: {
            ...cluster('identity').resource!,
            zonalAutoshiftStatus: 'DISABLED',
          },
          shifts: [
            shift({
              zonalShiftId: 'practice',
              resourceIdentifier: arnOf('identity'),
              shiftType: 'PRACTICE_RUN',
              startTime: at(-2),
            }),
          ],
          autoshifts: [auto],
        }),
      ],
      NOW,
    );
    expect(
      entries.map(e => [
        e.cluster.name,
        e.zonalShiftId ?? e.shiftType,
        e.applied,
      ]),
    ).toEqual([
      ['identity', 'practice', true],
      ['search', 'ZONAL_AUTOSHIFT', true],
      ['payments', 'customer', true],
      ['payments', 'ZONAL_AUTOSHIFT', false],
    ]);
  });

  it('is empty without shifts', () => {
    expect(buildActiveShifts([], NOW)).toEqual([]);
    expect(buildActiveShifts([cluster('payments')], NOW)).toEqual([]);
  });
});

describe('compareActiveShifts', () => {
  const entry = (overrides: Partial<ActiveShiftEntry>): ActiveShiftEntry => ({
    cluster: { arn: arnOf('b'), accountId: ACCOUNT, region: REGION, name: 'b' },
    entityRef: 'resource:default/b',
    shiftType: 'ZONAL_SHIFT',
    awayFrom: AZ1,
    startTime: at(0),
    applied: true,
    ...overrides,
  });

  it('breaks ties by cluster name, ARN, AZ and shift ID, so pages are stable', () => {
    const sorted = [
      entry({ zonalShiftId: 'z2' }),
      entry({ zonalShiftId: 'z1' }),
      entry({ awayFrom: AZ2 }),
      entry({
        cluster: {
          arn: arnOf('a'),
          accountId: ACCOUNT,
          region: REGION,
          name: 'a',
        },
      }),
      entry({
        cluster: {
          arn: `${arnOf('b')}-0`,
          accountId: ACCOUNT,
          region: REGION,
          name: 'b',
        },
      }),
      entry({ startTime: 'not a time' }),
      entry({ applied: false, startTime: at(5) }),
    ].sort(compareActiveShifts);
    expect(
      sorted.map(e => [
        e.cluster.arn.split('/')[1],
        e.awayFrom.id,
        e.zonalShiftId,
        e.startTime,
        e.applied,
      ]),
    ).toEqual([
      ['a', 'use1-az1', undefined, at(0), true],
      ['b', 'use1-az1', 'z1', at(0), true],
      ['b', 'use1-az1', 'z2', at(0), true],
      ['b', 'use1-az2', undefined, at(0), true],
      ['b-0', 'use1-az1', undefined, at(0), true],
      ['b', 'use1-az1', undefined, 'not a time', true],
      ['b', 'use1-az1', undefined, at(5), false],
    ]);
  });
});
