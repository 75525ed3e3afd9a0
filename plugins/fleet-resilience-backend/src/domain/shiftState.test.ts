import { ARN, resource, shift, ZONES } from './__testUtils__/arcFixtures';
import { decideShiftState, pickAppliedShift } from './shiftState';

describe('pickAppliedShift', () => {
  it('prefers a customer shift over an autoshift over a practice run', () => {
    const practice = shift({
      zonalShiftId: 'p',
      shiftType: 'PRACTICE_RUN',
      startTime: '2026-11-22T08:30:00.000Z',
    });
    const auto = shift({
      zonalShiftId: 'a',
      shiftType: 'ZONAL_AUTOSHIFT',
      startTime: '2026-11-22T08:20:00.000Z',
    });
    const customer = shift({
      zonalShiftId: 'c',
      shiftType: 'ZONAL_SHIFT',
      startTime: '2026-11-22T08:10:00.000Z',
    });
    expect(
      pickAppliedShift([practice, auto, customer], undefined)?.zonalShiftId,
    ).toBe('c');
    expect(pickAppliedShift([practice, auto], undefined)?.zonalShiftId).toBe(
      'a',
    );
    expect(pickAppliedShift([practice], undefined)?.zonalShiftId).toBe('p');
    expect(pickAppliedShift([], undefined)).toBeUndefined();
  });

  it('prefers the AZ ARC applies, then the newest', () => {
    const older = shift({
      zonalShiftId: 'old',
      awayFrom: 'use1-az2',
      startTime: '2026-11-22T08:00:00.000Z',
    });
    const newer = shift({
      zonalShiftId: 'new',
      awayFrom: 'use1-az1',
      startTime: '2026-11-22T08:05:00.000Z',
    });
    expect(pickAppliedShift([older, newer], 'use1-az2')?.zonalShiftId).toBe(
      'old',
    );
    expect(pickAppliedShift([older, newer], undefined)?.zonalShiftId).toBe(
      'new',
    );
  });
});

describe('decideShiftState', () => {
  it('is unknown for a cluster ARC does not manage', () => {
    expect(
      decideShiftState({
        arn: ARN,
        zones: ZONES,
        activeShifts: [],
        activeAutoshifts: [],
      }),
    ).toEqual({ arn: ARN, shiftState: 'unknown' });
  });

  it('is none for a managed cluster without active shifts', () => {
    expect(
      decideShiftState({
        arn: ARN,
        zones: ZONES,
        resource,
        activeShifts: [],
        activeAutoshifts: [],
      }),
    ).toEqual({ arn: ARN, shiftState: 'none', autoshiftStatus: 'ENABLED' });
  });

  it('names the type of the applied shift and the AZ by name and ID', () => {
    const fis = shift({ shiftType: 'FIS_EXPERIMENT', awayFrom: 'use1-az4' });
    const state = decideShiftState({
      arn: ARN,
      zones: ZONES,
      resource,
      activeShifts: [fis],
      activeAutoshifts: [],
    });
    expect(state.shiftState).toBe('fis-experiment');
    expect(state.activeShift).toBe(fis);
    expect(state.shiftAwayFrom).toEqual({ name: 'us-east-1c', id: 'use1-az4' });
  });

  it('keeps an AZ ID it cannot name as the name', () => {
    const state = decideShiftState({
      arn: ARN,
      zones: [],
      activeShifts: [shift({ awayFrom: 'use1-az9' })],
      activeAutoshifts: [],
    });
    expect(state.shiftAwayFrom).toEqual({ name: 'use1-az9', id: 'use1-az9' });
  });

  it('applies an active autoshift in one of the cluster’s AZs when autoshift is enabled', () => {
    const autoshift = {
      accountId: '111122223333',
      region: 'us-east-1',
      awayFrom: 'use1-az2',
      startTime: '2026-11-22T08:00:00.000Z',
      status: 'ACTIVE' as const,
    };
    expect(
      decideShiftState({
        arn: ARN,
        zones: ZONES,
        resource,
        activeShifts: [],
        activeAutoshifts: [autoshift],
      }),
    ).toEqual({
      arn: ARN,
      shiftState: 'autoshift',
      autoshiftStatus: 'ENABLED',
      shiftAwayFrom: { name: 'us-east-1b', id: 'use1-az2' },
    });
    // Disabled autoshift, or an AZ the cluster does not use: no shift.
    expect(
      decideShiftState({
        arn: ARN,
        zones: ZONES,
        resource: { ...resource, zonalAutoshiftStatus: 'DISABLED' },
        activeShifts: [],
        activeAutoshifts: [autoshift],
      }).shiftState,
    ).toBe('none');
    expect(
      decideShiftState({
        arn: ARN,
        zones: ZONES,
        resource: { ...resource, availabilityZones: ['use1-az1'] },
        activeShifts: [],
        activeAutoshifts: [{ ...autoshift, awayFrom: 'use1-az6' }],
      }).shiftState,
    ).toBe('none');
  });

  it('reports a weight ARC applies without a listed shift as a zonal shift', () => {
    expect(
      decideShiftState({
        arn: ARN,
        zones: ZONES,
        resource: {
          ...resource,
          zonalAutoshiftStatus: 'DISABLED',
          appliedAwayFrom: 'use1-az1',
        },
        activeShifts: [],
        activeAutoshifts: [],
      }),
    ).toEqual({
      arn: ARN,
      shiftState: 'zonal-shift',
      autoshiftStatus: 'DISABLED',
      shiftAwayFrom: { name: 'us-east-1a', id: 'use1-az1' },
    });
  });
});
