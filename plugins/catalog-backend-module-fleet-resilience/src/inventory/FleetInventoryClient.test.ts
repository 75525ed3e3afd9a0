import { mockServices } from '@backstage/backend-test-utils';
import { FleetInventoryClient } from './FleetInventoryClient';

const BASE_URL = 'http://backend.test/api/fleet-resilience';

function item(name: string) {
  return {
    ref: {
      accountId: '111122223333',
      region: 'us-east-1',
      name,
      arn: `arn:aws:eks:us-east-1:111122223333:cluster/${name}`,
    },
    sourceId: 'aws-config',
    tags: {},
    firstSeenAt: '2026-11-22T10:00:00.000Z',
    lastSeenAt: '2026-11-22T10:05:00.000Z',
  };
}

function sources(lastAttemptAt = '2026-11-22T10:05:00.000Z') {
  return [
    { id: 'aws-config', lastAttemptAt, ok: true, lastSuccessAt: lastAttemptAt },
  ];
}

/** Serves `fleet` (names) in pages; `between` runs after each page served. */
function backend(
  fleet: () => { names: string[]; lastAttemptAt?: string },
  between: (page: number) => void = () => {},
) {
  const requests: Array<{ url: string; authorization: string | null }> = [];
  const fetchFn = jest.fn(
    async (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(String(input));
      requests.push({
        url: String(input),
        authorization: new Headers(init?.headers).get('authorization'),
      });
      const limit = Number(url.searchParams.get('limit'));
      const offset = Number(url.searchParams.get('offset'));
      const { names, lastAttemptAt } = fleet();
      const body = {
        items: names.slice(offset, offset + limit).map(item),
        totalCount: names.length,
        paging: {
          limit,
          offset,
          ...(offset + limit < names.length && { nextOffset: offset + limit }),
        },
        sources: sources(lastAttemptAt),
      };
      between(requests.length);
      return new Response(JSON.stringify(body), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      });
    },
  );
  return { fetchFn, requests };
}

function client(fetchFn: typeof fetch, pageSize = 2) {
  return new FleetInventoryClient({
    discovery: mockServices.discovery.mock({
      getBaseUrl: async () => BASE_URL,
    }),
    auth: mockServices.auth({ pluginId: 'catalog' }),
    pageSize,
    fetch: fetchFn,
  });
}

describe('FleetInventoryClient', () => {
  it('reads every page with a token for the fleet-resilience plugin', async () => {
    const { fetchFn, requests } = backend(() => ({
      names: ['a', 'b', 'c'],
    }));
    const read = await client(fetchFn as typeof fetch).readInventory();
    expect(read.consistent).toBe(true);
    expect(read.clusters.map(c => c.ref.name)).toEqual(['a', 'b', 'c']);
    expect(read.sources.map(s => s.id)).toEqual(['aws-config']);
    expect(requests.map(r => r.url)).toEqual([
      `${BASE_URL}/inventory?limit=2&offset=0`,
      `${BASE_URL}/inventory?limit=2&offset=2`,
    ]);
    expect(requests[0].authorization).toMatch(/^Bearer .+/);
    expect(requests[0].authorization).toContain('fleet-resilience');
  });

  it('reads again when a refresh lands between two pages, and succeeds when it settles', async () => {
    let names = ['a', 'b', 'c'];
    let lastAttemptAt = '2026-11-22T10:05:00.000Z';
    const { fetchFn, requests } = backend(
      () => ({ names, lastAttemptAt }),
      served => {
        if (served === 1) {
          // A new cluster before `b`: `b` moves to the second page.
          names = ['a', 'aa', 'b', 'c'];
          lastAttemptAt = '2026-11-22T10:06:00.000Z';
        }
      },
    );
    const read = await client(fetchFn as typeof fetch).readInventory();
    expect(read.consistent).toBe(true);
    expect(read.clusters.map(c => c.ref.name)).toEqual(['a', 'aa', 'b', 'c']);
    expect(requests).toHaveLength(4);
  });

  it('says the read is not consistent when the inventory keeps changing', async () => {
    let tick = 0;
    const { fetchFn } = backend(() => {
      tick++;
      return {
        names: ['a', 'b', 'c'],
        lastAttemptAt: `2026-11-22T10:0${tick}:00.000Z`,
      };
    });
    const read = await client(fetchFn as typeof fetch).readInventory();
    expect(read.consistent).toBe(false);
    expect(read.clusters.map(c => c.ref.name)).toEqual(['a', 'b', 'c']);
    expect(fetchFn).toHaveBeenCalledTimes(6);
  });

  it('fails on an error answer, naming the status', async () => {
    const fetchFn = jest.fn(
      async () =>
        new Response(
          JSON.stringify({
            error: { name: 'NotAllowedError', message: 'Not allowed' },
            response: { statusCode: 403 },
          }),
          { status: 403, headers: { 'Content-Type': 'application/json' } },
        ),
    );
    await expect(
      client(fetchFn as typeof fetch).readInventory(),
    ).rejects.toThrow(/403/);
  });

  it('fails on a page that is not JSON', async () => {
    const fetchFn = jest.fn(
      async () => new Response('<html>', { status: 200 }),
    );
    await expect(
      client(fetchFn as typeof fetch).readInventory(),
    ).rejects.toThrow(/offset 0 is not JSON/);
  });
});
