import type { ArcZonalShiftClient } from '../arc/ArcZonalShiftClient';
import type { ZonalShiftSummary } from '../arc/types';
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

function readerOf(shifts: ZonalShiftSummary[]) {
  const client = {
    paginateManagedResources: () => pages([]),
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
});
