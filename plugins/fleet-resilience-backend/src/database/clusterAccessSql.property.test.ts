/**
 * Property test of the SQL translation of conditional decisions: for random
 * fleets, written through the real InventoryStore (so owner_ref and
 * cluster_tags are what production writes), and random conditions built
 * with the policy's condition factories, the clusters the SQL filter keeps
 * are exactly those every rule's `apply` allows, and the paged lists
 * (summary documents and parsed clusters) concatenate to that set with an
 * exact total on every page. Seeded: a failure names its seed and case.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import type { ConditionTransformer } from '@backstage/plugin-permission-node';
import {
  fleetResilienceClusterConditions as is,
  type FleetClusterFilter,
  type FleetClusterResource,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import type { Knex } from 'knex';
import type {
  ClusterInventoryRecord,
  ClusterSortField,
} from '../domain/records';
import { ownerEntityRef } from '../domain/ownerEntityRef';
import type { FleetStores } from '.';
import { whereAccessible, type ClusterAccess } from './clusterAccessSql';
import {
  applies,
  arnsByApply,
  registeredTransformer,
  type Conditions,
} from './__testUtils__/clusterAccessFixtures';
import { inventory, openStores, ref, T0 } from './__testUtils__/storeFixtures';

jest.setTimeout(120_000);

const databases = TestDatabases.create();

const SEED = Number(process.env.CLUSTER_ACCESS_SEED ?? 20261207);
const FLEETS = 100;
const TREES_PER_FLEET = 4;

/** mulberry32: small, seeded, good enough to pick test data. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const some = <T>(items: readonly T[], max = items.length): T[] =>
    items.filter(() => next() < 0.5).slice(0, max);
  return { next, int, pick, some };
}
type Random = ReturnType<typeof random>;

const ACCOUNTS = ['111122223333', '444455556666', '777788889999'];
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-south-1'];
/** Owner tag values: bare names, full refs in mixed case, and ones that name no owner. */
const OWNERS = [
  undefined,
  'payments',
  'Payments',
  'group:default/payments',
  'GROUP:default/Payments',
  'group:other/payments',
  'search',
  ' search ',
  'user:default/Dana',
  'component:default/payments',
  'not an owner',
];
const CLAIMS = [
  'group:default/payments',
  'Group:Default/PAYMENTS',
  'group:other/payments',
  'group:default/search',
  'user:default/dana',
  'user:default/erin',
];
const TAG_KEYS = ['team', 'Team', 'env', 'public', "o'k"];
const TAG_VALUES = ['payments', 'Payments', 'prod', '', 'true', "' or 1=1 --"];
const SORTS: ClusterSortField[] = [
  'name',
  'account',
  'region',
  'version',
  'verdict',
  'shiftState',
  'lastSeen',
];

function randomFleet(rng: Random): ClusterInventoryRecord[] {
  const size = rng.int(13);
  return Array.from({ length: size }, (_, i) => {
    const tags: Record<string, string> = {};
    for (const key of rng.some(TAG_KEYS, 3)) {
      tags[key] = rng.pick(TAG_VALUES);
    }
    const owner = rng.pick(OWNERS);
    return inventory(ref(`c${i}`, rng.pick(ACCOUNTS), rng.pick(REGIONS)), {
      owner,
      tags,
      version: rng.pick(['1.31', '1.33', undefined]),
    });
  });
}

function randomCondition(rng: Random): Conditions {
  switch (rng.int(4)) {
    case 0:
      return is.isClusterOwner({ claims: rng.some(CLAIMS, 3) });
    case 1:
      return is.isInAccount({ accountIds: rng.some(ACCOUNTS, 2) });
    case 2:
      return is.isInRegion({ regions: rng.some(REGIONS, 2) });
    default:
      return rng.next() < 0.5
        ? is.hasTag({ key: rng.pick(TAG_KEYS) })
        : is.hasTag({ key: rng.pick(TAG_KEYS), value: rng.pick(TAG_VALUES) });
  }
}

