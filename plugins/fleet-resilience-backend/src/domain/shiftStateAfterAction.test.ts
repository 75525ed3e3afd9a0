import type { Zone } from '@fleet-resilience/plugin-fleet-resilience-common';
import type {
  ArcResourceRecord,
  AutoshiftRecord,
  ShiftRecord,
} from './records';
import { shiftStateAfterAction } from './shiftStateAfterAction';

const A: Zone = { name: 'us-east-1a', id: 'use1-az1' };
const B: Zone = { name: 'us-east-1b', id: 'use1-az2' };
const C: Zone = { name: 'us-east-1c', id: 'use1-az4' };
const ARN = 'arn:aws:eks:us-east-1:111122223333:cluster/payments';
const cluster = {
  arn: ARN,
  accountId: '111122223333',
  region: 'us-east-1',
  zones: [A, B, C],
};

function shift(id: string, overrides: Partial<ShiftRecord> = {}): ShiftRecord {
  return {
    zonalShiftId: id,
    resourceIdentifier: ARN,
    awayFrom: 'use1-az2',
    status: 'ACTIVE',
    shiftType: 'ZONAL_SHIFT',
    startTime: '2026-12-01T10:00:00.000Z',
    expiryTime: '2026-12-01T12:00:00.000Z',
    comment: 'c',
    accountId: '111122223333',
    region: 'us-east-1',
    ...overrides,
  };
}

const resource: ArcResourceRecord = {
  arn: ARN,
  accountId: '111122223333',
  region: 'us-east-1',
  availabilityZones: ['use1-az1', 'use1-az2', 'use1-az4'],
  appliedWeights: { 'use1-az1': 1, 'use1-az2': 1, 'use1-az4': 1 },
  zonalAutoshiftStatus: 'ENABLED',
};

describe('shiftStateAfterAction', () => {
  it('applies a started shift at once: state, zone and weights', () => {
    const started = shift('s-1');
    const next = shiftStateAfterAction({
      cluster,
      resource,
      storedShifts: [],
      changed: started,
      activeAutoshifts: [],
    });
    expect(next.clusterState).toEqual({
      arn: ARN,
      autoshiftStatus: 'ENABLED',
      shiftState: 'zonal-shift',
      activeShift: started,
      shiftAwayFrom: B,
    });
    expect(next.resource.appliedAwayFrom).toBe('use1-az2');
    expect(next.resource.appliedWeights).toEqual({
      'use1-az1': 1,
      'use1-az2': 0,
      'use1-az4': 1,
    });
  });

  it('ends the shift on cancel: no shift left, weights back to 1', () => {
    const stored = [shift('s-1')];
    const next = shiftStateAfterAction({
      cluster,
      resource: {
        ...resource,
        appliedAwayFrom: 'use1-az2',
        appliedWeights: { 'use1-az1': 1, 'use1-az2': 0, 'use1-az4': 1 },
      },
      storedShifts: stored,
      changed: shift('s-1', { status: 'CANCELED' }),
      activeAutoshifts: [],
    });
    expect(next.clusterState).toEqual({
      arn: ARN,
      autoshiftStatus: 'ENABLED',
      shiftState: 'none',
    });
    expect(next.resource.appliedAwayFrom).toBeUndefined();
    expect(next.resource.appliedWeights).toEqual({
      'use1-az1': 1,
      'use1-az2': 1,
      'use1-az4': 1,
    });
  });

  it('falls back to what is still active after a cancel: an autoshift, then a practice run', () => {
    const autoshift: AutoshiftRecord = {
      accountId: '111122223333',
      region: 'us-east-1',
      awayFrom: 'use1-az4',
      startTime: '2026-12-01T09:00:00.000Z',
      status: 'ACTIVE',
    };
    const canceled = shift('s-1', { status: 'CANCELED' });
    const underAutoshift = shiftStateAfterAction({
      cluster,
      resource,
      storedShifts: [shift('s-1')],
      changed: canceled,
      activeAutoshifts: [autoshift],
    });
    expect(underAutoshift.clusterState).toMatchObject({
      shiftState: 'autoshift',
      shiftAwayFrom: C,
    });
    expect(underAutoshift.resource.appliedWeights['use1-az4']).toBe(0);

    const practice = shift('p-1', {
      shiftType: 'PRACTICE_RUN',
      awayFrom: 'use1-az1',
    });
    const underPractice = shiftStateAfterAction({
      cluster,
      resource,
      storedShifts: [shift('s-1'), practice],
      changed: canceled,
      activeAutoshifts: [],
    });
    expect(underPractice.clusterState).toMatchObject({
      shiftState: 'practice-run',
      shiftAwayFrom: A,
      activeShift: practice,
    });
  });

  it('keeps an extended shift applied with its new expiry', () => {
    const extended = shift('s-1', {
      expiryTime: '2026-12-01T18:00:00.000Z',
      comment: 'longer',
    });
    const next = shiftStateAfterAction({
      cluster,
      resource,
      storedShifts: [shift('s-1')],
      changed: extended,
      activeAutoshifts: [],
    });
    expect(next.clusterState.activeShift).toEqual(extended);
  });

  it('makes a managed resource of a cluster ARC was not read for yet', () => {
    const next = shiftStateAfterAction({
      cluster,
      storedShifts: [],
      changed: shift('s-1'),
      activeAutoshifts: [],
    });
    expect(next.resource).toEqual({
      arn: ARN,
      accountId: '111122223333',
      region: 'us-east-1',
      availabilityZones: ['use1-az1', 'use1-az2', 'use1-az4'],
      appliedWeights: { 'use1-az1': 1, 'use1-az2': 0, 'use1-az4': 1 },
      appliedAwayFrom: 'use1-az2',
    });
    expect(next.clusterState.shiftState).toBe('zonal-shift');
  });
});
