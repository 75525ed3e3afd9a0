/**
 * FleetReads' reuse of assembled lists and details (documentCache.ts) on
 * real stores, both databases: every answer is compared with an uncached
 * read made in the test (the stored documents and summaryJson/detailJson at
 * that instant), after time passes, after writes that bypass the plugin's
 * code (as another replica's would), and for callers with different
 * decisions.
 */
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import type { FleetStores } from '../database';
import type { ClusterAccess } from '../database/clusterAccessSql';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  inventory,
  openStores,
  ref,
  T0,
} from '../database/__testUtils__/storeFixtures';
import { detailJson, summaryJson } from '../domain/clusterDocuments';
import { FleetReads } from './FleetReads';
import { parseClusterListQuery, type RawQuery } from './parseQuery';
import { pagingOf } from './views';

jest.setTimeout(60_000);

const databases = TestDatabases.create();

const PAY_1 = ref('pay-1');
const PAY_2 = ref('pay-2', ACCOUNT_B);
const SEARCH = ref('search-1');

const ADMIN = mockCredentials.user('user:default/admin');
const TEAM_A = mockCredentials.user('user:default/team-a');
const TEAM_B = mockCredentials.user('user:default/team-b');
const TAGGED = mockCredentials.user('user:default/tagged');

const ACCESS: Record<string, ClusterAccess> = {
  'user:default/admin': { kind: 'all' },
  'user:default/team-a': {
    kind: 'some',
    criteria: { kind: 'account', accountIds: [ACCOUNT_A] },
  },
  'user:default/team-b': {
    kind: 'some',
    criteria: { kind: 'account', accountIds: [ACCOUNT_B] },
  },
  'user:default/tagged': {
    kind: 'some',
    criteria: { kind: 'tag', key: 'environment', value: 'dev' },
  },
};

const authorizer = {
  access: async (credentials: typeof ADMIN) =>
    ACCESS[credentials.principal.userEntityRef],
};

/** What the list answers without any reuse, read now. */
async function uncachedList(
  stores: FleetStores,
  credentials: typeof ADMIN,
  query: RawQuery,
  now: Date,
): Promise<string> {
  const parsed = parseClusterListQuery(query);
  const { items, totalCount } = await stores.clusters.listClusterDocuments(
    parsed,
    await authorizer.access(credentials),
  );
  return `{"items":[${items
    .map(item => summaryJson(item.summary, item.status, now))
    .join(',')}],"totalCount":${totalCount},"paging":${JSON.stringify(
    pagingOf(parsed.page, totalCount),
  )}}`;
}

async function uncachedDetail(
  stores: FleetStores,
  credentials: typeof ADMIN,
  arn: string,
  now: Date,
): Promise<string | undefined> {
  const documents = await stores.clusters.getClusterDocuments(
    arn,
    await authorizer.access(credentials),
  );
  return documents
    ? detailJson(documents.summary, documents.detail, documents.status, now)
    : undefined;
}

