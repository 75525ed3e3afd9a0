import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  BASE_URL,
  CLUSTER_ARN,
  detailFixture,
  errorBody,
} from '../../__testUtils__/fixtures';
import { renderWithClient } from '../../__testUtils__/render';
import { verdictChipLabel } from '../shared/VerdictChip';
import {
  AzCapacityCardView,
  EntityFleetAzCapacityCard,
} from './AzCapacityCard';

const server = setupServer();
registerMswTestHooks(server);

function serveDetail(body: unknown, status = 200) {
  server.use(
    http.get(`${BASE_URL}/clusters/:arn`, ({ params }) =>
      params.arn === CLUSTER_ARN
        ? HttpResponse.json(body as any, { status })
        : HttpResponse.json(errorBody(404, 'NotFoundError', 'no'), {
            status: 404,
          }),
    ),
  );
}

describe('AzCapacityCard', () => {
  it('draws each AZ with its N-1 outcome in words', async () => {
    serveDetail(detailFixture());
    await renderWithClient(<AzCapacityCardView clusterArn={CLUSTER_ARN} />);

    const azB = await screen.findByRole('region', {
      name: 'AZ us-east-1b (use1-az2)',
    });
    expect(
      within(azB).getByText(
        'Losing us-east-1b (use1-az2) leaves 88% of the CPU and 533% of the memory your pods request: not enough CPU.',
      ),
    ).toBeInTheDocument();
    expect(
      within(azB).getByRole('img', {
        name: 'CPU: 6 cores requested of 8 cores allocatable (75%)',
      }),
    ).toBeInTheDocument();
    // The verdict of the whole cluster comes first.
    expect(screen.getByText('At risk if an AZ is lost')).toBeInTheDocument();
    expect(
      screen.getByText(/Data from 1 Dec 2026, 10:30 UTC \(2 min ago\)/),
    ).toBeInTheDocument();
  });

  it('marks cordoned capacity', async () => {
    serveDetail(detailFixture());
    await renderWithClient(<AzCapacityCardView clusterArn={CLUSTER_ARN} />);
    const azC = await screen.findByRole('region', {
      name: 'AZ us-east-1c (use1-az4)',
    });
    expect(
      within(azC).getByText(/1 cordoned or not ready \(hatched\)/),
    ).toBeInTheDocument();
    expect(
      within(azC).getByRole('img', {
        name: 'CPU: 0m requested of 8 cores allocatable (0%), 4 cores of it cordoned or not ready',
      }),
    ).toBeInTheDocument();
    const cordoned = within(azC).getAllByTestId('cordoned-segment')[0];
    expect(Number(cordoned.getAttribute('width'))).toBeGreaterThan(0);
  });

  it('shows N-1 with the shifted AZ counted as lost while a shift applies', async () => {
    const base = detailFixture();
    // The shift's impact disagrees with the snapshot: the card follows it.
    const afterShift = {
      ...base.survivability!,
      verdict:
        base.survivability!.verdict === 'survives' ? 'at-risk' : 'survives',
      reason: 'N-1 while shifted away.',
    } as const;
    serveDetail(
      detailFixture({
        shiftImpact: {
          awayFrom: { name: 'us-east-1b', id: 'use1-az2' },
          verdict: 'at-risk',
          reason: 'r',
          afterShift,
          blockedNodePools: [],
        },
      }),
    );
    await renderWithClient(<AzCapacityCardView clusterArn={CLUSTER_ARN} />);
    expect(
      await screen.findByText(verdictChipLabel(afterShift.verdict)),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(verdictChipLabel(base.survivability!.verdict)),
    ).toBeNull();
    expect(screen.getByText('N-1 while shifted away.')).toBeInTheDocument();
  });

  it('warns when the data is stale', async () => {
    serveDetail(
      detailFixture(
        {},
        {
          health: {
            freshness: 'stale',
            lastSuccessAt: '2026-12-01T08:00:00Z',
            ageSeconds: 7200,
            lastError: 'connect ETIMEDOUT',
          },
        },
      ),
    );
    await renderWithClient(<AzCapacityCardView clusterArn={CLUSTER_ARN} />);
    expect(
      await screen.findByText(/Stale data: last read 2 h ago/),
    ).toBeInTheDocument();
    // The verdict above the warning does not stay a confident green.
    expect(screen.getByText(/\(stale data\)$/)).toBeInTheDocument();
  });

  it('shows an empty state without capacity data', async () => {
    serveDetail(
      detailFixture({ capacity: undefined, survivability: undefined }),
    );
    await renderWithClient(<AzCapacityCardView clusterArn={CLUSTER_ARN} />);
    expect(await screen.findByText('No capacity data yet')).toBeInTheDocument();
  });

  it('says when the backend does not know the cluster', async () => {
    serveDetail(errorBody(404, 'NotFoundError', 'No cluster'), 404);
    await renderWithClient(<AzCapacityCardView clusterArn={CLUSTER_ARN} />);
    expect(
      await screen.findByText('Cluster not in the fleet yet'),
    ).toBeInTheDocument();
  });

  it('shows a backend failure', async () => {
    serveDetail(errorBody(500, 'Error', 'database is locked'), 500);
    await renderWithClient(<AzCapacityCardView clusterArn={CLUSTER_ARN} />);
    expect(
      (await screen.findAllByText(/database is locked/)).length,
    ).toBeGreaterThan(0);
  });

  it('reads the cluster ARN from the entity', async () => {
    serveDetail(detailFixture());
    await renderWithClient(
      <EntityProvider
        entity={{
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: {
            name: 'payments-prod-us-east-1-111122223333',
            annotations: { 'fleet-resilience.io/cluster-arn': CLUSTER_ARN },
          },
          spec: { type: 'kubernetes-cluster' },
        }}
      >
        <EntityFleetAzCapacityCard />
      </EntityProvider>,
    );
    expect(
      await screen.findByRole('region', { name: 'AZ us-east-1a (use1-az1)' }),
    ).toBeInTheDocument();
  });
});
