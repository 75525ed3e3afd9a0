import { TestDatabases } from '@backstage/backend-test-utils';
import {
  openStores,
  T0,
  T1,
  T2,
  ACCOUNT_A,
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
      );
      expect(fleetHistory.totalCount).toBe(1);
      expect(fleetHistory.items[0].status).toBe('CANCELED');
      expect(
        (await stores.arc.listShifts({ since: T1 }, ALL)).items.map(
          s => s.zonalShiftId,
        ),
      ).toEqual(['shift-2']);
      expect(
        (await stores.arc.listShifts({ statuses: ['ACTIVE'] }, ALL)).totalCount,
      ).toBe(0);
      expect(
        (
          await stores.arc.listShifts(
            { clusterArns: [alpha.arn] },
            { limit: 1, offset: 1 },
          )
        ).items.map(s => s.zonalShiftId),
      ).toEqual(['shift-1']);
    });
  });
});
