import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  mockApis,
  MockFetchApi,
  registerMswTestHooks,
} from '@backstage/test-utils';
import {
  FLEET_CHANNEL_HEADER,
  IDEMPOTENCY_KEY_HEADER,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { BASE_URL, CLUSTER_ARN, errorBody } from '../__testUtils__/fixtures';
import { fleetSummaryFixture } from '../__testUtils__/readinessFixtures';
import { FleetResilienceClient } from './FleetResilienceClient';

const server = setupServer();
registerMswTestHooks(server);

const client = new FleetResilienceClient({
  discoveryApi: mockApis.discovery({ baseUrl: 'http://fleet.test' }),
  fetchApi: new MockFetchApi(),
});

describe('FleetResilienceClient readiness', () => {
  it('sends the readiness filters and sort to GET /clusters', async () => {
    let url: URL | undefined;
    server.use(
      http.get(`${BASE_URL}/clusters`, ({ request }) => {
        url = new URL(request.url);
        return HttpResponse.json({
          items: [],
          totalCount: 0,
          paging: { limit: 50, offset: 0 },
        });
      }),
    );
    await client.listClusters({
      readiness: ['not-ready', 'at-risk'],
      check: ['zonal-shift'],
      sort: 'readiness',
      order: 'asc',
    });
    expect(url?.searchParams.getAll('readiness')).toEqual([
      'not-ready',
      'at-risk',
    ]);
    expect(url?.searchParams.getAll('check')).toEqual(['zonal-shift']);
    expect(url?.searchParams.get('sort')).toBe('readiness');
  });

  it('asks GET /readiness-summary with the list’s filters, without page or sort', async () => {
    let url: URL | undefined;
    server.use(
      http.get(`${BASE_URL}/readiness-summary`, ({ request }) => {
        url = new URL(request.url);
        return HttpResponse.json(fleetSummaryFixture());
      }),
    );
    const summary = await client.getReadinessSummary({
      owner: ['payments-team'],
      readiness: ['not-ready'],
      check: ['workload-spread', 'cluster-dns'],
      search: ' pay ',
    });
    expect(summary.workloadsAtRisk).toBe(17);
    expect(url?.searchParams.get('owner')).toBe('payments-team');
    expect(url?.searchParams.get('readiness')).toBe('not-ready');
    expect(url?.searchParams.getAll('check')).toEqual([
      'workload-spread',
      'cluster-dns',
    ]);
    expect(url?.searchParams.get('q')).toBe('pay');
    expect(url?.searchParams.has('limit')).toBe(false);
    expect(url?.searchParams.has('sort')).toBe(false);
  });

  it('posts a cluster fix with its key and the portal channel', async () => {
    let seen: { path: string; body: unknown; key: string | null } | undefined;
    let channel: string | null = null;
    server.use(
      http.post(
        `${BASE_URL}/clusters/:arn/readiness-fixes`,
        async ({ request, params }) => {
          seen = {
            path: String(params.arn),
            body: await request.json(),
            key: request.headers.get(IDEMPOTENCY_KEY_HEADER),
          };
          channel = request.headers.get(FLEET_CHANNEL_HEADER);
          return HttpResponse.json({ status: 'applied', message: 'ok' });
        },
      ),
    );
    const response = await client.fixClusterReadiness(
      CLUSTER_ARN,
      { fix: 'enable-autoshift', comment: 'why' },
      'key-1',
    );
    expect(response.status).toBe('applied');
    expect(seen).toEqual({
      path: CLUSTER_ARN,
      body: { fix: 'enable-autoshift', comment: 'why' },
      key: 'key-1',
    });
    expect(channel).toBe('portal');
  });

  it('posts a fleet fix and rejects with the backend’s 400', async () => {
    let body: unknown;
    server.use(
      http.post(`${BASE_URL}/fleet-readiness-fixes`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(
          errorBody(400, 'InputError', 'clusters[0] is not readable'),
          { status: 400 },
        );
      }),
    );
    await expect(
      client.fixFleetReadiness(
        {
          fix: 'enable-zonal-shift',
          comment: 'why',
          clusters: [CLUSTER_ARN],
          dryRun: true,
        },
        'key-2',
      ),
    ).rejects.toMatchObject({ statusCode: 400 });
    expect(body).toEqual({
      fix: 'enable-zonal-shift',
      comment: 'why',
      clusters: [CLUSTER_ARN],
      dryRun: true,
    });
  });
});
