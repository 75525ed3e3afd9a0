import { TestDatabases } from '@backstage/backend-test-utils';
import type { ClusterQueries } from './ClusterQueries';
import { ALL_CLUSTERS, type ClusterAccess } from './clusterAccessSql';
import {
  openStores,
  T0,
  ACCOUNT_A,
  ACCOUNT_B,
  ref,
  inventory,
  ALL,
  byName,
} from './__testUtils__/storeFixtures';

jest.setTimeout(60_000);

const databases = TestDatabases.create();

describe('ClusterQueries', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('filters, sorts and pages the fleet list with bound values', async () => {
      const { stores } = await openStores(databases, databaseId);
      await stores.inventory.applyInventory(
        'aws-config',
        [
          inventory(ref('payments-prod'), { version: '1.9' }),
          inventory(ref('search_prod', ACCOUNT_B), { version: '1.10' }),
          inventory(ref('search-staging', ACCOUNT_B, 'us-west-2'), {
            version: '1.31',
            subnetZones: [{ name: 'us-west-2a', id: 'usw2-az1' }],
          }),
          // Not a valid EKS name: only to show that quotes are bound, not pasted.
          inventory(
            {
              accountId: ACCOUNT_A,
              region: 'us-east-1',
              name: "o'brien",
              arn: `arn:aws:eks:us-east-1:${ACCOUNT_A}:cluster/o'brien`,
            },
            { version: undefined },
          ),
        ],
        T0,
      );
      const names = async (
        query: Partial<Parameters<ClusterQueries['listClusters']>[0]>,
      ) =>
        (
          await stores.clusters.listClusters(
            { filter: {}, sort: byName, page: ALL, ...query },
            ALL_CLUSTERS,
          )
        ).items.map(c => c.ref.name);

      expect(await names({ filter: { accountIds: [ACCOUNT_B] } })).toEqual([
        'search-staging',
        'search_prod',
      ]);
      expect(await names({ filter: { regions: ['us-west-2'] } })).toEqual([
        'search-staging',
      ]);
      expect(await names({ filter: { versions: ['1.9', '1.31'] } })).toEqual([
        'payments-prod',
        'search-staging',
      ]);
      expect(await names({ filter: { zones: ['usw2-az1'] } })).toEqual([
        'search-staging',
      ]);
      expect(await names({ filter: { zones: ['us-west-2a'] } })).toEqual([
        'search-staging',
      ]);
      // `_` is literal, not "any character".
      expect(await names({ filter: { nameContains: 'H_P' } })).toEqual([
        'search_prod',
      ]);
      expect(await names({ filter: { nameContains: "o'b" } })).toEqual([
        "o'brien",
      ]);
      expect(await names({ filter: { nameContains: "' or 1=1 --" } })).toEqual(
        [],
      );
      expect(
        await names({
          filter: { verdicts: ['unknown'], freshness: ['never'] },
        }),
      ).toHaveLength(4);
      expect(await names({ filter: { shiftStates: ['zonal-shift'] } })).toEqual(
        [],
      );
      // Numeric version order, clusters without a version last.
      expect(await names({ sort: { field: 'version', order: 'asc' } })).toEqual(
        ['payments-prod', 'search_prod', 'search-staging', "o'brien"],
      );

      const page = await stores.clusters.listClusters(
        {
          filter: {},
          sort: { field: 'name', order: 'desc' },
          page: { limit: 2, offset: 1 },
        },
        ALL_CLUSTERS,
      );
      expect(page.totalCount).toBe(4);
      expect(page.items.map(c => c.ref.name)).toEqual([
        'search-staging',
        'payments-prod',
      ]);
      // The same page as stored summary documents, in the same order.
      const documents = await stores.clusters.listClusterDocuments(
        {
          filter: {},
          sort: { field: 'name', order: 'desc' },
          page: { limit: 2, offset: 1 },
        },
        ALL_CLUSTERS,
      );
      expect(documents.totalCount).toBe(4);
      expect(documents.items.map(d => JSON.parse(d.summary).ref.name)).toEqual([
        'search-staging',
        'payments-prod',
      ]);
      // Past the end: no items, still the total.
      expect(
        await stores.clusters.listClusterDocuments(
          {
            filter: { accountIds: [ACCOUNT_B] },
            sort: byName,
            page: { limit: 5, offset: 10 },
          },
          ALL_CLUSTERS,
        ),
      ).toEqual({ items: [], totalCount: 2 });
    });

    it('reads only the clusters of the caller’s access, in lists, pages, counts and single reads', async () => {
      const { stores } = await openStores(databases, databaseId);
      await stores.inventory.applyInventory(
        'aws-config',
        [
          inventory(ref('pay-1'), {
            owner: 'Payments',
            tags: { owner: 'Payments' },
          }),
          inventory(ref('pay-2', ACCOUNT_B), {
            owner: 'payments',
            tags: { owner: 'payments' },
          }),
          inventory(ref('pay-3', ACCOUNT_B, 'eu-west-1'), {
            owner: 'group:default/payments',
            tags: { owner: 'group:default/payments', public: 'true' },
          }),
          inventory(ref('search-1')),
          inventory(ref('search-2', ACCOUNT_B), { tags: { public: 'no' } }),
        ],
        T0,
      );
      // Owned by payments, or in eu-west-1; not tagged public=true.
      const access: ClusterAccess = {
        kind: 'some',
        criteria: {
          allOf: [
            {
              anyOf: [
                { kind: 'owner', ownerRefs: ['group:default/payments'] },
                { kind: 'region', regions: ['eu-west-1'] },
              ],
            },
            { not: { kind: 'tag', key: 'public', value: 'true' } },
          ],
        },
      };
      const list = (
        page: { limit: number; offset: number },
        of: ClusterAccess = access,
        filter = {},
      ) => stores.clusters.listClusters({ filter, sort: byName, page }, of);
      const documents = (
        page: { limit: number; offset: number },
        of: ClusterAccess = access,
      ) =>
        stores.clusters.listClusterDocuments(
          { filter: {}, sort: byName, page },
          of,
        );
      const names = (items: Array<{ ref: { name: string } }>) =>
        items.map(c => c.ref.name);

      expect(names((await list(ALL)).items)).toEqual(['pay-1', 'pay-2']);
      const first = await list({ limit: 1, offset: 0 });
      const second = await list({ limit: 1, offset: 1 });
      expect([first.totalCount, second.totalCount]).toEqual([2, 2]);
      expect([...names(first.items), ...names(second.items)]).toEqual([
        'pay-1',
        'pay-2',
      ]);
      // The page query filters before it pages: offset 1 is pay-2, not a foreign cluster.
      const docPage = await documents({ limit: 1, offset: 1 });
      expect(docPage.totalCount).toBe(2);
      expect(docPage.items.map(d => JSON.parse(d.summary).ref.name)).toEqual([
        'pay-2',
      ]);
      expect(await documents({ limit: 5, offset: 5 })).toEqual({
        items: [],
        totalCount: 2,
      });
      // The caller's own filter narrows the permission's, never widens it.
      expect(
        names((await list(ALL, access, { accountIds: [ACCOUNT_B] })).items),
      ).toEqual(['pay-2']);
      expect(await list(ALL, { kind: 'none' })).toEqual({
        items: [],
        totalCount: 0,
      });
      expect(await documents(ALL, { kind: 'none' })).toEqual({
        items: [],
        totalCount: 0,
      });
      expect((await list(ALL, ALL_CLUSTERS)).totalCount).toBe(5);
      // The owner filter: the stored lower-case ref, whatever the tag's case.
      const owned = { ownerRefs: ['group:default/payments'] };
      expect(names((await list(ALL, ALL_CLUSTERS, owned)).items)).toEqual([
        'pay-1',
        'pay-2',
        'pay-3',
      ]);
      expect(names((await list(ALL, access, owned)).items)).toEqual([
        'pay-1',
        'pay-2',
      ]);
      expect(
        (await list(ALL, ALL_CLUSTERS, { ownerRefs: ['group:default/search'] }))
          .totalCount,
      ).toBe(0);

      const foreign = ref('search-1').arn;
      const own = ref('pay-1').arn;
      expect(await stores.clusters.getCluster(foreign, access)).toBeUndefined();
      expect(
        await stores.clusters.getClusterDocuments(foreign, access),
      ).toBeUndefined();
      expect((await stores.clusters.getCluster(own, access))?.ref.arn).toBe(
        own,
      );
      expect(
        (await stores.clusters.getClusterDocuments(own, access))?.arn,
      ).toBe(own);
      expect((await stores.clusters.getCluster(foreign))?.ref.arn).toBe(
        foreign,
      );

      expect(await stores.clusters.countByFreshness(access)).toEqual({
        total: 2,
        fresh: 0,
        stale: 0,
        never: 2,
      });
      expect((await stores.clusters.countByFreshness(ALL_CLUSTERS)).total).toBe(
        5,
      );
      expect(
        (await stores.clusters.countByFreshness({ kind: 'none' })).total,
      ).toBe(0);
    });
  });
});
