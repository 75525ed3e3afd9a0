import { TestDatabases } from '@backstage/backend-test-utils';
import { fleetResilienceClusterConditions as is } from '@fleet-resilience/plugin-fleet-resilience-node';
import type { ConditionTransformer } from '@backstage/plugin-permission-node';
import type { FleetClusterFilter } from '@fleet-resilience/plugin-fleet-resilience-node';
import type { Knex } from 'knex';
import {
  accessibleArns,
  ALL_CLUSTERS,
  whereAccessible,
  type ClusterAccess,
} from './clusterAccessSql';
import {
  arnsByApply,
  registeredTransformer,
  type Conditions,
} from './__testUtils__/clusterAccessFixtures';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  inventory,
  openStores,
  ref,
  T0,
} from './__testUtils__/storeFixtures';

jest.setTimeout(60_000);

const databases = TestDatabases.create();

const PAY_USE1 = ref('pay-use1');
const PAY_EUW1 = ref('pay-euw1', ACCOUNT_B, 'eu-west-1');
const SEARCH = ref('search-use1');
const ORPHAN = ref('orphan', ACCOUNT_B);
const BAD_OWNER = ref('bad-owner', ACCOUNT_A, 'eu-west-1');

/** Every cluster's name, for readable expectations. */
const NAMES = new Map(
  [PAY_USE1, PAY_EUW1, SEARCH, ORPHAN, BAD_OWNER].map(r => [r.arn, r.name]),
);

const FLEET = [
  inventory(PAY_USE1, {
    owner: 'Payments',
    tags: { team: 'payments', env: 'prod' },
  }),
  inventory(PAY_EUW1, {
    owner: 'group:default/payments',
    tags: { team: 'payments', public: '' },
  }),
  inventory(SEARCH, { owner: 'user:default/Dana', tags: { Team: 'search' } }),
  // No owner: owner_ref is NULL.
  inventory(ORPHAN, { owner: undefined, tags: {} }),
  // An owner tag that names no group or user: owner_ref is NULL too.
  inventory(BAD_OWNER, {
    owner: 'component:default/x',
    tags: { env: 'dev', "o'k": "' or 1=1 --" },
  }),
];

