import { TestDatabases } from '@backstage/backend-test-utils';
import { ALL_CLUSTERS, type ClusterAccess } from './clusterAccessSql';
import {
  openStores,
  T0,
  T1,
  T2,
  ACCOUNT_A,
  ACCOUNT_B,
  ref,
  inventory,
  shift,
  ALL,
} from './__testUtils__/storeFixtures';

jest.setTimeout(60_000);

const databases = TestDatabases.create();

describe('ArcStore', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('upserts shifts by ID, keeps their history and replaces a region’s ARC state', async () => {
      const { stores } = await openStores(databases, databaseId);
      const alpha = ref('alpha');
      await stores.inventory.applyInventory(
        'aws-config',
        [inventory(alpha)],
        T0,
      );
      const active = shift(alpha);
      await stores.arc.applyArcRegion(
        {
          accountId: ACCOUNT_A,
          region: 'us-east-1',
          resources: [
            {
              arn: alpha.arn,
              accountId: ACCOUNT_A,
              region: 'us-east-1',
              availabilityZones: ['use1-az1', 'use1-az2'],
              appliedWeights: { 'use1-az1': 0, 'use1-az2': 1 },
              zonalAutoshiftStatus: 'ENABLED',
              appliedAwayFrom: 'use1-az1',
            },
          ],
          shifts: [active],
          autoshifts: [
            {
              accountId: ACCOUNT_A,
              region: 'us-east-1',
              awayFrom: 'use1-az2',
              startTime: T0,
              status: 'COMPLETED',
              endTime: T1,
            },
          ],
          clusterShiftStates: [
            {
              arn: alpha.arn,
              shiftState: 'zonal-shift',
              activeShift: active,
              shiftAwayFrom: { name: 'us-east-1a', id: 'use1-az1' },
              autoshiftStatus: 'ENABLED',
            },
          ],
        },
        T0,
      );
      let cluster = (await stores.clusters.getCluster(alpha.arn))!;
      expect(cluster.shiftState).toBe('zonal-shift');
      expect(cluster.activeShift?.zonalShiftId).toBe('shift-1');
      expect(cluster.shiftAwayFrom).toEqual({
        name: 'us-east-1a',
        id: 'use1-az1',
      });
      expect(
        (await stores.arc.getArcResource(alpha.arn))?.appliedWeights,
      ).toEqual({
        'use1-az1': 0,
        'use1-az2': 1,
      });
      expect(
        await stores.arc.listAutoshifts(ACCOUNT_A, 'us-east-1'),
      ).toHaveLength(1);

      // The shift was canceled, and ARC no longer lists the autoshift.
      await stores.arc.applyArcRegion(
        {
          accountId: ACCOUNT_A,
          region: 'us-east-1',
          resources: [],
          shifts: [
            shift(alpha, { status: 'CANCELED' }),
            shift(alpha, {
              zonalShiftId: 'shift-2',
              startTime: T1,
              shiftType: 'PRACTICE_RUN',
              status: 'EXPIRED',
            }),
          ],
          autoshifts: [],
          clusterShiftStates: [{ arn: alpha.arn, shiftState: 'unknown' }],
        },
        T1,
      );
      cluster = (await stores.clusters.getCluster(alpha.arn))!;
      expect(cluster.shiftState).toBe('unknown');
      expect(cluster.activeShift).toBeUndefined();
      expect(await stores.arc.getArcResource(alpha.arn)).toBeUndefined();
      expect(await stores.arc.listAutoshifts(ACCOUNT_A, 'us-east-1')).toEqual(
        [],
      );
      const history = await stores.arc.listShiftsOfCluster(alpha.arn, 10);
      expect(history.map(s => [s.zonalShiftId, s.status])).toEqual([
        ['shift-2', 'EXPIRED'],
        ['shift-1', 'CANCELED'],
      ]);
      expect(history[1].firstSeenAt).toBe(T0);
      expect(history[1].lastSeenAt).toBe(T1);

      // A region read without the shift keeps it in the history.
      await stores.arc.applyArcRegion(
        {
          accountId: ACCOUNT_A,
          region: 'us-east-1',
          resources: [],
          shifts: [],
          autoshifts: [],
          clusterShiftStates: [],
        },
        T2,
      );
      const fleetHistory = await stores.arc.listShifts(
        { types: ['ZONAL_SHIFT'], since: T0 },
        ALL,
        ALL_CLUSTERS,
      );
      expect(fleetHistory.totalCount).toBe(1);
      expect(fleetHistory.items[0].status).toBe('CANCELED');
      expect(
        (
          await stores.arc.listShifts({ since: T1 }, ALL, ALL_CLUSTERS)
        ).items.map(s => s.zonalShiftId),
      ).toEqual(['shift-2']);
      expect(
        (
          await stores.arc.listShifts(
            { statuses: ['ACTIVE'] },
            ALL,
            ALL_CLUSTERS,
          )
        ).totalCount,
      ).toBe(0);
      expect(
        (
          await stores.arc.listShifts(
            { clusterArns: [alpha.arn] },
            { limit: 1, offset: 1 },
            ALL_CLUSTERS,
          )
        ).items.map(s => s.zonalShiftId),
      ).toEqual(['shift-1']);
    });

    it('lists the history and the active shifts of the clusters of an access only', async () => {
      const { stores } = await openStores(databases, databaseId);
      const alpha = ref('alpha');
      const gamma = ref('gamma');
      const beta = ref('beta', ACCOUNT_B);
      await stores.inventory.applyInventory(
        'aws-config',
        [
          inventory(alpha),
          inventory(gamma, { tags: { team: 'search' } }),
          inventory(beta),
        ],
        T0,
      );
      const region = (accountId: string) => ({
        accountId,
        region: 'us-east-1',
        resources: [],
        clusterShiftStates: [],
      });
      await stores.arc.applyArcRegion(
        {
          ...region(ACCOUNT_A),
          shifts: [shift(alpha, { zonalShiftId: 'shift-alpha' })],
          autoshifts: [
            {
              accountId: ACCOUNT_A,
              region: 'us-east-1',
              awayFrom: 'use1-az2',
              startTime: T0,
              status: 'ACTIVE',
            },
          ],
        },
        T0,
      );
      await stores.arc.applyArcRegion(
        {
          ...region(ACCOUNT_B),
          shifts: [shift(beta, { zonalShiftId: 'shift-beta' })],
          autoshifts: [],
        },
        T0,
      );
      const inAccountB: ClusterAccess = {
        kind: 'some',
        criteria: { kind: 'account', accountIds: [ACCOUNT_B] },
      };
      const taggedSearch: ClusterAccess = {
        kind: 'some',
        criteria: { kind: 'tag', key: 'team', value: 'search' },
      };
      const history = async (access: ClusterAccess) => {
        const { items, totalCount } = await stores.arc.listShifts(
          {},
          ALL,
          access,
        );
        return { ids: items.map(s => s.zonalShiftId), totalCount };
      };
      expect(await history(ALL_CLUSTERS)).toEqual({
        ids: ['shift-alpha', 'shift-beta'],
        totalCount: 2,
      });
      expect(await history(inAccountB)).toEqual({
        ids: ['shift-beta'],
        totalCount: 1,
      });
      expect(await history(taggedSearch)).toEqual({ ids: [], totalCount: 0 });
      expect(await history({ kind: 'none' })).toEqual({
        ids: [],
        totalCount: 0,
      });

      const sources = async (access: ClusterAccess) =>
        (await stores.arc.listActiveShiftSources(access)).map(c => [
          c.ref.name,
          c.shifts.map(s => s.zonalShiftId),
          c.autoshifts.length,
        ]);
      expect(await sources(ALL_CLUSTERS)).toEqual([
        ['alpha', ['shift-alpha'], 1],
        ['gamma', [], 1],
        ['beta', ['shift-beta'], 0],
      ]);
      expect(await sources(inAccountB)).toEqual([['beta', ['shift-beta'], 0]]);
      // The account's autoshift comes with the readable cluster it applies
      // to; the shift of a foreign cluster in the same region does not.
      expect(await sources(taggedSearch)).toEqual([['gamma', [], 1]]);
      expect(await sources({ kind: 'none' })).toEqual([]);
    });
  });
});
