import { TestDatabases } from '@backstage/backend-test-utils';
import { AuditStore } from './AuditStore';
import {
  ACCOUNT_B,
  inventory,
  openStores,
  T0,
  T1,
  T2,
  ref,
  ALL,
} from './__testUtils__/storeFixtures';

jest.setTimeout(60_000);

const databases = TestDatabases.create();

describe('AuditStore', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const event = (
      id: string,
      time: string,
      overrides: { cluster?: ReturnType<typeof ref>; outcome?: string } = {},
    ) => ({
      id,
      time,
      actor: 'user:default/jane',
      action: 'shift.start' as const,
      cluster: overrides.cluster ?? ref('alpha'),
      inputs: { awayFrom: 'use1-az1', expiresIn: '1h' },
      outcome: (overrides.outcome ?? 'denied') as 'denied' | 'success',
      errorMessage: 'not allowed',
    });

    it('appends audit events and lists them newest first', async () => {
      const { knex } = await openStores(databases, databaseId);
      const store = new AuditStore(knex);
      await store.append(event('a', T0));
      await store.append(event('b', T1));
      // Append-only: an event with a known ID is refused, the first one kept.
      const duplicate = await store.append(event('a', T2)).then(
        () => 'stored',
        () => 'refused',
      );
      expect(duplicate).toBe('refused');
      const { items, totalCount } = await store.list(
        { clusterArns: [ref('alpha').arn] },
        ALL,
      );
      expect(totalCount).toBe(2);
      expect(items.map(e => e.id)).toEqual(['b', 'a']);
      expect(items[0]).toEqual(event('b', T1));
      expect(items[1]).toEqual(event('a', T0));
    });

    it('filters by cluster, action and outcome, and pages', async () => {
      const { knex } = await openStores(databases, databaseId);
      const store = new AuditStore(knex);
      const beta = ref('beta');
      await store.append(event('a', T0));
      await store.append(event('b', T1, { cluster: beta }));
      await store.append(event('c', T2, { cluster: beta, outcome: 'success' }));
      const ids = async (...args: Parameters<AuditStore['list']>) =>
        (await store.list(...args)).items.map(e => e.id);
      expect(await ids({ clusterArns: [beta.arn] }, ALL)).toEqual(['c', 'b']);
      expect(await ids({ outcomes: ['success'] }, ALL)).toEqual(['c']);
      expect(await ids({ actions: ['shift.cancel'] }, ALL)).toEqual([]);
      expect(await ids({}, { limit: 1, offset: 1 })).toEqual(['b']);
      expect((await store.list({}, { limit: 1, offset: 0 })).totalCount).toBe(
        3,
      );
    });
    it('lists only the rows of clusters the caller may read, counted and paged in SQL', async () => {
      const { knex, stores } = await openStores(databases, databaseId);
      const store = new AuditStore(knex);
      const mine = ref('mine');
      const theirs = ref('theirs', ACCOUNT_B);
      await stores.inventory.applyInventory(
        'aws-config',
        [inventory(mine), inventory(theirs)],
        T0,
      );
      const gone = ref('gone');
      await store.append(event('a', T0));
      await store.append(event('b', T0, { cluster: mine }));
      await store.append(event('c', T1, { cluster: theirs }));
      await store.append(event('d', T1, { cluster: mine }));
      await store.append(event('e', T2, { cluster: gone }));
      await store.append(event('f', T2, { cluster: mine }));
      const accountA = {
        kind: 'some' as const,
        criteria: { kind: 'account' as const, accountIds: [mine.accountId] },
      };
      // alpha (account A) is not in the inventory: it cannot be decided on.
      const page = await store.list({}, { limit: 2, offset: 1 }, accountA);
      expect(page.items.map(e => e.id)).toEqual(['d', 'b']);
      expect(page.totalCount).toBe(3);
      const filtered = await store.list(
        { clusterArns: [theirs.arn] },
        ALL,
        accountA,
      );
      expect(filtered).toEqual({ items: [], totalCount: 0 });
      expect(await store.list({}, ALL, { kind: 'none' })).toEqual({
        items: [],
        totalCount: 0,
      });
      const all = await store.list({}, ALL, { kind: 'all' });
      expect(all.items.map(e => e.id)).toEqual(['e', 'f', 'c', 'd', 'a', 'b']);
      expect(all.totalCount).toBe(6);
    });
  });
});
