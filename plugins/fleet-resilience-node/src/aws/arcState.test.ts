import type { ManagedResourceSummary } from '../arc/types';
import {
  appliedAwayFrom,
  autoshiftFromSummary,
  managedResourceState,
  zonalShiftFromSummary,
} from './arcState';

const ARN = 'arn:aws:eks:us-east-1:111122223333:cluster/payments-prod-use1';
const START = new Date('2026-11-22T08:00:00Z');
const EXPIRY = new Date('2026-11-22T09:00:00Z');

const shiftInResource = (
  awayFrom: string,
  appliedStatus: 'APPLIED' | 'NOT_APPLIED',
) => ({
  zonalShiftId: `shift-${awayFrom}`,
  resourceIdentifier: ARN,
  awayFrom,
  startTime: START,
  expiryTime: EXPIRY,
  comment: '',
  appliedStatus,
});

describe('appliedAwayFrom', () => {
  const base: ManagedResourceSummary = {
    arn: ARN,
    availabilityZones: ['use1-az1', 'use1-az2', 'use1-az4'],
    appliedWeights: { 'use1-az1': 1, 'use1-az2': 1, 'use1-az4': 1 },
  };

  it('is undefined when nothing is shifted', () => {
    expect(appliedAwayFrom(base)).toBeUndefined();
  });

  it('is the APPLIED zonal shift, not one that is NOT_APPLIED', () => {
    expect(
      appliedAwayFrom({
        ...base,
        zonalShifts: [
          shiftInResource('use1-az4', 'NOT_APPLIED'),
          shiftInResource('use1-az2', 'APPLIED'),
        ],
      }),
    ).toBe('use1-az2');
  });

  it('falls back to the APPLIED autoshift', () => {
    expect(
      appliedAwayFrom({
        ...base,
        zonalShifts: [shiftInResource('use1-az4', 'NOT_APPLIED')],
        autoshifts: [
          { awayFrom: 'use1-az1', appliedStatus: 'APPLIED', startTime: START },
        ],
      }),
    ).toBe('use1-az1');
  });

  it('falls back to the one AZ with weight 0 while others carry traffic', () => {
    expect(
      appliedAwayFrom({
        ...base,
        appliedWeights: { 'use1-az1': 1, 'use1-az2': 0, 'use1-az4': 1 },
      }),
    ).toBe('use1-az2');
    expect(
      appliedAwayFrom({
        ...base,
        appliedWeights: { 'use1-az1': 0, 'use1-az2': 0 },
      }),
    ).toBeUndefined();
  });
});

describe('managedResourceState', () => {
  it('keeps EKS clusters with their weights, statuses and applied away-zone', () => {
    expect(
      managedResourceState({
        arn: ARN,
        name: 'payments-prod-use1',
        availabilityZones: ['use1-az1', 'use1-az2'],
        appliedWeights: { 'use1-az1': 0, 'use1-az2': 1 },
        zonalShifts: [shiftInResource('use1-az1', 'APPLIED')],
        zonalAutoshiftStatus: 'ENABLED',
        practiceRunStatus: 'ENABLED',
      }),
    ).toEqual({
      arn: ARN,
      availabilityZones: ['use1-az1', 'use1-az2'],
      appliedWeights: { 'use1-az1': 0, 'use1-az2': 1 },
      zonalAutoshiftStatus: 'ENABLED',
      practiceRunStatus: 'ENABLED',
      appliedAwayFrom: 'use1-az1',
    });
  });

  it('leaves out load balancers and resources without an ARN', () => {
    expect(
      managedResourceState({
        arn: 'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188',
        availabilityZones: [],
      }),
    ).toBeUndefined();
    expect(managedResourceState({ availabilityZones: [] })).toBeUndefined();
  });
});

describe('zonalShiftFromSummary', () => {
  const summary = {
    zonalShiftId: '9ac9ec1e-1df5-42b5-a6a0-b3de0c5d1a6b',
    resourceIdentifier: ARN,
    awayFrom: 'use1-az1',
    startTime: START,
    expiryTime: EXPIRY,
    status: 'ACTIVE' as const,
    comment: 'AZ impairment',
  };

  it('converts times to ISO and keeps the type ARC reports', () => {
    expect(
      zonalShiftFromSummary({ ...summary, shiftType: 'PRACTICE_RUN' }),
    ).toEqual({
      zonalShiftId: summary.zonalShiftId,
      resourceIdentifier: ARN,
      awayFrom: 'use1-az1',
      status: 'ACTIVE',
      shiftType: 'PRACTICE_RUN',
      startTime: '2026-11-22T08:00:00.000Z',
      expiryTime: '2026-11-22T09:00:00.000Z',
      comment: 'AZ impairment',
    });
  });

  it('takes a shift without a type for a customer zonal shift', () => {
    expect(zonalShiftFromSummary(summary).shiftType).toBe('ZONAL_SHIFT');
  });

  it('refuses a time that is not a time', () => {
    expect(() =>
      zonalShiftFromSummary({ ...summary, startTime: new Date(NaN) }),
    ).toThrow('startTime that is not a time');
  });
});

describe('autoshiftFromSummary', () => {
  it('converts times and omits a missing end', () => {
    expect(
      autoshiftFromSummary({
        awayFrom: 'use1-az2',
        startTime: START,
        status: 'ACTIVE',
      }),
    ).toEqual({
      awayFrom: 'use1-az2',
      startTime: '2026-11-22T08:00:00.000Z',
      status: 'ACTIVE',
    });
    expect(
      autoshiftFromSummary({
        awayFrom: 'use1-az2',
        startTime: START,
        endTime: EXPIRY,
        status: 'COMPLETED',
      }).endTime,
    ).toBe('2026-11-22T09:00:00.000Z');
  });
});

describe('managedResourceState with a scope', () => {
  it('leaves out clusters of another account or region', () => {
    const scope = { accountId: '111122223333', region: 'us-east-1' };
    const resource = (arn: string) => ({ arn, availabilityZones: [] });
    expect(managedResourceState(resource(ARN), scope)?.arn).toBe(ARN);
    expect(
      managedResourceState(
        resource(ARN.replace('111122223333', '444455556666')),
        scope,
      ),
    ).toBeUndefined();
    expect(
      managedResourceState(
        resource(ARN.replace(/us-east-1/g, 'us-west-2')),
        scope,
      ),
    ).toBeUndefined();
  });
});
