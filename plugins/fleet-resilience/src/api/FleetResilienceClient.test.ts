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
  type PreflightReport,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  BASE_URL,
  CLUSTER_ARN,
  detailFixture,
  errorBody,
} from '../__testUtils__/fixtures';
import {
  buildQueryString,
  FleetResilienceClient,
  PREFLIGHT_ERROR_MESSAGES,
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
      owner: ['payments-team', 'group:default/search-team'],
      shiftState: ['zonal-shift'],
      verdict: ['at-risk'],
      search: ' pay ',
      limit: 50,
      offset: 100,
    });
    expect(url?.searchParams.getAll('account')).toEqual(['111122223333']);
    expect(url?.searchParams.get('zone')).toBe('use1-az2');
    expect(url?.searchParams.getAll('owner')).toEqual([
      'payments-team',
      'group:default/search-team',
    ]);
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
    expect(headers?.get(FLEET_CHANNEL_HEADER)).toBe('portal');
    expect(headers?.get('content-type')).toBe('application/json');
    expect(body).toEqual({
      awayFrom: 'use1-az2',
      expiresIn: '1h',
      comment: 'test',
    });
  });

  it('says it is the portal on every call, reads and actions alike', async () => {
    const channels: Array<[string, string | null]> = [];
    const seen = ({ request }: { request: Request }) => {
      channels.push([
        `${request.method} ${new URL(request.url).pathname.split('/').pop()}`,
        request.headers.get(FLEET_CHANNEL_HEADER),
      ]);
    };
    const page = { items: [], totalCount: 0, paging: { limit: 1, offset: 0 } };
    server.use(
      http.get(`${BASE_URL}/audit`, info => {
        seen(info);
        return HttpResponse.json(page);
      }),
      http.delete(`${BASE_URL}/clusters/:arn/shifts/:id`, info => {
        seen(info);
        return HttpResponse.json({
          shift: {},
          auditEventId: 'a',
          replayed: false,
        });
      }),
      http.post(`${BASE_URL}/fleet-shifts`, info => {
        seen(info);
        return HttpResponse.json({ dryRun: true, items: [] });
      }),
    );
    await client.listAuditEvents({ cluster: CLUSTER_ARN });
    await client.cancelShift(CLUSTER_ARN, 'zs-1', 'k1');
    await client.shiftFleet(
      { awayFrom: 'use1-az1', expiresIn: '1h', comment: 'c', dryRun: true },
      'k2',
    );
    expect(channels).toEqual([
      ['GET audit', 'portal'],
      ['DELETE zs-1', 'portal'],
      ['POST fleet-shifts', 'portal'],
    ]);
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

describe('FleetResilienceClient preflight', () => {
  const report: PreflightReport = {
    state: 'running',
    startedAt: '2026-12-07T06:00:00.000Z',
    progress: { done: 1, total: 4 },
    summary: { pass: 0, warn: 0, fail: 1, skipped: 0 },
    checks: [
      {
        id: 'eks.describe-cluster',
        title: 'EKS DescribeCluster works',
        scope: { accountId: '111122223333', region: 'us-east-1' },
        status: 'fail',
        detail: 'AccessDeniedException',
        fix: 'Allow eks:DescribeCluster to fleet-resilience-reader',
      },
    ],
  };

  it('reads the report from GET /preflight', async () => {
    let url: URL | undefined;
    server.use(
      http.get(`${BASE_URL}/preflight`, ({ request }) => {
        url = new URL(request.url);
        return HttpResponse.json(report);
      }),
    );
    await expect(client.getPreflight()).resolves.toEqual(report);
    expect(url?.pathname).toBe('/api/fleet-resilience/preflight');
  });

  it('starts a run with POST /preflight and resolves on 202', async () => {
    const methods: string[] = [];
    server.use(
      http.all(`${BASE_URL}/preflight`, ({ request }) => {
        methods.push(request.method);
        return new HttpResponse(null, { status: 202 });
      }),
    );
    await expect(client.runPreflight()).resolves.toBeUndefined();
    expect(methods).toEqual(['POST']);
  });

  it.each([
    ['GET', () => client.getPreflight()],
    ['POST', () => client.runPreflight()],
  ] as const)(
    'says which permission is missing when %s /preflight answers 403',
    async (_method, call) => {
      server.use(
        http.all(`${BASE_URL}/preflight`, () =>
          HttpResponse.json(errorBody(403, 'NotAllowedError', 'Unauthorized'), {
            status: 403,
          }),
        ),
      );
      const error = await call().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({
        name: 'ResponseError',
        statusCode: 403,
        body: { error: { name: 'NotAllowedError' } },
      });
      expect((error as Error).message).toBe(PREFLIGHT_ERROR_MESSAGES[403]);
      expect((error as Error).message).toMatch(
        /fleet-resilience\.preflight permission.*admins/,
      );
    },
  );

  it('says the backend has no preflight route on 404', async () => {
    server.use(
      http.get(`${BASE_URL}/preflight`, () =>
        HttpResponse.json(errorBody(404, 'NotFoundError', 'Not found'), {
          status: 404,
        }),
      ),
    );
    await expect(client.getPreflight()).rejects.toMatchObject({
      statusCode: 404,
      message: expect.stringMatching(/no preflight route/),
    });
  });

  it('keeps the generic message for other failures', async () => {
    server.use(
      http.get(`${BASE_URL}/preflight`, () =>
        HttpResponse.json(errorBody(500, 'Error', 'database is down'), {
          status: 500,
        }),
      ),
    );
    await expect(client.getPreflight()).rejects.toMatchObject({
      statusCode: 500,
      message: expect.stringMatching(/^Request failed with 500/),
      body: { error: { message: 'database is down' } },
    });
  });
});
