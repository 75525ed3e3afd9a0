import type { ArcZonalShiftClient } from '../arc/ArcZonalShiftClient';
import type {
  ManagedResource,
  ManagedResourceSummary,
  ZonalShiftSummary,
} from '../arc/types';
import { AwsArcStateReader } from './AwsArcStateReader';

const SCOPE = { accountId: '111122223333', region: 'us-east-1' };
const ARN = 'arn:aws:eks:us-east-1:111122223333:cluster/payments';

function shift(overrides: Partial<ZonalShiftSummary>): ZonalShiftSummary {
  return {
    zonalShiftId: 'shift-0001',
    resourceIdentifier: ARN,
    awayFrom: 'use1-az1',
    status: 'ACTIVE',
    startTime: new Date('2026-12-07T06:00:00Z'),
    expiryTime: new Date('2026-12-07T07:00:00Z'),
    comment: 'drill',
    ...overrides,
  };
}

async function* pages<T>(items: T[]) {
  yield { items };
}

function readerOf(
  shifts: ZonalShiftSummary[],
  resources: ManagedResourceSummary[] = [],
  getManagedResource: (arn: string) => Promise<ManagedResource> = async () => {
    throw new Error('not expected');
  },
) {
  const client = {
    paginateManagedResources: () => pages(resources),
    getManagedResource,
    paginateZonalShifts: ({ status }: { status: string }) =>
      pages(shifts.filter(s => s.status === status)),
    paginateAutoshifts: () => pages([]),
  } as unknown as ArcZonalShiftClient;
  return new AwsArcStateReader({ clients: { arc: async () => client } });
}

describe('AwsArcStateReader', () => {
  it('leaves out a shift it cannot read, names it in problems, and keeps the rest of the region', async () => {
    const state = await readerOf([
      shift({
        zonalShiftId: 'shift-good',
        comment: 'NUL \u0000 kept as ARC said',
      }),
      shift({ zonalShiftId: 'shift-bad', startTime: new Date('not a time') }),
    ]).readRegion(SCOPE);

    expect(state.zonalShifts.map(s => [s.zonalShiftId, s.comment])).toEqual([
      ['shift-good', 'NUL \u0000 kept as ARC said'],
    ]);
    expect(state.problems).toEqual([
      {
        source: 'arc',
        resource: 'zonal shift shift-bad',
        message: expect.stringContaining('startTime that is not a time'),
      },
    ]);
  });

  it('reports no problems when every item reads', async () => {
    const state = await readerOf([shift({})]).readRegion(SCOPE);
    expect(state.zonalShifts).toHaveLength(1);
    expect(state.problems).toBeUndefined();
  });

  it('carries a practice run outcome ARC reports, and only a known one', async () => {
    const state = await readerOf([
      shift({
        zonalShiftId: 'run-failed',
        shiftType: 'PRACTICE_RUN',
        status: 'EXPIRED',
        practiceRunOutcome: 'FAILED',
      }),
      shift({
        zonalShiftId: 'run-odd',
        shiftType: 'PRACTICE_RUN',
        status: 'EXPIRED',
        practiceRunOutcome: 'SOMETHING_NEW' as any,
      }),
    ]).readRegion(SCOPE);
    expect(
      state.zonalShifts.map(s => [s.zonalShiftId, s.practiceRunOutcome]),
    ).toEqual([
      ['run-failed', 'FAILED'],
      ['run-odd', undefined],
    ]);
  });

  describe('practice run configurations', () => {
    const resource = (
      name: string,
      practiceRunStatus?: 'ENABLED' | 'DISABLED',
    ): ManagedResourceSummary => ({
      arn: `arn:aws:eks:us-east-1:111122223333:cluster/${name}`,
      name,
      availabilityZones: ['use1-az1', 'use1-az2'],
      ...(practiceRunStatus ? { practiceRunStatus } : {}),
    });
    const alarm = 'arn:aws:cloudwatch:us-east-1:111122223333:alarm:errors';

    it('reads GetManagedResource only for resources whose practice run status is ENABLED', async () => {
      const asked: string[] = [];
      const state = await readerOf(
        [],
        [
          resource('configured', 'ENABLED'),
          resource('off', 'DISABLED'),
          resource('unsaid'),
        ],
        async arn => {
          asked.push(arn);
          return {
            appliedWeights: {},
            zonalShifts: [],
            practiceRunConfiguration: {
              outcomeAlarms: [{ type: 'CLOUDWATCH', alarmIdentifier: alarm }],
              blockedWindows: ['Mon:09:00-Mon:17:00'],
              blockedDates: ['2026-12-24'],
            },
          };
        },
      ).readRegion(SCOPE);
      expect(asked).toEqual([
        'arn:aws:eks:us-east-1:111122223333:cluster/configured',
      ]);
      const byName = Object.fromEntries(
        state.managedResources.map(r => [
          r.arn.split('/')[1],
          r.practiceRunConfiguration,
        ]),
      );
      expect(byName).toEqual({
        configured: {
          outcomeAlarms: [{ type: 'CLOUDWATCH', alarmIdentifier: alarm }],
          blockedWindows: ['Mon:09:00-Mon:17:00'],
          blockedDates: ['2026-12-24'],
        },
        off: undefined,
        unsaid: undefined,
      });
      expect(state.problems).toBeUndefined();
    });

    it('reports a Get that fails as a problem of that resource and keeps the region', async () => {
      const state = await readerOf(
        [],
        [resource('a', 'ENABLED'), resource('b', 'ENABLED')],
        async arn => {
          if (arn.endsWith('/a')) throw new Error('AccessDeniedException');
          return {
            appliedWeights: {},
            zonalShifts: [],
            practiceRunConfiguration: {
              outcomeAlarms: [{ type: 'CLOUDWATCH', alarmIdentifier: alarm }],
            },
          };
        },
      ).readRegion(SCOPE);
      expect(state.managedResources).toHaveLength(2);
      expect(
        state.managedResources[0].practiceRunConfiguration,
      ).toBeUndefined();
      expect(state.managedResources[1].practiceRunConfiguration).toEqual({
        outcomeAlarms: [{ type: 'CLOUDWATCH', alarmIdentifier: alarm }],
      });
      expect(state.problems).toEqual([
        {
          source: 'arc',
          resource:
            'managed resource arn:aws:eks:us-east-1:111122223333:cluster/a',
          message: expect.stringContaining('AccessDeniedException'),
        },
      ]);
    });

    it('keeps at most 8 Gets in flight', async () => {
      let inFlight = 0;
      let most = 0;
      const many = Array.from({ length: 20 }, (_, i) =>
        resource(`c${i}`, 'ENABLED'),
      );
      await readerOf([], many, async () => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise(resolve => setTimeout(resolve, 2));
        inFlight--;
        return { appliedWeights: {}, zonalShifts: [] };
      }).readRegion(SCOPE);
      expect(most).toBe(8);
    });
  });
});
