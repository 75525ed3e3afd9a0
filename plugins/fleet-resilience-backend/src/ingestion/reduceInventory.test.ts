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
});