/** A criteria tree of depth at most `depth` (a leaf is depth 1). */
function randomTree(rng: Random, depth: number): Conditions {
  if (depth <= 1 || rng.next() < 0.3) {
    return randomCondition(rng);
  }
  const children = () =>
    Array.from({ length: 1 + rng.int(3) }, () => randomTree(rng, depth - 1));
  switch (rng.int(3)) {
    case 0:
      return { allOf: children() as [Conditions, ...Conditions[]] };
    case 1:
      return { anyOf: children() as [Conditions, ...Conditions[]] };
    default:
      return { not: randomTree(rng, depth - 1) };
  }
}

/** The permission resource as the input record says, independent of the store. */
function resourceOfRecord(
  record: ClusterInventoryRecord,
): FleetClusterResource {
  const ownerRef = ownerEntityRef(record.owner);
  return {
    arn: record.ref.arn,
    accountId: record.ref.accountId,
    region: record.ref.region,
    ...(ownerRef ? { ownerRef } : {}),
    tags: { ...record.tags },
  };
}

async function pagedArns(
  stores: FleetStores,
  access: ClusterAccess,
  rng: Random,
  expected: number,
): Promise<string[]> {
  const sort = { field: rng.pick(SORTS), order: rng.pick(['asc', 'desc']) };
  const limit = 1 + rng.int(4);
  const documents: string[] = [];
  // One page past the end too: empty, with the total all the same.
  for (let offset = 0; offset <= expected; offset += limit) {
    const query = {
      filter: {},
      sort: sort as { field: ClusterSortField; order: 'asc' | 'desc' },
      page: { limit, offset },
    };
    const page = await stores.clusters.listClusterDocuments(query, access);
    expect(page.totalCount).toBe(expected);
    documents.push(...page.items.map(item => item.arn));
    if (rng.next() < 0.5) {
      const parsed = await stores.clusters.listClusters(query, access);
      expect(parsed.totalCount).toBe(expected);
      expect(parsed.items.map(c => c.ref.arn)).toEqual(
        page.items.map(item => item.arn),
      );
    }
  }
  return documents;
}

describe('clusterAccessSql property', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let stores: FleetStores;
    let transform: ConditionTransformer<FleetClusterFilter>;

    beforeAll(async () => {
      ({ knex, stores } = await openStores(databases, databaseId));
      transform = registeredTransformer(knex);
    });

    it('filters in SQL exactly as the rules apply, and pages exactly', async () => {
      const rng = random(SEED);
      let cases = 0;
      let nonTrivial = 0;
      for (let f = 0; f < FLEETS; f++) {
        const fleet = randomFleet(rng);
        await stores.inventory.applyInventory('aws-config', fleet, T0);
        for (let t = 0; t < TREES_PER_FLEET; t++) {
          const conditions = randomTree(rng, 4);
          const label = `seed ${SEED}, fleet ${f}, tree ${t}: ${JSON.stringify(
            conditions,
          )}`;
          const access: ClusterAccess = {
            kind: 'some',
            criteria: transform(conditions),
          };
          const rows: Array<{ arn: string }> = await whereAccessible(
            knex,
            knex('clusters as c').select('c.arn'),
            access,
          );
          const bySql = rows.map(row => row.arn).sort();
          const byApply = await arnsByApply(knex, conditions);
          const byRecords = fleet
            .map(resourceOfRecord)
            .filter(resource => applies(conditions, resource))
            .map(resource => resource.arn)
            .sort();
          expect({ label, arns: bySql }).toEqual({ label, arns: byApply });
          expect({ label, arns: bySql }).toEqual({ label, arns: byRecords });

          const paged = await pagedArns(stores, access, rng, bySql.length);
          expect({ label, arns: [...paged].sort() }).toEqual({
            label,
            arns: bySql,
          });
          expect(new Set(paged).size).toBe(paged.length);
          cases += 1;
          nonTrivial += Number(bySql.length > 0 && bySql.length < fleet.length);
        }
      }
      process.stdout.write(
        `clusterAccessSql property on ${databaseId}: ${cases} cases (${nonTrivial} keep some clusters but not all), seed ${SEED}\n`,
      );
      expect(cases).toBeGreaterThanOrEqual(300);
      // The generator must exercise partial answers, not only all or nothing.
      expect(nonTrivial).toBeGreaterThan(cases / 4);
    });
  });
});