describe('clusterAccessSql', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let transform: ConditionTransformer<FleetClusterFilter>;

    beforeAll(async () => {
      const opened = await openStores(databases, databaseId);
      knex = opened.knex;
      await opened.stores.inventory.applyInventory('aws-config', FLEET, T0);
      transform = registeredTransformer(knex);
    });

    const sqlNames = async (access: ClusterAccess) => {
      const rows: Array<{ arn: string }> = await whereAccessible(
        knex,
        knex('clusters as c').select('c.arn'),
        access,
      );
      return rows.map(row => NAMES.get(row.arn)).sort();
    };

    /**
     * The clusters the conditions allow, by SQL; checked against every
     * cluster's `apply` on the way, so each expectation holds for both.
     */
    const allowed = async (conditions: Conditions) => {
      const access: ClusterAccess = {
        kind: 'some',
        criteria: transform(conditions as never),
      };
      const names = await sqlNames(access);
      const byApply = (await arnsByApply(knex, conditions)).map(arn =>
        NAMES.get(arn),
      );
      expect(names).toEqual(byApply.sort());
      return names;
    };

    it('answers all and none without conditions', async () => {
      expect(await sqlNames(ALL_CLUSTERS)).toHaveLength(5);
      expect(await sqlNames({ kind: 'none' })).toEqual([]);
      expect(accessibleArns(knex, ALL_CLUSTERS)).toBeUndefined();
      expect(await accessibleArns(knex, { kind: 'none' })).toEqual([]);
    });

    it('IS_CLUSTER_OWNER matches the owner ref in any case, never a cluster without one', async () => {
      expect(
        await allowed(
          is.isClusterOwner({ claims: ['Group:default/PAYMENTS'] }),
        ),
      ).toEqual(['pay-euw1', 'pay-use1']);
      expect(
        await allowed(
          is.isClusterOwner({
            claims: ['user:default/dana', 'group:default/other'],
          }),
        ),
      ).toEqual(['search-use1']);
      expect(await allowed(is.isClusterOwner({ claims: [] }))).toEqual([]);
      expect(
        await allowed(is.isClusterOwner({ claims: ["' or 1=1 --"] })),
      ).toEqual([]);
    });

    it('not over IS_CLUSTER_OWNER includes the clusters whose owner_ref is NULL', async () => {
      expect(
        await allowed({
          not: is.isClusterOwner({ claims: ['group:default/payments'] }),
        }),
      ).toEqual(['bad-owner', 'orphan', 'search-use1']);
      expect(
        await allowed({ not: is.isClusterOwner({ claims: [] }) }),
      ).toHaveLength(5);
    });

    it('IS_IN_ACCOUNT and IS_IN_REGION match the listed values only', async () => {
      expect(
        await allowed(is.isInAccount({ accountIds: [ACCOUNT_B] })),
      ).toEqual(['orphan', 'pay-euw1']);
      expect(await allowed(is.isInAccount({ accountIds: [] }))).toEqual([]);
      expect(
        await allowed({ not: is.isInAccount({ accountIds: [] }) }),
      ).toHaveLength(5);
      expect(
        await allowed(is.isInRegion({ regions: ['eu-west-1', 'ap-south-1'] })),
      ).toEqual(['bad-owner', 'pay-euw1']);
      expect(await allowed(is.isInRegion({ regions: ['EU-WEST-1'] }))).toEqual(
        [],
      );
    });

    it('HAS_TAG matches the key exactly, with any value or the exact one', async () => {
      expect(await allowed(is.hasTag({ key: 'team' }))).toEqual([
        'pay-euw1',
        'pay-use1',
      ]);
      expect(await allowed(is.hasTag({ key: 'Team' }))).toEqual([
        'search-use1',
      ]);
      expect(await allowed(is.hasTag({ key: 'env', value: 'prod' }))).toEqual([
        'pay-use1',
      ]);
      expect(await allowed(is.hasTag({ key: 'env', value: 'PROD' }))).toEqual(
        [],
      );
      // An empty value is a value: it matches the empty value only.
      expect(await allowed(is.hasTag({ key: 'public', value: '' }))).toEqual([
        'pay-euw1',
      ]);
      expect(await allowed(is.hasTag({ key: 'toString' }))).toEqual([]);
      expect(
        await allowed(is.hasTag({ key: "o'k", value: "' or 1=1 --" })),
      ).toEqual(['bad-owner']);
      expect(await allowed({ not: is.hasTag({ key: 'env' }) })).toEqual([
        'orphan',
        'pay-euw1',
        'search-use1',
      ]);
    });

    it('combines rules with allOf, anyOf and not, nested', async () => {
      const payments = is.isClusterOwner({
        claims: ['group:default/payments'],
      });
      const useast = is.isInRegion({ regions: ['us-east-1'] });
      expect(await allowed({ allOf: [payments, useast] })).toEqual([
        'pay-use1',
      ]);
      expect(
        await allowed({ anyOf: [payments, is.hasTag({ key: 'Team' })] }),
      ).toEqual(['pay-euw1', 'pay-use1', 'search-use1']);
      expect(await allowed({ not: { allOf: [payments, useast] } })).toEqual([
        'bad-owner',
        'orphan',
        'pay-euw1',
        'search-use1',
      ]);
      // Members of payments everywhere, others read only untagged env in
      // us-east-1 outside account B.
      expect(
        await allowed({
          anyOf: [
            payments,
            {
              allOf: [
                useast,
                { not: is.hasTag({ key: 'env' }) },
                {
                  not: { anyOf: [is.isInAccount({ accountIds: [ACCOUNT_B] })] },
                },
              ],
            },
          ],
        }),
      ).toEqual(['pay-euw1', 'pay-use1', 'search-use1']);
      expect(
        await allowed({ not: { not: { not: { not: payments } } } }),
      ).toEqual(['pay-euw1', 'pay-use1']);
    });

    it('takes an empty allOf as true and an empty anyOf as false, under not too', async () => {
      // A policy's schema forbids them; the translation still means what `apply` means.
      const empty = (kind: 'allOf' | 'anyOf') =>
        ({ [kind]: [] } as unknown as Conditions);
      expect(await allowed(empty('allOf'))).toHaveLength(5);
      expect(await allowed(empty('anyOf'))).toEqual([]);
      expect(await allowed({ not: empty('allOf') })).toEqual([]);
      expect(await allowed({ not: empty('anyOf') })).toHaveLength(5);
      expect(
        await allowed({
          allOf: [empty('allOf'), is.isInAccount({ accountIds: [ACCOUNT_B] })],
        }),
      ).toEqual(['orphan', 'pay-euw1']);
    });

    it('gives the accessible ARNs as a subquery for tables that hang off a cluster', async () => {
      const arns = accessibleArns(knex, {
        kind: 'some',
        criteria: transform(is.hasTag({ key: 'team' }) as never),
      })!;
      const rows: Array<{ cluster_arn: string }> = await knex('cluster_tags')
        .whereIn('cluster_arn', arns)
        .distinct('cluster_arn');
      expect(rows.map(row => NAMES.get(row.cluster_arn)).sort()).toEqual([
        'pay-euw1',
        'pay-use1',
      ]);
    });
  });
});
