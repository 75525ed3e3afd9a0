import {
  mockCredentials,
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { FleetClusterSummary } from '@fleet-resilience/plugin-fleet-resilience-common';
import { summary } from '../__fixtures__/clusters';
import type { FleetClusterDocument } from '../document/types';
import { FleetClusterCollatorFactory } from './FleetClusterCollatorFactory';

const BASE_URL = 'http://fleet.test/api/fleet-resilience';
const server = setupServer();
registerMswTestHooks(server);

const EXPECTED_AUTHORIZATION = `Bearer ${mockCredentials.service.token({
  onBehalfOf: mockCredentials.service('plugin:search'),
  targetPluginId: 'fleet-resilience',
})}`;

function createFactory(pageSize = 2) {
  const logger = mockServices.logger.mock();
  const factory = new FleetClusterCollatorFactory({
    discovery: mockServices.discovery.mock({
      getBaseUrl: async pluginId => `http://fleet.test/api/${pluginId}`,
    }),
    auth: mockServices.auth({ pluginId: 'search' }),
    logger,
    pageSize,
  });
  return { factory, logger };
}

async function collect(
  factory: FleetClusterCollatorFactory,
): Promise<FleetClusterDocument[]> {
  const documents: FleetClusterDocument[] = [];
  for await (const document of await factory.getCollator()) {
    documents.push(document);
  }
  return documents;
}

/** Serves `clusters` like the backend: `limit`/`offset` paging, nextOffset until the end. */
function serveFleet(clusters: unknown[], requests: URL[] = []) {
  server.use(
    http.get(`${BASE_URL}/clusters`, ({ request }) => {
      const url = new URL(request.url);
      requests.push(url);
      if (request.headers.get('authorization') !== EXPECTED_AUTHORIZATION) {
        return HttpResponse.json(
          { error: { name: 'AuthenticationError' } },
          { status: 401 },
        );
      }
      const limit = Number(url.searchParams.get('limit'));
      const offset = Number(url.searchParams.get('offset'));
      const end = offset + limit;
      return HttpResponse.json({
        items: clusters.slice(offset, end),
        totalCount: clusters.length,
        paging: {
          limit,
          offset,
          nextOffset: end < clusters.length ? end : undefined,
        },
      });
    }),
  );
}

describe('FleetClusterCollatorFactory', () => {
  it('is the fleet-cluster type, each hit visible with read on its cluster', async () => {
    const { factory } = createFactory();
    expect(factory.type).toBe('fleet-cluster');
    expect(factory.visibilityPermission).toEqual(
      expect.objectContaining({
        name: 'fleet-resilience.cluster.read',
        resourceType: 'fleet-resilience-cluster',
      }),
    );
    serveFleet([summary('a')], []);
    const [document] = await collect(factory);
    expect(document.authorization).toEqual({
      resourceRef: summary('a').ref.arn,
    });
  });

  it('pages through the whole fleet with a service token for the fleet-resilience plugin', async () => {
    const fleet = ['a', 'b', 'c', 'd', 'e'].map(name => summary(name));
    const requests: URL[] = [];
    serveFleet(fleet, requests);
    const { factory } = createFactory(2);
    const documents = await collect(factory);
    expect(documents.map(d => d.title)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(requests.map(url => url.search)).toEqual([
      '?limit=2&offset=0',
      '?limit=2&offset=2',
      '?limit=2&offset=4',
    ]);
  });

  it('indexes nothing, without error, for an empty fleet', async () => {
    serveFleet([]);
    expect(await collect(createFactory().factory)).toEqual([]);
  });

  it('skips and logs a malformed cluster while indexing the rest', async () => {
    const broken = { ...summary('broken'), zones: null };
    serveFleet([summary('a'), broken, summary('c')]);
    const { factory, logger } = createFactory(2);
    expect((await collect(factory)).map(d => d.title)).toEqual(['a', 'c']);
    expect(logger.warn).toHaveBeenCalledWith(
      'Fleet cluster not indexed: arn:aws:eks:us-east-1:111122223333:cluster/broken skipped: zones is not a list',
    );
  });

  it('indexes a cluster once when a refresh moves it across a page boundary', async () => {
    const pages: Record<string, FleetClusterSummary[]> = {
      '0': [summary('a'), summary('b')],
      '2': [summary('b'), summary('c')],
    };
    server.use(
      http.get(`${BASE_URL}/clusters`, ({ request }) => {
        const offset = new URL(request.url).searchParams.get('offset')!;
        return HttpResponse.json({
          items: pages[offset],
          totalCount: 4,
          paging: {
            limit: 2,
            offset: Number(offset),
            nextOffset: offset === '0' ? 2 : undefined,
          },
        });
      }),
    );
    expect((await collect(createFactory().factory)).map(d => d.title)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('fails the collation on an HTTP error, so the previous index stays', async () => {
    server.use(
      http.get(`${BASE_URL}/clusters`, () =>
        HttpResponse.json(
          { error: { name: 'NotAllowedError', message: 'denied' } },
          { status: 403 },
        ),
      ),
    );
    await expect(collect(createFactory().factory)).rejects.toThrow(/403/);
  });

  it('fails on a body that is not JSON', async () => {
    server.use(
      http.get(
        `${BASE_URL}/clusters`,
        () => new HttpResponse('<html>', { status: 200 }),
      ),
    );
    await expect(collect(createFactory().factory)).rejects.toThrow(/not JSON/);
  });

  it('stops instead of looping when the API repeats an offset', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE_URL}/clusters`, () => {
        calls += 1;
        return HttpResponse.json({
          items: [summary(`c${calls}`)],
          totalCount: 10,
          paging: { limit: 1, offset: calls - 1, nextOffset: 1 },
        });
      }),
    );
    await expect(collect(createFactory(1).factory)).rejects.toThrow(
      'does not move past offset 1',
    );
    expect(calls).toBe(2);
  });
});
