import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  mockApis,
  MockFetchApi,
  registerMswTestHooks,
} from '@backstage/test-utils';
import { IDEMPOTENCY_KEY_HEADER } from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  BASE_URL,
  CLUSTER_ARN,
  detailFixture,
  errorBody,
} from '../__testUtils__/fixtures';
import {
  buildQueryString,
  FleetResilienceClient,
} from './FleetResilienceClient';

const server = setupServer();
registerMswTestHooks(server);

const client = new FleetResilienceClient({
  discoveryApi: mockApis.discovery({ baseUrl: 'http://fleet.test' }),
  fetchApi: new MockFetchApi(),
});

describe('buildQueryString', () => {
  it('repeats array values and skips empty ones', () => {
    expect(
      buildQueryString({
        account: ['1', '2'],
        q: '',
        region: undefined,
        limit: 50,
      }),
    ).toBe('?account=1&account=2&limit=50');
    expect(buildQueryString({})).toBe('');
  });
});

describe('FleetResilienceClient', () => {
  it('sends filters and paging to GET /clusters', async () => {
    let url: URL | undefined;
    server.use(
      http.get(`${BASE_URL}/clusters`, ({ request }) => {
        url = new URL(request.url);
        return HttpResponse.json({
          items: [],
          totalCount: 0,
          paging: { limit: 50, offset: 100 },
        });
      }),
    );
    await client.listClusters({
      account: ['111122223333'],
      zone: ['use1-az2'],
      shiftState: ['zonal-shift'],
      verdict: ['at-risk'],
      search: ' pay ',
      limit: 50,
      offset: 100,
    });
    expect(url?.searchParams.getAll('account')).toEqual(['111122223333']);
    expect(url?.searchParams.get('zone')).toBe('use1-az2');
    expect(url?.searchParams.get('shiftState')).toBe('zonal-shift');
    expect(url?.searchParams.get('verdict')).toBe('at-risk');
    expect(url?.searchParams.get('q')).toBe('pay');
    expect(url?.searchParams.get('limit')).toBe('50');
    expect(url?.searchParams.get('offset')).toBe('100');
  });

  it('URL-encodes the cluster ARN in the detail path', async () => {
    server.use(
      http.get(`${BASE_URL}/clusters/:arn`, ({ params }) =>
        params.arn === CLUSTER_ARN
          ? HttpResponse.json(detailFixture())
          : new HttpResponse(null, { status: 400 }),
      ),
    );
    const detail = await client.getCluster(CLUSTER_ARN);
    expect(detail.summary.ref.arn).toBe(CLUSTER_ARN);
  });

  it('asks GET .../shift-impact for the AZ and returns the impact', async () => {
    let url: URL | undefined;
    let arn: unknown;
    const impact = {
      awayFrom: { name: 'us-east-1b', id: 'use1-az2' },
      verdict: 'at-risk',
      reason:
        'Shifting away from us-east-1b (use1-az2) leaves 82% of the CPU your pods request: not enough CPU.',
      blockedNodePools: ['gpu-b-only'],
    };
    server.use(
      http.get(
        `${BASE_URL}/clusters/:arn/shift-impact`,
        ({ request, params }) => {
          url = new URL(request.url);
          arn = params.arn;
          return HttpResponse.json(impact);
        },
      ),
    );
    await expect(
      client.getShiftImpact(CLUSTER_ARN, 'use1-az2'),
    ).resolves.toEqual(impact);
    expect(arn).toBe(CLUSTER_ARN);
    expect(url?.pathname).toBe(
      `/api/fleet-resilience/clusters/${encodeURIComponent(
        CLUSTER_ARN,
      )}/shift-impact`,
    );
    expect(url?.search).toBe('?awayFrom=use1-az2');
  });

  it('rejects with the backend’s 400 for an AZ the cluster does not have', async () => {
    server.use(
      http.get(`${BASE_URL}/clusters/:arn/shift-impact`, () =>
        HttpResponse.json(
          errorBody(
            400,
            'InputError',
            'Invalid awayFrom "use1-az9": not an AZ of payments',
          ),
          { status: 400 },
        ),
      ),
    );
    await expect(
      client.getShiftImpact(CLUSTER_ARN, 'use1-az9'),
    ).rejects.toMatchObject({
      statusCode: 400,
      body: {
        error: {
          name: 'InputError',
          message: expect.stringMatching(/awayFrom/),
        },
      },
    });
  });

  it('sends the idempotency key and body with a start', async () => {
    let headers: Headers | undefined;
    let body: unknown;
    server.use(
      http.post(`${BASE_URL}/clusters/:arn/shifts`, async ({ request }) => {
        headers = request.headers;
        body = await request.json();
        return HttpResponse.json(
          { shift: {}, auditEventId: 'a1', replayed: false },
          { status: 201 },
        );
      }),
    );
    await client.startShift(
      CLUSTER_ARN,
      { awayFrom: 'use1-az2', expiresIn: '1h', comment: 'test' },
      'key-123',
    );
    expect(headers?.get(IDEMPOTENCY_KEY_HEADER)).toBe('key-123');
    expect(body).toEqual({
      awayFrom: 'use1-az2',
      expiresIn: '1h',
      comment: 'test',
    });
  });

  it('pages GET /active-shifts and returns its body', async () => {
    const urls: URL[] = [];
    const body = {
      items: [
        {
          cluster: detailFixture().summary.ref,
          entityRef: 'resource:default/payments',
          shiftType: 'ZONAL_AUTOSHIFT',
          awayFrom: { name: 'us-east-1b', id: 'use1-az2' },
          startTime: '2026-12-01T10:00:00.000Z',
          applied: true,
        },
      ],
      totalCount: 3,
      paging: { limit: 1, offset: 1, nextOffset: 2 },
    };
    server.use(
      http.get(`${BASE_URL}/active-shifts`, ({ request }) => {
        urls.push(new URL(request.url));
        return HttpResponse.json(body);
      }),
    );
    await expect(
      client.listActiveShifts({ limit: 1, offset: 1 }),
    ).resolves.toEqual(body);
    await client.listActiveShifts();
    expect(urls.map(url => url.search)).toEqual(['?limit=1&offset=1', '']);
  });

  it('sends extendBy in an update', async () => {
    let body: unknown;
    server.use(
      http.patch(
        `${BASE_URL}/clusters/:arn/shifts/:id`,
        async ({ request }) => {
          body = await request.json();
          return HttpResponse.json({
            shift: {},
            auditEventId: 'a1',
            replayed: false,
          });
        },
      ),
    );
    await client.updateShift(CLUSTER_ARN, 'zs-1', { extendBy: '1h' }, 'k');
    expect(body).toEqual({ extendBy: '1h' });
  });

  it('throws the backend error with its status', async () => {
    server.use(
      http.delete(`${BASE_URL}/clusters/:arn/shifts/:id`, () =>
        HttpResponse.json(
          errorBody(409, 'ConflictError', 'ZonalShiftStatusNotActive: expired'),
          { status: 409 },
        ),
      ),
    );
    await expect(
      client.cancelShift(CLUSTER_ARN, 'zs-1', 'k'),
    ).rejects.toMatchObject({
      statusCode: 409,
      body: { error: { name: 'ConflictError' } },
    });
  });

  it('treats a missing reconcile route as no status', async () => {
    server.use(
      http.get(`${BASE_URL}/clusters/:arn/reconcile`, () =>
        HttpResponse.json(
          { error: { name: 'NotFoundError', message: 'no route' } },
          { status: 404 },
        ),
      ),
    );
    await expect(
      client.getClusterReconcileStatus(CLUSTER_ARN),
    ).resolves.toBeUndefined();
  });
});