describe.each(databases.eachSupportedId())('FleetReads on %p', databaseId => {
  let knex: Knex;
  let stores: FleetStores;
  let now: Date;
  const replica = () =>
    new FleetReads({
      stores,
      clusterAuthorizer: authorizer,
      now: () => now,
    });

  beforeEach(async () => {
    ({ knex, stores } = await openStores(databases, databaseId));
    await stores.inventory.applyInventory(
      'aws-config',
      [inventory(PAY_1), inventory(PAY_2), inventory(SEARCH)],
      T0,
    );
    await knex('clusters').where('arn', PAY_1.arn).update({
      freshness: 'fresh',
      k8s_last_attempt_at: '2026-11-22T08:00:00.400Z',
      k8s_last_success_at: '2026-11-22T08:00:00.400Z',
    });
    now = new Date('2026-11-22T08:00:10.000Z');
  });

  const detailText = (reads: FleetReads, who: typeof ADMIN, arn: string) =>
    reads.clusterDetailJson(who, arn).catch(error => `${error.name}`);

  it('answers exactly the uncached read as time passes, from one database read', async () => {
    const reads = replica();
    const pages = jest.spyOn(stores.clusters, 'listClusterDocuments');
    const details = jest.spyOn(stores.clusters, 'getClusterDocuments');
    for (const ms of [0, 599, 600, 1_000, 61_000]) {
      now = new Date(Date.parse('2026-11-22T08:00:10.000Z') + ms);
      const expected = await uncachedList(stores, ADMIN, {}, now);
      expect(await reads.listClustersJson(ADMIN, {})).toBe(expected);
      expect(await reads.clusterDetailJson(ADMIN, PAY_1.arn)).toBe(
        await uncachedDetail(stores, ADMIN, PAY_1.arn, now),
      );
    }
    const [pay1] = JSON.parse(await reads.listClustersJson(ADMIN, {})).items;
    expect(pay1.health.ageSeconds).toBe(70);
    // One read each by FleetReads, the rest by the uncached reference.
    expect(pages).toHaveBeenCalledTimes(1 + 5);
    expect(details).toHaveBeenCalledTimes(1 + 5);
  });

  it('sees a write by any writer at once, on every replica', async () => {
    const one = replica();
    const two = replica();
    for (const reads of [one, two]) {
      await reads.listClustersJson(ADMIN, {});
      await reads.clusterDetailJson(ADMIN, PAY_1.arn);
      await reads.listClustersJson(TAGGED, {});
    }
    const check = async () => {
      for (const reads of [one, two]) {
        expect(await reads.listClustersJson(ADMIN, {})).toBe(
          await uncachedList(stores, ADMIN, {}, now),
        );
        expect(await reads.listClustersJson(TAGGED, {})).toBe(
          await uncachedList(stores, TAGGED, {}, now),
        );
        expect(await detailText(reads, ADMIN, PAY_1.arn)).toBe(
          (await uncachedDetail(stores, ADMIN, PAY_1.arn, now)) ??
            'NotFoundError',
        );
      }
    };
    // Plain SQL, as another replica's transaction: no plugin code runs.
    await knex.transaction(async tx => {
      await tx('clusters').where('arn', PAY_1.arn).update({
        freshness: 'stale',
        k8s_last_attempt_at: '2026-11-22T08:00:09.000Z',
        k8s_last_error: 'connect ETIMEDOUT',
      });
    });
    await check();
    expect(await one.listClustersJson(ADMIN, {})).toContain(
      'connect ETIMEDOUT',
    );
    await knex('cluster_tags').insert({
      cluster_arn: SEARCH.arn,
      tag_key: 'environment',
      tag_value: 'dev',
    });
    await check();
    expect(JSON.parse(await one.listClustersJson(TAGGED, {})).totalCount).toBe(
      1,
    );
    await knex('clusters').where('arn', PAY_1.arn).delete();
    await check();
    expect(await detailText(two, ADMIN, PAY_1.arn)).toBe('NotFoundError');
  });

  it("keeps each caller's decision apart, conditions included", async () => {
    const reads = replica();
    const names = async (who: typeof ADMIN) =>
      JSON.parse(await reads.listClustersJson(who, {})).items.map(
        (item: { ref: { name: string } }) => item.ref.name,
      );
    expect(await names(ADMIN)).toEqual(['pay-1', 'pay-2', 'search-1']);
    expect(await names(TEAM_B)).toEqual(['pay-2']);
    expect(await names(TEAM_A)).toEqual(['pay-1', 'search-1']);
    expect(await names(TAGGED)).toEqual([]);
    expect(await detailText(reads, ADMIN, SEARCH.arn)).toContain('"search-1"');
    expect(await detailText(reads, TEAM_B, SEARCH.arn)).toBe('NotFoundError');
    expect(await detailText(reads, TEAM_A, SEARCH.arn)).toContain('"search-1"');
  });

  it('changes the read generation once per writing transaction, at its commit', async () => {
    const before = await stores.clusters.readGeneration();
    let during: number | undefined;
    await knex.transaction(async tx => {
      await tx('clusters')
        .whereIn('arn', [PAY_1.arn, PAY_2.arn])
        .update({ freshness: 'stale' });
      await tx('cluster_zones').where('cluster_arn', SEARCH.arn).delete();
      if (databaseId.startsWith('POSTGRES')) {
        // Another connection still sees the committed number.
        during = await stores.clusters.readGeneration();
      }
    });
    const after = await stores.clusters.readGeneration();
    expect(after).toBeGreaterThan(before);
    // On PostgreSQL another connection sees the old number until the
    // commit, which changed it once (SQLite bumps per row, one writer).
    expect({ during, once: after === before + 1 }).toEqual(
      databaseId.startsWith('POSTGRES')
        ? { during: before, once: true }
        : { during: undefined, once: false },
    );
    // Tables the answers do not come from leave it alone.
    await knex('refresh_results').insert({
      source: 'test',
      started_at: T0,
      finished_at: T0,
      ok: true,
      duration_ms: 1,
    });
    expect(await stores.clusters.readGeneration()).toBe(after);
  });

  it('lets a writer commit while another writing transaction is open (PostgreSQL: the number is taken at commit)', async () => {
    // SQLite has one connection: a second transaction waits for the first.
    const postgres = databaseId.startsWith('POSTGRES');
    const before = await stores.clusters.readGeneration();
    let release!: () => void;
    const held = new Promise<void>(resolve => (release = resolve));
    let opened!: () => void;
    const open = new Promise<void>(resolve => (opened = resolve));
    const first = knex.transaction(async tx => {
      await tx('clusters')
        .where('arn', PAY_1.arn)
        .update({ freshness: 'stale' });
      opened();
      await held;
    });
    await open;
    const second = postgres
      ? knex('clusters').where('arn', PAY_2.arn).update({ freshness: 'stale' })
      : Promise.resolve(1);
    // With the number taken mid-transaction the second writer would wait
    // for the first to end, which waits for the second: a timeout here.
    const outcome = await Promise.race([
      second.then(() => 'committed'),
      new Promise(resolve => setTimeout(() => resolve('blocked'), 3_000)),
    ]);
    release();
    await first;
    expect(outcome).toBe('committed');
    expect(await stores.clusters.readGeneration()).toBeGreaterThan(before);
  });
});
