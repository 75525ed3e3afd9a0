import { ConfigReader } from '@backstage/config';
import type { EksClusterRef } from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  planPreflight,
  plannedUnits,
  readPreflightConfig,
  type PreflightConfig,
} from './preflightPlan';

const A = '111122223333';
const B = '444455556666';
const C = '777788889999';
const cluster = (
  accountId: string,
  region: string,
  name: string,
): EksClusterRef => ({
  arn: `arn:aws:eks:${region}:${accountId}:cluster/${name}`,
  accountId,
  region,
  name,
});

describe('readPreflightConfig', () => {
  it('reads the roles, the listed accounts and the inventory scope', () => {
    const config = new ConfigReader({
      aws: {
        mainAccount: { region: 'eu-west-1' },
        accountDefaults: { roleName: 'fleet-resilience-reader' },
        accounts: [
          { accountId: B },
          { accountId: C, roleName: 'custom-reader' },
        ],
      },
      fleetResilience: {
        aws: { operatorRole: { roleName: 'fleet-resilience-operator' } },
        inventory: {
          awsConfig: {
            aggregator: { accountId: A, region: 'us-east-1', name: 'agg' },
          },
        },
      },
    });
    expect(readPreflightConfig(config, () => [B])).toEqual({
      inventory: {
        mode: 'aggregator',
        aggregator: { accountId: A, region: 'us-east-1', name: 'agg' },
      },
      listedAccounts: [
        { accountId: B },
        { accountId: C, roleName: 'custom-reader' },
      ],
      defaultRoleName: 'fleet-resilience-reader',
      defaultRegion: 'eu-west-1',
      operatorRoleName: 'fleet-resilience-operator',
      accountsWithoutRole: [B],
    });
  });

  it('has no inventory scope without the built-in source', () => {
    expect(readPreflightConfig(new ConfigReader({}), () => [])).toEqual({
      listedAccounts: [],
      accountsWithoutRole: [],
    });
  });
});

describe('planPreflight', () => {
  const base: PreflightConfig = {
    listedAccounts: [{ accountId: C, roleName: 'custom-reader' }],
    defaultRoleName: 'fleet-resilience-reader',
    operatorRoleName: 'fleet-resilience-operator',
    accountsWithoutRole: [],
  };

  it('aggregator mode: every account once, the sources from the clusters, each cluster once', () => {
    const clusters = [
      cluster(B, 'eu-west-1', 'b1'),
      cluster(B, 'eu-west-1', 'b2'),
      cluster(A, 'us-west-2', 'a1'),
      cluster(B, 'eu-west-1', 'b1'),
    ];
    const plan = planPreflight(
      {
        ...base,
        inventory: {
          mode: 'aggregator',
          aggregator: { accountId: A, region: 'us-east-1', name: 'agg' },
        },
      },
      clusters,
    );
    expect(plan.accounts).toEqual([
      {
        accountId: A,
        region: 'us-east-1',
        reader: {
          accountId: A,
          role: 'reader',
          roleName: 'fleet-resilience-reader',
        },
        operator: {
          accountId: A,
          role: 'operator',
          roleName: 'fleet-resilience-operator',
        },
      },
      {
        accountId: B,
        region: 'eu-west-1',
        reader: {
          accountId: B,
          role: 'reader',
          roleName: 'fleet-resilience-reader',
        },
        operator: {
          accountId: B,
          role: 'operator',
          roleName: 'fleet-resilience-operator',
        },
      },
      {
        accountId: C,
        region: 'us-east-1',
        reader: { accountId: C, role: 'reader', roleName: 'custom-reader' },
        operator: {
          accountId: C,
          role: 'operator',
          roleName: 'fleet-resilience-operator',
        },
      },
    ]);
    expect(plan.inventory).toEqual({
      mode: 'aggregator',
      aggregator: { accountId: A, region: 'us-east-1', name: 'agg' },
      sources: [
        { accountId: A, region: 'us-west-2', knownClusters: 1 },
        { accountId: B, region: 'eu-west-1', knownClusters: 2 },
      ],
    });
    expect(plan.arc).toEqual([
      { accountId: A, region: 'us-west-2' },
      { accountId: B, region: 'eu-west-1' },
    ]);
    // By ARN: the region comes before the account in it.
    expect(plan.clusters.map(c => c.name)).toEqual(['b1', 'b2', 'a1']);
    // 3 accounts + the aggregator + 2 regions + 3 clusters.
    expect(plannedUnits(plan)).toBe(9);
  });

  it('accounts mode: each configured account/region, and a listed account without a role keeps none', () => {
    const plan = planPreflight(
      {
        ...base,
        operatorRoleName: undefined,
        listedAccounts: [{ accountId: B }],
        accountsWithoutRole: [B],
        inventory: {
          mode: 'accounts',
          accounts: [{ accountId: B, regions: ['us-east-1', 'eu-west-1'] }],
        },
      },
      [],
    );
    expect(plan.operatorConfigured).toBe(false);
    expect(plan.accountsWithoutRole).toEqual([B]);
    expect(plan.accounts).toEqual([
      {
        accountId: B,
        region: 'us-east-1',
        reader: { accountId: B, role: 'reader' },
        operator: { accountId: B, role: 'operator' },
      },
    ]);
    expect(plan.inventory).toEqual({
      mode: 'accounts',
      targets: [
        { accountId: B, region: 'eu-west-1' },
        { accountId: B, region: 'us-east-1' },
      ],
    });
    expect(plan.arc).toEqual(
      plan.inventory?.mode === 'accounts' ? plan.inventory.targets : [],
    );
    expect(plannedUnits(plan)).toBe(3);
  });

  it('without the built-in inventory: the listed accounts, the clusters’ regions for ARC', () => {
    const plan = planPreflight({ ...base, defaultRegion: 'eu-central-1' }, [
      cluster(A, 'us-east-1', 'a'),
    ]);
    expect(plan.inventory).toBeUndefined();
    expect(plan.accounts.map(a => [a.accountId, a.region])).toEqual([
      [A, 'us-east-1'],
      [C, 'eu-central-1'],
    ]);
    expect(plan.arc).toEqual([{ accountId: A, region: 'us-east-1' }]);
  });
});
