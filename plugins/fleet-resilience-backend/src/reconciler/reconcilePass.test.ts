import { createEksClusterRef } from '@fleet-resilience/plugin-fleet-resilience-common';
import { NOT_CONFIRMED_BY_EKS } from '../domain/kubernetesApiServer';
import type { StoredCluster } from '../domain/records';
import { runPass, targetFromCluster } from './reconcilePass';
import type { ClusterReconciler } from './ClusterReconciler';

const REF = createEksClusterRef({
  accountId: '111122223333',
  region: 'us-east-1',
  name: 'c1',
});

function cluster(overrides: Partial<StoredCluster>): StoredCluster {
  return {
    ref: REF,
    sourceId: 'test',
    tags: {},
    zones: [],
    shiftState: 'none',
    verdict: 'unknown',
    verdictReason: '',
    freshness: 'fresh',
    problems: [],
    firstSeenAt: '2026-12-01T00:00:00.000Z',
    lastSeenAt: '2026-12-01T00:00:00.000Z',
    ...overrides,
  } as StoredCluster;
}

describe('targetFromCluster', () => {
  it('targets the API server and CA EKS reports, not the inventory’s', () => {
    const target = targetFromCluster(
      cluster({
        endpoint: 'https://elsewhere.example',
        certificateAuthorityData: 'ca-from-config',
        eksEndpoint: 'https://c1.eks.example',
        eksCertificateAuthorityData: 'ca-from-eks',
      }),
    );
    expect(target).toMatchObject({
      endpoint: 'https://c1.eks.example',
      certificateAuthorityData: 'ca-from-eks',
    });
    expect(target.noEndpointReason).toBeUndefined();
  });

  it('has no endpoint before EKS has reported one, and the pass says why', async () => {
    const target = targetFromCluster(
      cluster({
        endpoint: 'https://c1.eks.example',
        certificateAuthorityData: 'ca-from-config',
      }),
    );
    expect(target.endpoint).toBeUndefined();
    expect(target.certificateAuthorityData).toBeUndefined();
    const reconcile = jest.fn();
    const result = await runPass({
      target,
      desired: { awayZoneIds: [], mode: { mode: 'enforce' } as any },
      clusters: { reconcile } as unknown as ClusterReconciler,
      clusterTimeoutMs: 1000,
      signal: new AbortController().signal,
    });
    expect(reconcile).not.toHaveBeenCalled();
    expect(result).toMatchObject({
      state: 'error',
      error: NOT_CONFIRMED_BY_EKS,
    });
  });
});
