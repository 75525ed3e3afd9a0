import { TestDatabases } from '@backstage/backend-test-utils';
import { ActionReads } from './ActionReads';
import type { ClusterAccess } from './clusterAccessSql';
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

const AZ1 = { name: 'us-east-1a', id: 'use1-az1' };
const AZ2 = { name: 'us-east-1b', id: 'use1-az2' };
const A1 = ref('a1');
const A2 = ref('a2');
const B1 = ref('b1', ACCOUNT_B);
const B2 = ref('b2', ACCOUNT_B);
/** Readable, but not in use1-az1. */
const C = ref('c');

const TEAM_A = { kind: 'owner' as const, ownerRefs: ['group:default/team-a'] };
const IN_A = { kind: 'account' as const, accountIds: [ACCOUNT_A] };
/** Team A's clusters and every cluster of account A. */
const READ: ClusterAccess = {
  kind: 'some',
  criteria: { anyOf: [TEAM_A, IN_A] },
};

describe.each(databases.eachSupportedId())(
  'ActionReads.fleetShiftClusters on %p',
  databaseId => {
    async function reads() {
      const { knex, stores } = await openStores(databases, databaseId);
      const owned = (owner: string) => ({ owner, tags: { owner } });
      await stores.inventory.applyInventory(
        'aws-config',
        [
          inventory(A1, { ...owned('team-a'), subnetZones: [AZ1, AZ2] }),
          inventory(A2, { ...owned('team-b'), subnetZones: [AZ1] }),
          inventory(B1, { ...owned('team-a'), subnetZones: [AZ1] }),
          inventory(B2, { ...owned('team-b'), subnetZones: [AZ1, AZ2] }),
          inventory(C, { ...owned('team-a'), subnetZones: [AZ2] }),
        ],
        T0,
      );
      return new ActionReads(knex);
    }
    const names = (found: { clusters: Array<{ ref: { name: string } }> }) =>
      found.clusters.map(c => c.ref.name).sort();

    it('returns the clusters in the AZ the caller may read, which of them it may shift, and counts the others', async () => {
      const store = await reads();
      const found = await store.fleetShiftClusters({
        awayFrom: 'use1-az1',
        read: READ,
        shift: { kind: 'some', criteria: TEAM_A },
      });
      expect(names(found)).toEqual(['a1', 'a2', 'b1']);
      expect([...found.shiftable].sort()).toEqual([A1.arn, B1.arn]);
      expect(found.hidden).toBe(1);
      expect(found.clusters.find(c => c.ref.arn === A1.arn)?.zones).toEqual([
        AZ1,
        AZ2,
      ]);

      const negated = await store.fleetShiftClusters({
        awayFrom: 'use1-az1',
        read: READ,
        shift: { kind: 'some', criteria: { not: IN_A } },
      });
      expect([...negated.shiftable]).toEqual([B1.arn]);
    });

    it('answers unconditional decisions without a filter, and none with nothing', async () => {
      const store = await reads();
      const all = await store.fleetShiftClusters({
        awayFrom: 'use1-az1',
        read: { kind: 'all' },
        shift: { kind: 'none' },
      });
      expect(names(all)).toEqual(['a1', 'a2', 'b1', 'b2']);
      expect(all.shiftable.size).toBe(0);
      expect(all.hidden).toBe(0);
      const none = await store.fleetShiftClusters({
        awayFrom: 'use1-az2',
        read: { kind: 'none' },
        shift: { kind: 'all' },
      });
      // a1, b2 and c have use1-az2.
      expect(none).toEqual({ clusters: [], shiftable: new Set(), hidden: 3 });
    });

    it('takes a subset whatever its AZs, leaving out (not counting) what the caller may not read', async () => {
      const store = await reads();
      const found = await store.fleetShiftClusters({
        awayFrom: 'use1-az1',
        arns: [A1.arn, C.arn, B2.arn, ref('gone').arn],
        read: READ,
        shift: { kind: 'all' },
      });
      expect(names(found)).toEqual(['a1', 'c']);
      expect([...found.shiftable].sort()).toEqual([A1.arn, C.arn]);
      expect(found.hidden).toBe(0);
    });
  },
);
