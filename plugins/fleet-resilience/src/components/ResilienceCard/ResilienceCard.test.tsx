import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/test-utils';
import type { ClusterReconcileStatus } from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  BASE_URL,
  CLUSTER_ARN,
  detailFixture,
  errorBody,
  summaryFixture,
} from '../../__testUtils__/fixtures';
import { renderWithClient } from '../../__testUtils__/render';
import { ResilienceCardView } from './ResilienceCard';

const server = setupServer();
registerMswTestHooks(server);

const withApp = detailFixture({
  resilienceApps: [
    {
      appArn: 'arn:aws:resiliencehub:us-east-1:111122223333:app/payments',
      name: 'payments',
      resiliencyScore: 72.4,
      complianceStatus: 'PolicyBreached',
      azCompliance: {
        complianceStatus: 'PolicyBreached',
        currentRtoInSecs: 3600,
        policyRtoInSecs: 900,
      },
      assessedAt: '2026-11-30T00:00:00Z',
    },
  ],
  karpenter: { installed: true, nativeZonalShift: false, nodeClaimCount: 5 },
});

const reconcile: ClusterReconcileStatus = {
  cluster: summaryFixture().ref,
  mode: 'nodepool',
  awayZoneIds: ['use1-az2'],
  state: 'blocked',
  nodePools: [
    {
      name: 'general',
      outcome: 'patched',
      allowedZoneIds: ['use1-az1', 'use1-az4'],
    },
    {
      name: 'gpu-b-only',
      outcome: 'blocked',
      allowedZoneIds: ['use1-az2'],
      message: 'allowed only in use1-az2',
    },
  ],
  markedNodeCount: 0,
  lastAttemptAt: '2026-12-01T10:31:00Z',
};

function serve(detail: unknown, reconcileResponse: () => Response) {
  server.use(
    http.get(`${BASE_URL}/clusters/:arn/reconcile`, reconcileResponse),
    http.get(`${BASE_URL}/clusters/:arn`, () =>
      HttpResponse.json(detail as any),
    ),
  );
}

describe('ResilienceCard', () => {
  it('shows Resilience Hub results, NodePool zones and the reconciler', async () => {
    serve(withApp, () => HttpResponse.json(reconcile));
    await renderWithClient(<ResilienceCardView clusterArn={CLUSTER_ARN} />);
    const apps = await screen.findByRole('table', {
      name: 'Resilience Hub applications',
    });
    expect(within(apps).getByText('payments')).toBeInTheDocument();
    expect(within(apps).getByText('72')).toBeInTheDocument();
    expect(
      within(apps).getByText('PolicyBreached (RTO 1 h of 15 min allowed)'),
    ).toBeInTheDocument();

    const pools = screen.getByRole('table', { name: 'NodePool zones' });
    const gpu = within(pools).getByText('gpu-b-only').closest('tr')!;
    expect(within(gpu).getByText('us-east-1b (use1-az2)')).toBeInTheDocument();
    expect(
      within(gpu).getByText('blocked: allowed only in use1-az2'),
    ).toBeInTheDocument();
    const general = within(pools).getByText('general').closest('tr')!;
    expect(
      within(general).getByText('every AZ of the cluster'),
    ).toBeInTheDocument();

    expect(
      screen.getByText('Some NodePool cannot avoid the impaired AZ'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/keeping NodePools away from use1-az2/),
    ).toBeInTheDocument();
  });

  it('says what a degraded reconciler cannot see', async () => {
    serve(withApp, () =>
      HttpResponse.json({
        ...reconcile,
        degraded: [
          'native zonal shift support unknown (Deployments forbidden)',
        ],
      }),
    );
    await renderWithClient(<ResilienceCardView clusterArn={CLUSTER_ARN} />);
    expect(
      await screen.findByText(
        'Degraded: native zonal shift support unknown (Deployments forbidden).',
      ),
    ).toBeInTheDocument();
  });

  it('tolerates a backend without the reconcile route', async () => {
    serve(detailFixture(), () =>
      HttpResponse.json(errorBody(404, 'NotFoundError', 'Not found'), {
        status: 404,
      }),
    );
    await renderWithClient(<ResilienceCardView clusterArn={CLUSTER_ARN} />);
    expect(
      await screen.findByText(
        'No reconciler status: the reconciler is not running on this backend.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No Resilience Hub application contains this cluster.'),
    ).toBeInTheDocument();
  });

  it('reports a reconcile failure without hiding the rest', async () => {
    serve(withApp, () =>
      HttpResponse.json(
        errorBody(500, 'Error', 'reconciler store unavailable'),
        { status: 500 },
      ),
    );
    await renderWithClient(<ResilienceCardView clusterArn={CLUSTER_ARN} />);
    expect(
      await screen.findByText(/reconciler store unavailable/),
    ).toBeInTheDocument();
    expect(screen.getByText('payments')).toBeInTheDocument();
  });

  it('shows stale data', async () => {
    serve(
      detailFixture(
        {},
        {
          health: {
            freshness: 'stale',
            ageSeconds: 5400,
            lastError: 'timeout',
          },
        },
      ),
      () => HttpResponse.json(reconcile),
    );
    await renderWithClient(<ResilienceCardView clusterArn={CLUSTER_ARN} />);
    expect(
      await screen.findByText(/Stale data: last read 1 h 30 min ago/),
    ).toBeInTheDocument();
  });
});
