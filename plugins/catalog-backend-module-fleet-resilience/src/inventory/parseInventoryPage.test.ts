import { parseInventoryPage } from './parseInventoryPage';

const SOURCES = [
  { id: 'aws-config', lastAttemptAt: '2026-11-22T10:05:00.000Z', ok: true },
];

function item(name: string, extra: Record<string, unknown> = {}) {
  return {
    ref: {
      accountId: '111122223333',
      region: 'us-east-1',
      name,
      arn: `arn:aws:eks:us-east-1:111122223333:cluster/${name}`,
    },
    sourceId: 'aws-config',
    tags: { owner: 'payments-team' },
    owner: 'payments-team',
    firstSeenAt: '2026-11-22T10:00:00.000Z',
    lastSeenAt: '2026-11-22T10:05:00.000Z',
    ...extra,
  };
}

function page(items: unknown[], extra: Record<string, unknown> = {}) {
  return {
    items,
    totalCount: items.length,
    paging: { limit: 500, offset: 0 },
    sources: SOURCES,
    ...extra,
  };
}

describe('parseInventoryPage', () => {
  it('reads the clusters, the sources and where the next page starts', () => {
    const parsed = parseInventoryPage(
      page([item('a')], {
        totalCount: 3,
        paging: { limit: 1, offset: 0, nextOffset: 1 },
      }),
      0,
    );
    expect(parsed).toEqual({
      clusters: [
        {
          ref: item('a').ref,
          sourceId: 'aws-config',
          version: undefined,
          status: undefined,
          endpoint: undefined,
          certificateAuthorityData: undefined,
          tags: { owner: 'payments-team' },
          owner: 'payments-team',
          system: undefined,
          firstSeenAt: '2026-11-22T10:00:00.000Z',
          lastSeenAt: '2026-11-22T10:05:00.000Z',
        },
      ],
      problems: [],
      itemCount: 1,
      totalCount: 3,
      sources: SOURCES,
      nextOffset: 1,
    });
  });

  it('leaves out a malformed item, naming it and why, and keeps the rest', () => {
    const parsed = parseInventoryPage(
      page([
        item('a', { tags: { owner: 7 } }),
        'nonsense',
        item('b', { endpoint: 42 }),
        item('c'),
      ]),
      10,
    );
    expect(parsed.clusters.map(c => c.ref.name)).toEqual(['c']);
    expect(parsed.itemCount).toBe(4);
    expect(parsed.problems).toEqual([
      {
        resource: 'arn:aws:eks:us-east-1:111122223333:cluster/a',
        message: 'cluster skipped: tags.owner is not a string',
      },
      {
        resource: 'inventory item #11',
        message: 'cluster skipped: item is not an object',
      },
      {
        resource: 'arn:aws:eks:us-east-1:111122223333:cluster/b',
        message: 'cluster skipped: endpoint is not a string',
      },
    ]);
  });

  it.each([
    ['ready', 'ready', 'ready'],
    ['not-ready', 'not-ready', 'not-ready'],
    ['at-risk', 'at-risk', 'at-risk'],
    ['unknown', 'unknown', 'unknown'],
    ['a verdict this module does not know', 'half-ready', 'unknown'],
    ['none (an older backend)', undefined, undefined],
    ['null', null, undefined],
  ])('reads the readiness verdict %s', (_label, readiness, expected) => {
    const parsed = parseInventoryPage(page([item('a', { readiness })]), 0);
    expect(parsed.clusters[0].readiness).toBe(expected);
  });

  it('leaves out an item whose readiness is not a string', () => {
    const parsed = parseInventoryPage(page([item('a', { readiness: 3 })]), 0);
    expect(parsed.clusters).toEqual([]);
    expect(parsed.problems[0].message).toBe(
      'cluster skipped: readiness is not a string',
    );
  });

  it('hands an item with an unusable identity on, for the mapping to say what is missing', () => {
    const parsed = parseInventoryPage(page([{ ref: { name: 'x' } }]), 0);
    expect(parsed.clusters[0].ref).toEqual({
      arn: '',
      accountId: '',
      region: '',
      name: 'x',
    });
    expect(parsed.clusters[0].sourceId).toBe('');
  });

  it.each([
    ['no object', 'nope', /no items list/],
    ['no items', { ...page([]), items: undefined }, /no items list/],
    ['no total', { ...page([]), totalCount: '3' }, /no totalCount/],
    ['no sources', { ...page([]), sources: undefined }, /no sources list/],
    [
      'a malformed source',
      { ...page([]), sources: [{ id: 'x' }] },
      /sources\[0\] is malformed/,
    ],
    ['no paging', { ...page([]), paging: undefined }, /no paging/],
    [
      'a next offset that does not move forward',
      page([item('a')], { paging: { limit: 1, offset: 5, nextOffset: 5 } }),
      /does not move past offset 5/,
    ],
  ])('rejects a page with %s', (_label, body, message) => {
    expect(() => parseInventoryPage(body, 5)).toThrow(message);
  });
});
