import { createEksClusterRef } from '@fleet-resilience/plugin-fleet-resilience-common';
import type { InventorySnapshot } from '@fleet-resilience/plugin-fleet-resilience-node';
import { reduceInventory } from './reduceInventory';
import { accountRegionsOf, needsEksDescribe } from './refreshPlan';

const A = '111122223333';
const B = '444455556666';
const payments = createEksClusterRef({
  accountId: A,
  region: 'us-east-1',
  name: 'payments',
});
const search = createEksClusterRef({
  accountId: B,
  region: 'us-east-1',
  name: 'search',
});

const snapshot: InventorySnapshot = {
  clusters: [
    {
      ref: payments,
      version: '1.33',
      endpoint: 'https://payments.example',
      subnetIds: ['subnet-1', 'subnet-2', 'subnet-unknown'],
      securityGroupIds: [],
      tags: { team: 'payments-team', app: ' ' },
    },
    {
      ref: search,
      subnetIds: ['subnet-1'],
      securityGroupIds: [],
      tags: {},
    },
  ],
  subnets: [
    {
      accountId: A,
      region: 'us-east-1',
      subnetId: 'subnet-2',
      zone: { name: 'us-east-1b', id: 'use1-az2' },
    },
    {
      accountId: A,
      region: 'us-east-1',
      subnetId: 'subnet-1',
      zone: { name: 'us-east-1a', id: 'use1-az1' },
    },
    // Same subnet ID in another account, and another mapping of us-east-1a.
    {
      accountId: B,
      region: 'us-east-1',
      subnetId: 'subnet-1',
      zone: { name: 'us-east-1a', id: 'use1-az4' },
    },
  ],
  problems: [],
};

describe('reduceInventory', () => {
  describe('rows from an untrusted source', () => {
    const poisoned = reduceInventory(
      'module',
      {
        clusters: [
          {
            ...snapshot.clusters[0],
            version: '1.33\u0000',
            status: 'ACTIVE'.repeat(10),
            endpoint: 'https://payments.example/\u0000',
            tags: { team: 'pay\u0000', ['k\u0000']: 'v' },
          },
          {
            ref: { ...search, name: 'not-search' },
            subnetIds: [],
            securityGroupIds: [],
            tags: {},
          },
        ],
        subnets: [
          ...snapshot.subnets,
          {
            accountId: A,
            region: 'us-east-1',
            subnetId: 'subnet-9',
            zone: { name: 'us-east-1a\u0000', id: 'use1-az1' },
          },
        ],
        problems: [
          {
            source: 'aws-config',
            resource: 'subnet-x',
            message: 'subnet row skipped',
          },
          {
            source: 'aws-config',
            resource: `${B}/eu-west-1`,
            message: 'not read',
          },
        ],
        incompleteScopes: [{ accountId: B, region: 'eu-west-1' }],
      },
      { owner: 'team', system: 'app' },
    );

    it('stores the good clusters with every text cleaned and bounded, and drops an unusable endpoint', () => {
      expect(poisoned.clusters.map(c => c.ref.name)).toEqual(['payments']);
      const [stored] = poisoned.clusters;
      expect(stored.version).toBe('1.33\uFFFD');
      expect([...(stored.status ?? '')]).toHaveLength(32);
      expect(stored.endpoint).toBeUndefined();
      expect(stored.owner).toBe('pay\uFFFD');
      expect(stored.tags).toEqual({ team: 'pay\uFFFD', 'k\uFFFD': 'v' });
      expect(poisoned.accountZones.map(z => z.zone.name)).not.toContain(
        'us-east-1a\u0000',
      );
    });

    it("reports the rejected rows (its own and the source's, not the scopes it could not read) and the cleaned ones", () => {
      expect(poisoned.problems.map(p => [p.kind, p.resource])).toEqual([
        ['rejected', 'subnet-x'],
        ['rejected', 'subnet "subnet-9"'],
        ['cleaned', payments.arn], // tags
        ['cleaned', payments.arn], // version
        ['cleaned', payments.arn], // status
        ['cleaned', payments.arn], // endpoint
        ['rejected', `cluster "${search.arn}"`],
      ]);
      // The cluster's own problems travel with it, for its detail.
      expect(poisoned.clusters[0].dataProblems).toEqual([
        expect.stringMatching(/^tags: 2 cleaned/),
        expect.stringMatching(/^version had characters/),
        expect.stringMatching(/^status had characters/),
        'endpoint dropped: it holds characters that cannot be stored',
      ]);
    });
  });

  const reduced = reduceInventory('aws-config', snapshot, {
    owner: 'team',
    system: 'app',
  });

  it('gives each cluster the AZs of its own account’s subnets, ordered by name', () => {
    expect(reduced.clusters.map(c => [c.ref.name, c.subnetZones])).toEqual([
      [
        'payments',
        [
          { name: 'us-east-1a', id: 'use1-az1' },
          { name: 'us-east-1b', id: 'use1-az2' },
        ],
      ],
      ['search', [{ name: 'us-east-1a', id: 'use1-az4' }]],
    ]);
  });

  it('takes owner and system from the configured tags, ignoring blank values', () => {
    expect(reduced.clusters[0]).toMatchObject({
      owner: 'payments-team',
      sourceId: 'aws-config',
      version: '1.33',
    });
    expect(reduced.clusters[0].system).toBeUndefined();
    expect(reduced.clusters[1].owner).toBeUndefined();
  });

  it('maps AZ names to IDs per account', () => {
    expect(reduced.accountZones).toEqual(
      expect.arrayContaining([
        {
          accountId: A,
          region: 'us-east-1',
          zone: { name: 'us-east-1a', id: 'use1-az1' },
        },
        {
          accountId: B,
          region: 'us-east-1',
          zone: { name: 'us-east-1a', id: 'use1-az4' },
        },
      ]),
    );
    expect(reduced.accountZones).toHaveLength(3);
  });

  it('keeps one record per ARN, the last one reported', () => {
    const twice = reduceInventory(
      'x',
      {
        ...snapshot,
        clusters: [
          snapshot.clusters[0],
          { ...snapshot.clusters[0], version: '1.34' },
        ],
      },
      { owner: 'team', system: 'app' },
    );
    expect(twice.clusters).toHaveLength(1);
    expect(twice.clusters[0].version).toBe('1.34');
  });
});

