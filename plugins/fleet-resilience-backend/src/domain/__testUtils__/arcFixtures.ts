// One cluster of ARC's, its zones, resource and shifts: shared by the
// shift-state and ARC-reduction tests.
import type { ZonalShift } from '@fleet-resilience/plugin-fleet-resilience-common';

export const ARN = 'arn:aws:eks:us-east-1:111122223333:cluster/payments';
export const ZONES = [
  { name: 'us-east-1a', id: 'use1-az1' },
  { name: 'us-east-1b', id: 'use1-az2' },
  { name: 'us-east-1c', id: 'use1-az4' },
];

export function shift(overrides: Partial<ZonalShift>): ZonalShift {
  return {
    zonalShiftId: 'z-1',
    resourceIdentifier: ARN,
    awayFrom: 'use1-az1',
    status: 'ACTIVE',
    shiftType: 'ZONAL_SHIFT',
    startTime: '2026-11-22T08:00:00.000Z',
    expiryTime: '2026-11-22T09:00:00.000Z',
    comment: '',
    ...overrides,
  };
}

export const resource = {
  arn: ARN,
  availabilityZones: ['use1-az1', 'use1-az2', 'use1-az4'],
  appliedWeights: { 'use1-az1': 1, 'use1-az2': 1, 'use1-az4': 1 },
  zonalAutoshiftStatus: 'ENABLED' as const,
};
