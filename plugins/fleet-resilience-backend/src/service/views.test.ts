import { clusterEntityRef } from '@fleet-resilience/plugin-fleet-resilience-common';
import type { StoredShift } from '../domain/records';
import { pagingOf, toShiftRecord } from './views';

const ARN = 'arn:aws:eks:us-east-1:111122223333:cluster/payments-prod-use1';

function stored(overrides: Partial<StoredShift> = {}): StoredShift {
  return {
    zonalShiftId: 'zs-1',
    resourceIdentifier: ARN,
    awayFrom: 'use1-az2',
    status: 'ACTIVE',
    shiftType: 'ZONAL_SHIFT',
    startTime: '2026-12-01T10:00:00.000Z',
    expiryTime: '2026-12-01T12:00:00.000Z',
    comment: 'drill',
    accountId: '111122223333',
    region: 'us-east-1',
    firstSeenAt: '2026-12-01T10:00:00.000Z',
    lastSeenAt: '2026-12-01T10:01:00.000Z',
    ...overrides,
  };
}

describe('toShiftRecord', () => {
  it('names the cluster and its catalog entity by the shared rule', () => {
    const record = toShiftRecord(stored({ actor: 'user:default/jane' }));
    expect(record.cluster).toEqual({
      arn: ARN,
      accountId: '111122223333',
      region: 'us-east-1',
      name: 'payments-prod-use1',
    });
    expect(record.entityRef).toBe(
      'resource:default/payments-prod-use1-us-east-1-111122223333',
    );
    expect(record.entityRef).toBe(clusterEntityRef(record.cluster));
    expect(record).toMatchObject({
      zonalShiftId: 'zs-1',
      actor: 'user:default/jane',
      lastSeenAt: '2026-12-01T10:01:00.000Z',
    });
  });

  it('carries a practice run’s outcome, and none on other shifts', () => {
    const practice = toShiftRecord(
      stored({ shiftType: 'PRACTICE_RUN', practiceRunOutcome: 'FAILED' }),
    );
    expect(practice.practiceRunOutcome).toBe('FAILED');
    expect(toShiftRecord(stored())).not.toHaveProperty('practiceRunOutcome');
  });

  it('uses the hashed entity name for a cluster name the canonical form cannot hold', () => {
    const arn = 'arn:aws:eks:us-east-1:111122223333:cluster/Payments_Prod';
    const record = toShiftRecord(stored({ resourceIdentifier: arn }));
    expect(record.entityRef).toBe(
      clusterEntityRef({
        accountId: '111122223333',
        region: 'us-east-1',
        name: 'Payments_Prod',
      }),
    );
    expect(record.entityRef).toMatch(
      /^resource:default\/payments-prod-us-east-1-111122223333-[0-9a-z]{8}$/,
    );
  });

  it('names no entity for a resource that is not an EKS cluster', () => {
    const record = toShiftRecord(
      stored({
        resourceIdentifier:
          'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/1',
      }),
    );
    expect(record.entityRef).toBeUndefined();
    expect(record.cluster.name).toBe('loadbalancer/app/web/1');
  });
});

describe('pagingOf', () => {
  it('names the next page while there is one', () => {
    expect(pagingOf({ limit: 10, offset: 20 }, 31)).toEqual({
      limit: 10,
      offset: 20,
      nextOffset: 30,
    });
    expect(pagingOf({ limit: 10, offset: 20 }, 30)).toEqual({
      limit: 10,
      offset: 20,
    });
  });
});
