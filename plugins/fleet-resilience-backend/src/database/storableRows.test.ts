import { TestDatabases } from '@backstage/backend-test-utils';
import {
  ACCOUNT_A,
  inventory,
  openStores,
  ref,
  shift,
  snapshot,
  T0,
  T1,
} from './__testUtils__/storeFixtures';

jest.setTimeout(60_000);

const databases = TestDatabases.create();
const NUL = '\u0000';
const FFFD = '\uFFFD';

/**
 * Text from outside that PostgreSQL cannot take as it is (NUL, longer than a
 * varchar) is stored cleaned, on both engines, and the rest of its batch is
 * stored with it: no write fails because of one string.
 */
describe('rows with text PostgreSQL cannot take as it is', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('ARC: stores a region whose shifts carry NUL and over-long text, cleaned, with the other shifts', async () => {
      const { stores } = await openStores(databases, databaseId);
      const alpha = ref('alpha');
      await stores.inventory.applyInventory(
        'aws-config',
        [inventory(alpha)],
        T0,
      );
      const good = shift(alpha, {
        zonalShiftId: 'shift-good',
        status: 'EXPIRED',
      });
      const poisoned = shift(alpha, {
        zonalShiftId: 'shift-nul',
        comment: `AZ${NUL}impaired`,
        actor: `user:default/${NUL}x`,
      });
      const long = shift(alpha, {
        zonalShiftId: 'shift-long',
        status: 'CANCELED',
        comment: 'c'.repeat(5000),
        shiftType: `PRACTICE_RUN${'_X'.repeat(40)}` as 'PRACTICE_RUN',
      });
      await stores.arc.applyArcRegion(
        {
          accountId: ACCOUNT_A,
          region: 'us-east-1',
          resources: [
            {
              arn: alpha.arn,
              accountId: ACCOUNT_A,
              region: 'us-east-1',
              availabilityZones: ['use1-az1'],
              appliedWeights: { 'use1-az1': 1 },
              appliedAwayFrom: `use1-az1${NUL}`,
            },
          ],
          shifts: [good, poisoned, long],
          autoshifts: [
            {
              accountId: ACCOUNT_A,
              region: 'us-east-1',
              awayFrom: `use1-az2${NUL}`,
              startTime: T0,
              status: 'COMPLETED',
            },
            // Equal to the one above once cleaned: one row, not a duplicate key.
            {
              accountId: ACCOUNT_A,
              region: 'us-east-1',
              awayFrom: `use1-az2${FFFD}`,
              startTime: T0,
              status: 'COMPLETED',
            },
          ],
          clusterShiftStates: [
            {
              arn: alpha.arn,
              shiftState: 'zonal-shift',
              activeShift: poisoned,
            },
          ],
        },
        T1,
      );

      const stored = new Map(
        (await stores.arc.listShiftsOfCluster(alpha.arn, 10)).map(s => [
          s.zonalShiftId,
          s,
        ]),
      );
      expect([...stored.keys()].sort()).toEqual([
        'shift-good',
        'shift-long',
        'shift-nul',
      ]);
      expect(stored.get('shift-nul')).toMatchObject({
        comment: `AZ${FFFD}impaired`,
        actor: `user:default/${FFFD}x`,
      });
      expect([...stored.get('shift-long')!.comment]).toHaveLength(1024);
      expect(stored.get('shift-long')!.shiftType).toHaveLength(32);
      expect(stored.get('shift-good')!.comment).toBe('AZ impairment');
      // The cluster's shift state (a JSON column) keeps the shift as ARC said.
      expect((await stores.clusters.getCluster(alpha.arn))?.shiftState).toBe(
        'zonal-shift',
      );
      expect(
        (await stores.arc.getArcResource(alpha.arn))?.appliedAwayFrom,
      ).toBe(`use1-az1${FFFD}`);
      expect(await stores.arc.listAutoshifts(ACCOUNT_A, 'us-east-1')).toEqual([
        expect.objectContaining({ awayFrom: `use1-az2${FFFD}` }),
      ]);
    });

    it('inventory: stores clusters whose text carries NUL or is too long, cleaned, with the others', async () => {
      const { stores } = await openStores(databases, databaseId);
      const alpha = ref('alpha');
      const beta = ref('beta');
      await stores.inventory.applyInventory(
        'aws-config',
        [
          inventory(alpha, {
            version: `1.33${NUL}`,
            status: 'A'.repeat(100),
            owner: `team${NUL}`,
            system: 's'.repeat(300),
            endpoint: `https://alpha.example/${NUL}`,
            tags: { [`k${NUL}`]: `v${NUL}` },
            dataProblems: [`subnet dropped: "subnet-${NUL}"`],
            subnetZones: [
              { name: 'us-east-1a', id: 'use1-az1' },
              { name: `us-east-1b${NUL}`, id: 'use1-az2' },
              { name: 'z'.repeat(40), id: 'use1-az4' },
            ],
          }),
          inventory(beta),
        ],
        T0,
      );
      await stores.inventory.upsertAccountZones(
        [
          {
            accountId: ACCOUNT_A,
            region: 'us-east-1',
            zone: { name: 'us-east-1a', id: 'use1-az1' },
          },
          {
            accountId: ACCOUNT_A,
            region: 'us-east-1',
            zone: { name: `x${NUL}`, id: 'use1-az9' },
          },
        ],
        T0,
      );
      await stores.inventory.applyEksDetails(
        [
          {
            arn: alpha.arn,
            zonalShiftEnabled: true,
            platformVersion: `eks.1${NUL}`,
            status: 'ACTIVE',
          },
        ],
        T1,
      );
      const clusters = await stores.clusters.listAllClusters();
      expect(clusters.map(c => c.ref.name).sort()).toEqual(['alpha', 'beta']);
      const stored = clusters.find(c => c.ref.name === 'alpha')!;
      expect(stored).toMatchObject({
        version: `1.33${FFFD}`,
        owner: `team${FFFD}`,
        endpoint: `https://alpha.example/${FFFD}`,
        platformVersion: `eks.1${FFFD}`,
        status: 'ACTIVE',
      });
      expect([...(stored.system ?? '')]).toHaveLength(255);
      // Tags are a JSON column: kept exactly as given.
      expect(stored.tags).toEqual({ [`k${NUL}`]: `v${NUL}` });
      expect(stored.zones).toEqual([{ name: 'us-east-1a', id: 'use1-az1' }]);
      // The read's problems of this cluster are in its detail's problems.
      expect(stored.problems).toEqual([
        { source: 'inventory', message: `subnet dropped: "subnet-${NUL}"` },
      ]);
      expect(
        await stores.inventory.listAccountZones(ACCOUNT_A, 'us-east-1'),
      ).toEqual([{ name: 'us-east-1a', id: 'use1-az1' }]);
    });

    it('Kubernetes and Resilience Hub: store NodePools and apps whose names carry NUL, cleaned', async () => {
      const { stores } = await openStores(databases, databaseId);
      const alpha = ref('alpha');
      await stores.inventory.applyInventory(
        'aws-config',
        [inventory(alpha)],
        T0,
      );
      const read = snapshot(alpha.arn, T1, 1000);
      read.nodePools = [
        { ...read.nodePools[0], name: `pool${NUL}`, resourceVersion: '6' },
        // Equal to the first once cleaned: one row (the last), not a duplicate key.
        {
          ...read.nodePools[0],
          name: `pool${FFFD}`,
          resourceVersion: `7${NUL}`,
        },
        { ...read.nodePools[0], name: 'default' },
      ];
      read.problems = [{ source: 'kubernetes', message: `bad ${NUL}` }];
      await stores.kubernetes.applyKubernetesSnapshot(read, {
        source: 'kubernetes',
        clusterArn: alpha.arn,
        startedAt: T1,
        finishedAt: T1,
        ok: true,
        durationMs: 5,
      });
      expect(
        (await stores.kubernetes.listNodePools(alpha.arn)).map(p => [
          p.name,
          p.resourceVersion,
        ]),
      ).toEqual(
        expect.arrayContaining([
          [`pool${FFFD}`, `7${FFFD}`],
          ['default', '7'],
        ]),
      );
      expect(await stores.kubernetes.listNodePools(alpha.arn)).toHaveLength(2);
      await stores.kubernetes.applyKubernetesFailure({
        source: 'kubernetes',
        clusterArn: alpha.arn,
        startedAt: T1,
        finishedAt: T1,
        ok: false,
        errorMessage: `Kubernetes API: unreachable ${NUL}`,
        durationMs: 5,
      });
      expect((await stores.clusters.getCluster(alpha.arn))?.k8sLastError).toBe(
        `Kubernetes API: unreachable ${FFFD}`,
      );

      await stores.resilienceHub.applyResilienceApps(
        ACCOUNT_A,
        'us-east-1',
        [
          {
            appArn: 'arn:aws:resiliencehub:us-east-1:111122223333:app/a',
            accountId: ACCOUNT_A,
            region: 'us-east-1',
            name: `pay${NUL}`,
            complianceStatus: `PolicyMet${NUL}`,
            clusterArns: [alpha.arn],
          },
        ],
        T1,
      );
      expect(
        (await stores.resilienceHub.listResilienceAppsOfCluster(alpha.arn)).map(
          a => [a.name, a.complianceStatus],
        ),
      ).toEqual([[`pay${FFFD}`, `PolicyMet${FFFD}`]]);
    });

    it('refresh results: store a message and data problems that carry NUL, cleaned, with the row counts', async () => {
      const { stores } = await openStores(databases, databaseId);
      await stores.refreshResults.recordRefreshResult({
        source: 'arc:111122223333/us-east-1',
        startedAt: T0,
        finishedAt: T0,
        ok: true,
        durationMs: 4,
        rows: { stored: 3, rejected: 1, cleaned: 1 },
        dataProblems: [`zonal shift "a${NUL}": awayFrom is not an AZ ID`],
      });
      expect(await stores.refreshResults.listRefreshResults({})).toEqual([
        expect.objectContaining({
          ok: true,
          rows: { stored: 3, rejected: 1, cleaned: 1 },
          dataProblems: [`zonal shift "a${FFFD}": awayFrom is not an AZ ID`],
        }),
      ]);
      await stores.refreshResults.recordRefreshResult({
        source: 'arc:111122223333/us-east-1',
        startedAt: T1,
        finishedAt: T1,
        ok: false,
        errorMessage: `ARC: throttled ${NUL}`,
        durationMs: 4,
      });
      const [failed] = await stores.refreshResults.listRefreshResults({});
      expect(failed).toMatchObject({
        ok: false,
        lastSuccessAt: T0,
        errorMessage: `ARC: throttled ${FFFD}`,
      });
      // A failed attempt stored nothing: no counts from the last success.
      expect(failed.rows).toBeUndefined();
      expect(failed.dataProblems).toBeUndefined();
    });
  });
});
