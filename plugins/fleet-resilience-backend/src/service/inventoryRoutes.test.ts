import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import {
  fleetResilienceClusterReadPermission,
  type FleetInventoryResponse,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import express from 'express';
import request from 'supertest';
import type { ClusterAccess } from '../database/clusterAccessSql';
import type {
  ClusterListQuery,
  StoredCluster,
  StoredRefreshResult,
} from '../domain/records';
import { createInventoryRoutes, type InventoryReads } from './inventoryRoutes';

function storedCluster(name: string): StoredCluster {
  return {
    ref: {
      accountId: '111122223333',
      region: 'us-east-1',
      name,
      arn: `arn:aws:eks:us-east-1:111122223333:cluster/${name}`,
    },
    sourceId: 'aws-config',
    version: '1.33',
    status: 'ACTIVE',
    endpoint: `https://${name}.example.com`,
    certificateAuthorityData: 'TFMwdA==',
    tags: { owner: 'payments-team', environment: 'prod' },
    owner: 'payments-team',
    zones: [{ name: 'us-east-1a', id: 'use1-az1' }],
    shiftState: 'none',
    verdict: 'survives',
    verdictReason: '',
    freshness: 'fresh',
    problems: [],
    firstSeenAt: '2026-11-22T10:00:00.000Z',
    lastSeenAt: '2026-11-22T10:05:00.000Z',
  };
}

const RESULTS: StoredRefreshResult[] = [
  {
    source: 'arc:111122223333/us-east-1',
    startedAt: '2026-11-22T10:05:01.000Z',
    finishedAt: '2026-11-22T10:05:02.000Z',
    ok: true,
    durationMs: 1000,
    lastSuccessAt: '2026-11-22T10:05:01.000Z',
  },
  {
    source: 'inventory:aws-config',
    startedAt: '2026-11-22T10:05:00.000Z',
    finishedAt: '2026-11-22T10:05:01.000Z',
    ok: false,
    errorMessage: 'Not read: 444455556666/eu-west-1',
    durationMs: 1000,
    lastSuccessAt: '2026-11-22T10:00:00.000Z',
  },
];

function app(
  options: { access?: ClusterAccess; clusters?: StoredCluster[] } = {},
) {
  const clusters = options.clusters ?? [storedCluster('a'), storedCluster('b')];
  const queries: ClusterListQuery[] = [];
  const accesses: ClusterAccess[] = [];
  const stores: InventoryReads = {
    clusters: {
      async listClusters(query, access) {
        queries.push(query);
        accesses.push(access);
        const { limit, offset } = query.page;
        return {
          items: clusters.slice(offset, offset + limit),
          totalCount: clusters.length,
        };
      },
    },
    refreshResults: {
      async listRefreshResults() {
        return RESULTS;
      },
    },
  };
  const server = express()
    .use(
      createInventoryRoutes({
        stores,
        httpAuth: mockServices.httpAuth(),
        clusterAuthorizer: {
          access: async () => options.access ?? { kind: 'all' },
        },
      }),
    )
    .use(mockErrorHandler());
  return { server, queries, accesses };
}

describe('GET /inventory', () => {
  it('serves what the sources reported, with each inventory source read', async () => {
    const { server, queries } = app();
    const response = await request(server).get('/inventory');
    expect(response.status).toBe(200);
    const body = response.body as FleetInventoryResponse;
    expect(body.items[0]).toEqual({
      ref: {
        accountId: '111122223333',
        region: 'us-east-1',
        name: 'a',
        arn: 'arn:aws:eks:us-east-1:111122223333:cluster/a',
      },
      sourceId: 'aws-config',
      version: '1.33',
      status: 'ACTIVE',
      endpoint: 'https://a.example.com',
      certificateAuthorityData: 'TFMwdA==',
      tags: { owner: 'payments-team', environment: 'prod' },
      owner: 'payments-team',
      readiness: 'unknown',
      firstSeenAt: '2026-11-22T10:00:00.000Z',
      lastSeenAt: '2026-11-22T10:05:00.000Z',
    });
    expect(body.totalCount).toBe(2);
    expect(body.paging).toEqual({ limit: 50, offset: 0 });
    expect(body.sources).toEqual([
      {
        id: 'aws-config',
        lastAttemptAt: '2026-11-22T10:05:00.000Z',
        ok: false,
        lastSuccessAt: '2026-11-22T10:00:00.000Z',
        errorMessage: 'Not read: 444455556666/eu-west-1',
      },
    ]);
    expect(queries).toEqual([
      {
        filter: {},
        sort: { field: 'name', order: 'asc' },
        page: { limit: 50, offset: 0 },
      },
    ]);
  });

  it("carries each cluster's readiness verdict, unknown until it was assessed", async () => {
    const clusters = [
      { ...storedCluster('a'), readiness: 'not-ready' as const },
      { ...storedCluster('b'), readiness: 'ready' as const },
      storedCluster('c'),
    ];
    const response = await request(app({ clusters }).server).get('/inventory');
    expect(
      (response.body as FleetInventoryResponse).items.map(c => [
        c.ref.name,
        c.readiness,
      ]),
    ).toEqual([
      ['a', 'not-ready'],
      ['b', 'ready'],
      ['c', 'unknown'],
    ]);
  });

  it('pages by limit and offset', async () => {
    const clusters = ['a', 'b', 'c'].map(storedCluster);
    const { server } = app({ clusters });
    const first = await request(server).get('/inventory?limit=2');
    expect(first.body.items.map((c: any) => c.ref.name)).toEqual(['a', 'b']);
    expect(first.body.paging).toEqual({ limit: 2, offset: 0, nextOffset: 2 });
    const last = await request(server).get('/inventory?limit=2&offset=2');
    expect(last.body.items.map((c: any) => c.ref.name)).toEqual(['c']);
    expect(last.body.paging).toEqual({ limit: 2, offset: 2 });
  });

  it.each([
    ['limit=0', /Invalid limit "0"/],
    ['limit=501', /Invalid limit "501"/],
    ['offset=-1', /Invalid offset/],
    ['limit=1&limit=2', /Query parameter limit must be given once/],
    ['account=111122223333', /Unknown query parameter "account"/],
  ])('answers 400 to %s', async (query, message) => {
    const response = await request(app().server).get(`/inventory?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(message);
  });

  it('reads only the clusters the caller may read: the access goes into the store query', async () => {
    const access: ClusterAccess = {
      kind: 'some',
      criteria: { kind: 'account', accountIds: ['111122223333'] },
    };
    const { server, accesses } = app({ access });
    expect((await request(server).get('/inventory')).status).toBe(200);
    expect(accesses).toEqual([access]);
  });

  it('answers 403 without the read permission', async () => {
    const response = await request(
      app({ access: { kind: 'none' } }).server,
    ).get('/inventory');
    expect(response.status).toBe(403);
    expect(response.body.error.message).toContain(
      fleetResilienceClusterReadPermission.name,
    );
  });
});
