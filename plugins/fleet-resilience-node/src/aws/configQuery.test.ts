import {
  buildClusterQuery,
  buildSubnetQueries,
  checkTagFilter,
  quoteLiteral,
} from './configQuery';

const subnet = (n: number) => `subnet-0${n.toString(16).padStart(16, '0')}`;

describe('buildClusterQuery', () => {
  it('selects every EKS cluster with the fields the inventory reads', () => {
    expect(buildClusterQuery()).toBe(
      "SELECT resourceId, resourceName, accountId, awsRegion, arn, tags, configuration, configurationItemCaptureTime WHERE resourceType = 'AWS::EKS::Cluster'",
    );
  });

  it('adds one condition per tag filter: key=value as tags.tag, a bare key as tags.key', () => {
    expect(
      buildClusterQuery([
        { key: 'fleet-resilience', value: 'enabled' },
        { key: 'team:owner' },
      ]),
    ).toMatch(
      / WHERE resourceType = 'AWS::EKS::Cluster' AND tags\.tag = 'fleet-resilience=enabled' AND tags\.key = 'team:owner'$/,
    );
  });

  it('accepts an empty value and values containing =', () => {
    expect(buildClusterQuery([{ key: 'env', value: '' }])).toContain(
      "tags.tag = 'env='",
    );
    expect(buildClusterQuery([{ key: 'k', value: 'a=b' }])).toContain(
      "tags.tag = 'k=a=b'",
    );
  });

  it.each([
    ["o'clock", undefined],
    ['a%', undefined],
    ['a=b', undefined],
    ['', undefined],
    ['x'.repeat(129), undefined],
    ['env', "prod' OR resourceType = 'AWS::EC2::Subnet"],
    ['env', 'x'.repeat(257)],
    ['env', 'line\nbreak'],
  ])(
    'refuses tag filter key %j value %j instead of quoting it into the query',
    (key, value) => {
      expect(() => checkTagFilter({ key, value })).toThrow(
        /Invalid tag filter/,
      );
      expect(() => buildClusterQuery([{ key, value }])).toThrow(
        /Invalid tag filter/,
      );
    },
  );
});

describe('quoteLiteral', () => {
  it('doubles a quote so the literal stays one literal', () => {
    expect(quoteLiteral("it's")).toBe("'it''s'");
    expect(quoteLiteral('plain')).toBe("'plain'");
  });
});

describe('buildSubnetQueries', () => {
  it('asks for exactly the given subnets, once each', () => {
    expect(buildSubnetQueries([subnet(2), subnet(1), subnet(2)])).toEqual([
      `SELECT resourceId, accountId, awsRegion, configuration WHERE resourceType = 'AWS::EC2::Subnet' AND resourceId IN ('${subnet(
        1,
      )}', '${subnet(2)}')`,
    ]);
  });

  it('returns no query for no subnets', () => {
    expect(buildSubnetQueries([])).toEqual([]);
  });

  it('splits many subnets over queries that each fit the expression limit', () => {
    const ids = Array.from({ length: 500 }, (_, i) => subnet(i));
    const queries = buildSubnetQueries(ids);
    expect(queries.length).toBeGreaterThan(1);
    expect(queries.every(query => query.length <= 4096)).toBe(true);
    const asked = queries.flatMap(
      query => query.match(/subnet-[0-9a-f]+/g) ?? [],
    );
    expect(asked.sort()).toEqual([...ids].sort());
    // Full queries, not one ID per query.
    expect(queries.length).toBeLessThanOrEqual(Math.ceil(500 / 100));
  });

  it('respects a smaller limit exactly', () => {
    const ids = Array.from({ length: 20 }, (_, i) => subnet(i));
    const queries = buildSubnetQueries(ids, 300);
    expect(queries.every(query => query.length <= 300)).toBe(true);
    expect(
      queries.flatMap(q => q.match(/subnet-[0-9a-f]+/g) ?? []),
    ).toHaveLength(20);
  });

  it.each([
    "subnet-1' OR '1'='1",
    'subnet-xyz',
    'sg-0123456789abcdef0',
    'subnet-0123',
  ])('refuses %j, which is not a subnet ID', id => {
    expect(() => buildSubnetQueries([subnet(1), id])).toThrow(
      'is not a subnet ID',
    );
  });
});

describe('buildClusterQuery with an account condition', () => {
  it('names one account with =, several with IN, the remainder with NOT IN', () => {
    const base = buildClusterQuery();
    expect(
      buildClusterQuery([], { kind: 'in', accountIds: ['111111111111'] }),
    ).toBe(`${base} AND accountId = '111111111111'`);
    expect(
      buildClusterQuery([], {
        kind: 'in',
        accountIds: ['111111111111', '222222222222'],
      }),
    ).toBe(`${base} AND accountId IN ('111111111111', '222222222222')`);
    expect(
      buildClusterQuery([], { kind: 'notIn', accountIds: ['111111111111'] }),
    ).toBe(`${base} AND accountId NOT IN ('111111111111')`);
  });

  it('refuses an account ID that is not 12 digits, and an empty list', () => {
    expect(() =>
      buildClusterQuery([], { kind: 'in', accountIds: ["1' OR '1'='1"] }),
    ).toThrow(/not an account ID/);
    expect(() =>
      buildClusterQuery([], { kind: 'notIn', accountIds: [] }),
    ).toThrow(/at least one account/);
  });
});

describe('buildSubnetQueries with a maximum of IDs per query', () => {
  it('puts at most maxIds subnets in each query, covering each once', () => {
    const ids = Array.from(
      { length: 250 },
      (_, i) => `subnet-${i.toString(16).padStart(8, '0')}`,
    );
    const queries = buildSubnetQueries(ids, 4096, 100);
    const counts = queries.map(q => (q.match(/'subnet-/g) ?? []).length);
    expect(counts).toEqual([100, 100, 50]);
    expect(new Set(queries.join(' ').match(/subnet-[0-9a-f]+/g)).size).toBe(
      250,
    );
  });
});