describe('refresh plan', () => {
  it('reads ARC and Resilience Hub once per account and region', () => {
    const other = createEksClusterRef({
      accountId: A,
      region: 'us-east-1',
      name: 'other',
    });
    expect(accountRegionsOf([search, payments, other])).toEqual([
      { accountId: A, region: 'us-east-1' },
      { accountId: B, region: 'us-east-1' },
    ]);
  });

  it('describes new clusters and those checked at least recheckMs ago', () => {
    const now = new Date('2026-11-22T08:30:00.000Z');
    const minutes30 = 30 * 60_000;
    expect(needsEksDescribe({}, now, minutes30)).toBe(true);
    expect(
      needsEksDescribe(
        { zonalShiftEnabled: true, eksCheckedAt: '2026-11-22T08:00:00.000Z' },
        now,
        minutes30,
      ),
    ).toBe(true);
    expect(
      needsEksDescribe(
        { zonalShiftEnabled: true, eksCheckedAt: '2026-11-22T08:00:00.001Z' },
        now,
        minutes30,
      ),
    ).toBe(false);
    expect(
      needsEksDescribe(
        { zonalShiftEnabled: false, eksCheckedAt: 'garbage' },
        now,
        minutes30,
      ),
    ).toBe(true);
  });

  it('describes at once a cluster whose inventory names an API server EKS has not confirmed', () => {
    const now = new Date('2026-11-22T08:30:00.000Z');
    const checked = {
      zonalShiftEnabled: true,
      eksCheckedAt: '2026-11-22T08:29:00.000Z',
    };
    const hour = 60 * 60_000;
    const eks = 'https://a.eks.example';
    expect(needsEksDescribe({ ...checked }, now, hour)).toBe(false);
    expect(
      needsEksDescribe(
        { ...checked, endpoint: eks, eksEndpoint: eks },
        now,
        hour,
      ),
    ).toBe(false);
    expect(
      needsEksDescribe(
        { ...checked, endpoint: `${eks}/`, eksEndpoint: eks },
        now,
        hour,
      ),
    ).toBe(false);
    expect(needsEksDescribe({ ...checked, endpoint: eks }, now, hour)).toBe(
      true,
    );
    expect(
      needsEksDescribe(
        { ...checked, endpoint: 'https://moved.example', eksEndpoint: eks },
        now,
        hour,
      ),
    ).toBe(true);
  });
});
