import { TestDatabases } from '@backstage/backend-test-utils';
import type { ClusterQueries } from './ClusterQueries';
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
          await stores.clusters.listClusters({
            filter: {},
            sort: byName,
            page: ALL,
            ...query,
          })
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

      const page = await stores.clusters.listClusters({
        filter: {},
        sort: { field: 'name', order: 'desc' },
        page: { limit: 2, offset: 1 },
      });
      expect(page.totalCount).toBe(4);
      expect(page.items.map(c => c.ref.name)).toEqual([
        'search-staging',
        'payments-prod',
      ]);
      // The same page as stored summary documents, in the same order.
      const documents = await stores.clusters.listClusterDocuments({
        filter: {},
        sort: { field: 'name', order: 'desc' },
        page: { limit: 2, offset: 1 },
      });
      expect(documents.totalCount).toBe(4);
      expect(documents.items.map(d => JSON.parse(d.summary).ref.name)).toEqual([
        'search-staging',
        'payments-prod',
      ]);
      // Past the end: no items, still the total.
      expect(
        await stores.clusters.listClusterDocuments({
          filter: { accountIds: [ACCOUNT_B] },
          sort: byName,
          page: { limit: 5, offset: 10 },
        }),
      ).toEqual({ items: [], totalCount: 2 });
    });
  });
});
