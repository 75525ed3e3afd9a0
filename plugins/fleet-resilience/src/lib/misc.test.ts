import type { Entity } from '@backstage/catalog-model';
import { clusterArnOf, isFleetClusterAvailable } from './clusterEntity';
import { mapBounded } from './boundedMap';
import { EMPTY_FILTERS, isAzId, toListQuery } from './fleetFilters';
import { formatCpu, formatMemory, formatPercent } from './format';
import { CLUSTER_ARN } from '../__testUtils__/fixtures';

function entity(kind: string, type: string, arn?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name: 'x',
      annotations: arn ? { 'fleet-resilience.io/cluster-arn': arn } : undefined,
    },
    spec: { type },
  };
}

describe('isFleetClusterAvailable', () => {
  it('accepts kubernetes-cluster resources with a valid ARN', () => {
    expect(
      isFleetClusterAvailable(
        entity('Resource', 'kubernetes-cluster', CLUSTER_ARN),
      ),
    ).toBe(true);
    expect(
      clusterArnOf(entity('Resource', 'kubernetes-cluster', CLUSTER_ARN)),
    ).toBe(CLUSTER_ARN);
  });

  it('rejects other kinds, types, and missing or malformed ARNs', () => {
    expect(
      isFleetClusterAvailable(
        entity('Component', 'kubernetes-cluster', CLUSTER_ARN),
      ),
    ).toBe(false);
    expect(
      isFleetClusterAvailable(entity('Resource', 'database', CLUSTER_ARN)),
    ).toBe(false);
    expect(
      isFleetClusterAvailable(entity('Resource', 'kubernetes-cluster')),
    ).toBe(false);
    expect(
      isFleetClusterAvailable(
        entity('Resource', 'kubernetes-cluster', 'arn:aws:eks:bad'),
      ),
    ).toBe(false);
  });
});

describe('toListQuery', () => {
  it('splits comma lists, drops empty filters and pages', () => {
    expect(
      toListQuery(
        {
          ...EMPTY_FILTERS,
          account: '111122223333, 444455556666',
          verdict: 'at-risk',
          search: '  pay ',
        },
        { limit: 50, offset: 100 },
      ),
    ).toEqual({
      account: ['111122223333', '444455556666'],
      region: undefined,
      zone: undefined,
      version: undefined,
      shiftState: undefined,
      verdict: ['at-risk'],
      search: 'pay',
      sort: 'name',
      order: 'asc',
      limit: 50,
      offset: 100,
    });
  });

  it('recognises AZ IDs but not AZ names', () => {
    expect(isAzId('use1-az2')).toBe(true);
    expect(isAzId('apne1-az4')).toBe(true);
    expect(isAzId('us-east-1b')).toBe(false);
    expect(isAzId('')).toBe(false);
  });
});

describe('format', () => {
  it('formats CPU, memory and percent', () => {
    expect(formatCpu(750)).toBe('750m');
    expect(formatCpu(4000)).toBe('4 cores');
    expect(formatCpu(1000)).toBe('1 core');
    expect(formatCpu(2500)).toBe('2.5 cores');
    expect(formatMemory(16 * 1024 ** 3)).toBe('16.0 GiB');
    expect(formatMemory(512)).toBe('512 B');
    expect(formatPercent(0.999)).toBe('99%');
  });
});

describe('mapBounded', () => {
  it('keeps order, isolates failures and never exceeds the concurrency', async () => {
    let inFlight = 0;
    let peak = 0;
    const results = await mapBounded([1, 2, 3, 4, 5, 6], 2, async n => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise(resolve => setTimeout(resolve, 5));
      inFlight--;
      if (n === 3) throw new Error('three');
      return n * 10;
    });
    expect(peak).toBe(2);
    expect(results.map(r => ('value' in r ? r.value : 'error'))).toEqual([
      10,
      20,
      'error',
      40,
      50,
      60,
    ]);
  });
});
