import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  createFleetResilienceClusterConditionalDecision,
  fleetResilienceClusterConditions as conditions,
  fleetResilienceClusterPermissionRules as rules,
} from './clusterPermissionRules';
import type { FleetClusterResource } from './clusterResource';
import { fleetResilienceClusterReadPermission } from '@fleet-resilience/plugin-fleet-resilience-common';

const cluster: FleetClusterResource = {
  arn: 'arn:aws:eks:us-east-1:111122223333:cluster/payments-prod',
  accountId: '111122223333',
  region: 'us-east-1',
  ownerRef: 'group:default/payments-team',
  tags: { environment: 'prod', Team: 'Payments' },
};

describe('fleet cluster permission rules', () => {
  describe('IS_CLUSTER_OWNER', () => {
    it('matches when a claim names the owner, in any case', () => {
      expect(
        rules.isClusterOwner.apply(cluster, {
          claims: ['user:default/dana', 'group:default/Payments-Team'],
        }),
      ).toBe(true);
    });

    it('does not match other claims, no claims, or a cluster without owner', () => {
      expect(
        rules.isClusterOwner.apply(cluster, {
          claims: ['group:default/search-team'],
        }),
      ).toBe(false);
      expect(rules.isClusterOwner.apply(cluster, { claims: [] })).toBe(false);
      const { ownerRef: _owner, ...unowned } = cluster;
      expect(
        rules.isClusterOwner.apply(unowned, {
          claims: ['group:default/payments-team'],
        }),
      ).toBe(false);
    });

    it('asks the store for lower-case owner refs, once each', () => {
      expect(
        rules.isClusterOwner.toQuery({
          claims: ['Group:default/B', 'group:default/a', 'group:default/b'],
        }),
      ).toEqual({
        kind: 'owner',
        ownerRefs: ['group:default/a', 'group:default/b'],
      });
    });
  });

  it('IS_IN_ACCOUNT matches the listed accounts only', () => {
    expect(
      rules.isInAccount.apply(cluster, { accountIds: ['111122223333'] }),
    ).toBe(true);
    expect(
      rules.isInAccount.apply(cluster, { accountIds: ['444455556666'] }),
    ).toBe(false);
    expect(rules.isInAccount.toQuery({ accountIds: ['2', '1', '2'] })).toEqual({
      kind: 'account',
      accountIds: ['1', '2'],
    });
  });

  it('IS_IN_REGION matches the listed regions only', () => {
    expect(rules.isInRegion.apply(cluster, { regions: ['us-east-1'] })).toBe(
      true,
    );
    expect(rules.isInRegion.apply(cluster, { regions: ['eu-west-1'] })).toBe(
      false,
    );
    expect(rules.isInRegion.toQuery({ regions: ['us-east-1'] })).toEqual({
      kind: 'region',
      regions: ['us-east-1'],
    });
  });

  describe('HAS_TAG', () => {
    it('matches a key with any value, or the exact value', () => {
      expect(rules.hasTag.apply(cluster, { key: 'environment' })).toBe(true);
      expect(
        rules.hasTag.apply(cluster, { key: 'environment', value: 'prod' }),
      ).toBe(true);
    });

    it('compares keys and values exactly, as AWS does', () => {
      expect(rules.hasTag.apply(cluster, { key: 'team' })).toBe(false);
      expect(
        rules.hasTag.apply(cluster, { key: 'Team', value: 'payments' }),
      ).toBe(false);
      expect(
        rules.hasTag.apply(cluster, { key: 'environment', value: 'dev' }),
      ).toBe(false);
    });

    it('does not take inherited object keys for tags', () => {
      expect(rules.hasTag.apply(cluster, { key: 'toString' })).toBe(false);
    });

    it('asks the store for the key, and the value only when named', () => {
      expect(rules.hasTag.toQuery({ key: 'environment' })).toEqual({
        kind: 'tag',
        key: 'environment',
      });
      expect(rules.hasTag.toQuery({ key: 'k', value: 'v' })).toEqual({
        kind: 'tag',
        key: 'k',
        value: 'v',
      });
    });
  });

  it('rejects parameters of the wrong shape through each schema', () => {
    const schemas = [
      [rules.isClusterOwner, { claims: 'group:default/a' }],
      [rules.isInAccount, { accountIds: [1] }],
      [rules.isInRegion, {}],
      [rules.hasTag, { value: 'v' }],
    ] as const;
    for (const [rule, params] of schemas) {
      const result = rule.paramsSchema!['~standard'].validate(params);
      expect('issues' in result && result.issues?.length).toBeTruthy();
    }
  });

  it('builds conditional decisions policies return', () => {
    expect(
      createFleetResilienceClusterConditionalDecision(
        fleetResilienceClusterReadPermission,
        {
          anyOf: [
            conditions.isClusterOwner({ claims: ['group:default/a'] }),
            conditions.hasTag({ key: 'public', value: 'true' }),
          ],
        },
      ),
    ).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'fleet-resilience',
      resourceType: 'fleet-resilience-cluster',
      conditions: {
        anyOf: [
          {
            rule: 'IS_CLUSTER_OWNER',
            resourceType: 'fleet-resilience-cluster',
            params: { claims: ['group:default/a'] },
          },
          {
            rule: 'HAS_TAG',
            resourceType: 'fleet-resilience-cluster',
            params: { key: 'public', value: 'true' },
          },
        ],
      },
    });
  });
});
