import type { FleetClusterSummary } from '@fleet-resilience/plugin-fleet-resilience-common';

/** A fleet list item as the backend's API returns it. */
export function summary(
  name: string,
  overrides: Partial<FleetClusterSummary> = {},
): FleetClusterSummary {
  return {
    ref: {
      accountId: '111122223333',
      region: 'us-east-1',
      name,
      arn: `arn:aws:eks:us-east-1:111122223333:cluster/${name}`,
    },
    entityRef: `resource:default/${name}-us-east-1-111122223333`,
    version: '1.33',
    status: 'ACTIVE',
    owner: 'payments-team',
    system: 'payments',
    zones: [
      { name: 'us-east-1a', id: 'use1-az1' },
      { name: 'us-east-1b', id: 'use1-az2' },
      { name: 'us-east-1c', id: 'use1-az4' },
    ],
    zonalShiftEnabled: true,
    autoshiftStatus: 'ENABLED',
    shiftState: 'none',
    survivability: {
      verdict: 'survives',
      reason: 'Every AZ can be lost with at least 120% of requests covered',
    },
    health: { freshness: 'fresh' },
    firstSeenAt: '2026-11-22T08:00:00.000Z',
    lastSeenAt: '2026-11-22T08:10:00.000Z',
    ...overrides,
  };
}
