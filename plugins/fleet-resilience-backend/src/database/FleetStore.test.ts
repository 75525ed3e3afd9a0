import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import {
  assessSurvivability,
  computeClusterCapacity,
  createEksClusterRef,
  EksClusterRef,
  ZonalShift,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { ActionStore } from './ActionStore';
import { FleetStore } from './FleetStore';
import type {
  ClusterInventoryRecord,
  KubernetesSnapshotRecord,
  ShiftRecord,
} from '../domain/records';

jest.setTimeout(60_000);

const databases = TestDatabases.create();

async function createStore(
  databaseId: TestDatabaseId,
  snapshotsPerCluster = 3,
): Promise<FleetStore> {
  const knex = await databases.init(databaseId);
  return FleetStore.create(
    { getClient: async () => knex },
    { snapshotsPerCluster },
  );
}

const T0 = '2026-11-22T08:00:00.000Z';
const T1 = '2026-11-22T08:01:00.000Z';
const T2 = '2026-11-22T08:02:00.000Z';

const ACCOUNT_A = '111122223333';
const ACCOUNT_B = '444455556666';

function ref(name: string, accountId = ACCOUNT_A, region = 'us-east-1') {
  return createEksClusterRef({ accountId, region, name });
}

function inventory(
  clusterRef: EksClusterRef,
  overrides: Partial<ClusterInventoryRecord> = {},
): ClusterInventoryRecord {
  return {
    ref: clusterRef,
    sourceId: 'aws-config',
    version: '1.33',
    status: 'ACTIVE',
    endpoint: `https://${clusterRef.name}.example`,
    tags: { owner: 'team-a' },
    owner: 'team-a',
    subnetZones: [
      { name: 'us-east-1a', id: 'use1-az1' },
      { name: 'us-east-1b', id: 'use1-az2' },
    ],
    ...overrides,
  };
}

/** Two zones of 4 CPU each; `cpuRequested` millicores requested in total. */
function snapshot(
  arn: string,
  capturedAt: string,
  cpuRequested: number,
): KubernetesSnapshotRecord {
  const zones = [
    { name: 'us-east-1a', id: 'use1-az1' },
    { name: 'us-east-1b', id: 'use1-az2' },
  ];
  const nodes = zones.map((zone, i) => ({
    name: `node-${i}`,
    zone,
    allocatable: { cpuMillicores: 4000, memoryBytes: 8 * 2 ** 30 },
    unschedulable: false,
  }));
  const pods = [
    {
      nodeName: 'node-0',
      phase: 'Running' as const,
      requests: { cpuMillicores: cpuRequested, memoryBytes: 2 ** 30 },
    },
  ];
  const capacity = computeClusterCapacity(nodes, pods);
  const assessment = assessSurvivability(capacity);
  return {
    arn,
    capturedAt,
    capacity,
    assessment,
    totals: {
      nodeCount: 2,
      schedulableNodeCount: 2,
      podCount: 1,
      pendingPodCount: 0,
      allocatable: { cpuMillicores: 8000, memoryBytes: 16 * 2 ** 30 },
      requested: { cpuMillicores: cpuRequested, memoryBytes: 2 ** 30 },
    },
    nodePools: [
      {
        name: 'default',
        resourceVersion: '7',
        zoneRequirements: [
          {
            key: 'topology.kubernetes.io/zone',
            operator: 'In',
            values: ['us-east-1a'],
          },
        ],
        allowedZones: [zones[0]],
        unrestricted: false,
        weight: 10,
        zoneAnnotations: {},
      },
    ],
    nodeZones: [...zones, { name: 'us-east-1c', id: 'use1-az4' }],
    karpenter: {
      installed: true,
      version: '1.12.0',
      nativeZonalShift: false,
      nodeClaimCount: 2,
    },
    problems: [],
  };
}

function shift(
  clusterRef: EksClusterRef,
  overrides: Partial<ZonalShift> = {},
): ShiftRecord {
  return {
    zonalShiftId: 'shift-1',
    resourceIdentifier: clusterRef.arn,
    awayFrom: 'use1-az1',
    status: 'ACTIVE',
    shiftType: 'ZONAL_SHIFT',
    startTime: T0,
    expiryTime: '2026-11-22T09:00:00.000Z',
    comment: 'AZ impairment',
    accountId: clusterRef.accountId,
    region: clusterRef.region,
    ...overrides,
  };
}

const ALL = { limit: 100, offset: 0 };
const byName = { field: 'name' as const, order: 'asc' as const };

describe('FleetStore', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('upserts a source’s clusters and removes those it no longer reports, with their data', async () => {
      const store = await createStore(databaseId);
      const alpha = ref('alpha');
      const beta = ref('beta');
      const other = ref('other');
      await store.applyInventory(
        'aws-config',
        [inventory(alpha), inventory(beta)],
        T0,
      );
      await store.applyInventory(
        'extra',
        [inventory(other, { sourceId: 'extra' })],
        T0,
      );
      await store.applyKubernetesSnapshot(snapshot(beta.arn, T0, 1000), {
        source: 'kubernetes',
        clusterArn: beta.arn,
        startedAt: T0,
        finishedAt: T0,
        ok: true,
        durationMs: 5,
      });

      const result = await store.applyInventory(
        'aws-config',
        [inventory(alpha, { version: '1.34' })],
        T1,
      );

      expect(result).toEqual({ added: 0, removed: 1 });
      const all = await store.listAllClusters();
      expect(all.map(c => c.ref.name)).toEqual(['alpha', 'other']);
      const updated = all.find(c => c.ref.name === 'alpha')!;
      expect(updated.version).toBe('1.34');
      expect(updated.firstSeenAt).toBe(T0);
      expect(updated.lastSeenAt).toBe(T1);
      expect(await store.getLatestSnapshot(beta.arn)).toBeUndefined();
      expect(await store.listNodePools(beta.arn)).toEqual([]);
      expect(await store.listRefreshResults({ clusterArn: beta.arn })).toEqual(
        [],
      );
    });

    it('filters, sorts and pages the fleet list with bound values', async () => {
      const store = await createStore(databaseId);
      await store.applyInventory(
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
        query: Partial<Parameters<FleetStore['listClusters']>[0]>,
      ) =>
        (
          await store.listClusters({
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

      const page = await store.listClusters({
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
      const documents = await store.listClusterDocuments({
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
        await store.listClusterDocuments({
          filter: { accountIds: [ACCOUNT_B] },
          sort: byName,
          page: { limit: 5, offset: 10 },
        }),
      ).toEqual({ items: [], totalCount: 2 });
    });

    it('serves the latest capacity snapshot, keeps a bounded history, and keeps the data when a read fails', async () => {
      const store = await createStore(databaseId, 2);
      const alpha = ref('alpha');
      await store.applyInventory('aws-config', [inventory(alpha)], T0);
      expect(await store.hasClustersNotYetReadFromKubernetes()).toBe(true);
      const ok = (startedAt: string) => ({
        source: 'kubernetes',
        clusterArn: alpha.arn,
        startedAt,
        finishedAt: startedAt,
        ok: true,
        durationMs: 12,
      });
      await store.applyKubernetesSnapshot(
        snapshot(alpha.arn, T0, 1000),
        ok(T0),
      );
      expect(await store.hasClustersNotYetReadFromKubernetes()).toBe(false);
      await store.applyKubernetesSnapshot(
        snapshot(alpha.arn, T1, 2000),
        ok(T1),
      );
      await store.applyKubernetesSnapshot(
        snapshot(alpha.arn, T2, 5000),
        ok(T2),
      );

      expect(
        (await store.listSnapshots(alpha.arn)).map(x => x.capturedAt),
      ).toEqual([T2, T1]);
      const latest = await store.getLatestSnapshot(alpha.arn);
      expect(latest?.capturedAt).toBe(T2);
      expect(latest?.capacity.totalRequested.cpuMillicores).toBe(5000);
      let cluster = (await store.getCluster(alpha.arn))!;
      // 5000m requested, 4000m left after losing either zone.
      expect(cluster.verdict).toBe('at-risk');
      expect(cluster.freshness).toBe('fresh');
      expect(cluster.zones.map(z => z.id)).toEqual([
        'use1-az1',
        'use1-az2',
        'use1-az4',
      ]);
      expect(cluster.karpenter?.version).toBe('1.12.0');
      expect(await store.listNodePools(alpha.arn)).toEqual([
        expect.objectContaining({
          name: 'default',
          unrestricted: false,
          weight: 10,
          allowedZones: [{ name: 'us-east-1a', id: 'use1-az1' }],
        }),
      ]);

      const failedAt = '2026-11-22T08:03:00.000Z';
      await store.applyKubernetesFailure({
        source: 'kubernetes',
        clusterArn: alpha.arn,
        startedAt: failedAt,
        finishedAt: failedAt,
        ok: false,
        errorMessage: 'connect ECONNREFUSED',
        durationMs: 3,
      });
      cluster = (await store.getCluster(alpha.arn))!;
      expect(cluster.freshness).toBe('stale');
      expect(cluster.k8sLastError).toBe('connect ECONNREFUSED');
      expect(cluster.k8sLastSuccessAt).toBe(T2);
      expect(cluster.k8sLastAttemptAt).toBe(failedAt);
      expect(cluster.verdict).toBe('at-risk');
      expect((await store.getLatestSnapshot(alpha.arn))?.capturedAt).toBe(T2);
      expect(await store.listRefreshResults({ clusterArn: alpha.arn })).toEqual(
        [
          expect.objectContaining({
            ok: false,
            lastSuccessAt: T2,
            errorMessage: 'connect ECONNREFUSED',
            durationMs: 3,
          }),
        ],
      );
      expect(await store.countByFreshness()).toEqual({
        total: 1,
        fresh: 0,
        stale: 1,
        never: 0,
      });
    });

    it('ignores a snapshot of a cluster removed while it was read', async () => {
      const store = await createStore(databaseId);
      const gone = ref('gone');
      await store.applyKubernetesSnapshot(snapshot(gone.arn, T0, 1), {
        source: 'kubernetes',
        clusterArn: gone.arn,
        startedAt: T0,
        finishedAt: T0,
        ok: true,
        durationMs: 1,
      });
      expect(await store.getLatestSnapshot(gone.arn)).toBeUndefined();
      expect(await store.listRefreshResults({ clusterArn: gone.arn })).toEqual(
        [],
      );
    });

    it('upserts shifts by ID, keeps their history and replaces a region’s ARC state', async () => {
      const store = await createStore(databaseId);
      const alpha = ref('alpha');
      await store.applyInventory('aws-config', [inventory(alpha)], T0);
      const active = shift(alpha);
      await store.applyArcRegion(
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
      let cluster = (await store.getCluster(alpha.arn))!;
      expect(cluster.shiftState).toBe('zonal-shift');
      expect(cluster.activeShift?.zonalShiftId).toBe('shift-1');
      expect(cluster.shiftAwayFrom).toEqual({
        name: 'us-east-1a',
        id: 'use1-az1',
      });
      expect((await store.getArcResource(alpha.arn))?.appliedWeights).toEqual({
        'use1-az1': 0,
        'use1-az2': 1,
      });
      expect(await store.listAutoshifts(ACCOUNT_A, 'us-east-1')).toHaveLength(
        1,
      );

      // The shift was canceled, and ARC no longer lists the autoshift.
      await store.applyArcRegion(
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
      cluster = (await store.getCluster(alpha.arn))!;
      expect(cluster.shiftState).toBe('unknown');
      expect(cluster.activeShift).toBeUndefined();
      expect(await store.getArcResource(alpha.arn)).toBeUndefined();
      expect(await store.listAutoshifts(ACCOUNT_A, 'us-east-1')).toEqual([]);
      const history = await store.listShiftsOfCluster(alpha.arn, 10);
      expect(history.map(s => [s.zonalShiftId, s.status])).toEqual([
        ['shift-2', 'EXPIRED'],
        ['shift-1', 'CANCELED'],
      ]);
      expect(history[1].firstSeenAt).toBe(T0);
      expect(history[1].lastSeenAt).toBe(T1);

      // A region read without the shift keeps it in the history.
      await store.applyArcRegion(
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
      const fleetHistory = await store.listShifts(
        { types: ['ZONAL_SHIFT'], since: T0 },
        ALL,
      );
      expect(fleetHistory.totalCount).toBe(1);
      expect(fleetHistory.items[0].status).toBe('CANCELED');
      expect(
        (await store.listShifts({ since: T1 }, ALL)).items.map(
          s => s.zonalShiftId,
        ),
      ).toEqual(['shift-2']);
      expect(
        (await store.listShifts({ statuses: ['ACTIVE'] }, ALL)).totalCount,
      ).toBe(0);
      expect(
        (
          await store.listShifts(
            { clusterArns: [alpha.arn] },
            { limit: 1, offset: 1 },
          )
        ).items.map(s => s.zonalShiftId),
      ).toEqual(['shift-1']);
    });

    it('serves the after-shift N-1 as soon as a shift is stored, by ARC ingestion or by the portal’s action, and filters and sorts by it', async () => {
      const knex = await databases.init(databaseId);
      const store = await FleetStore.create({ getClient: async () => knex });
      const actions = new ActionStore(knex);
      const [alpha, beta] = [ref('alpha'), ref('beta')];
      await store.applyInventory(
        'aws-config',
        [inventory(alpha), inventory(beta)],
        T0,
      );
      const read = (at: string) => ({
        source: 'kubernetes',
        clusterArn: alpha.arn,
        startedAt: at,
        finishedAt: at,
        ok: true,
        durationMs: 1,
      });
      // 4000m per AZ, 3000m requested: either AZ can be lost.
      await store.applyKubernetesSnapshot(
        snapshot(alpha.arn, T0, 3000),
        read(T0),
      );
      await store.applyKubernetesSnapshot(
        { ...snapshot(beta.arn, T0, 1000), arn: beta.arn },
        { ...read(T0), clusterArn: beta.arn },
      );
      const documents = async () => {
        const docs = (await store.getClusterDocuments(alpha.arn))!;
        return {
          summary: JSON.parse(docs.summary),
          detail: JSON.parse(docs.detail),
        };
      };
      const filtered = async (verdict: 'survives' | 'at-risk') =>
        (
          await store.listClusterDocuments({
            filter: { verdicts: [verdict] },
            sort: byName,
            page: ALL,
          })
        ).items.map(i => i.arn);
      const byVerdict = async () =>
        (
          await store.listClusterDocuments({
            filter: {},
            sort: { field: 'verdict', order: 'desc' },
            page: ALL,
          })
        ).items.map(i => i.arn);
      expect((await documents()).summary.survivability.verdict).toBe(
        'survives',
      );
      expect((await documents()).detail.shiftImpact).toBeUndefined();
      // Survives first, ties by ARN.
      expect(await byVerdict()).toEqual([alpha.arn, beta.arn]);

      const a = { name: 'us-east-1a', id: 'use1-az1' };
      const arcState = (shifted: boolean) => ({
        accountId: ACCOUNT_A,
        region: 'us-east-1',
        resources: [],
        shifts: shifted
          ? [shift(alpha)]
          : [shift(alpha, { status: 'CANCELED' as const })],
        autoshifts: [],
        clusterShiftStates: [
          shifted
            ? {
                arn: alpha.arn,
                shiftState: 'zonal-shift' as const,
                activeShift: shift(alpha),
                shiftAwayFrom: a,
              }
            : { arn: alpha.arn, shiftState: 'none' as const },
        ],
      });
      const expectShifted = async () => {
        const { summary, detail } = await documents();
        // Without use1-az1, losing use1-az2 as well leaves nothing.
        expect(summary.survivability).toEqual({
          verdict: 'at-risk',
          reason: expect.stringMatching(
            /^N-1 while traffic is shifted away from us-east-1a \(use1-az1\): computed with that AZ counted as lost/,
          ),
          bindingZone: { name: 'us-east-1b', id: 'use1-az2' },
        });
        // The shift itself leaves 4000m for 3000m; the NodePool allowed only in use1-az1 is blocked.
        expect(detail.shiftImpact).toMatchObject({
          awayFrom: a,
          verdict: 'survives',
          blockedNodePools: ['default'],
        });
        const cluster = (await store.getCluster(alpha.arn))!;
        expect([cluster.verdict, cluster.verdictReason]).toEqual([
          summary.survivability.verdict,
          summary.survivability.reason,
        ]);
        expect(await filtered('at-risk')).toEqual([alpha.arn]);
        expect(await filtered('survives')).toEqual([beta.arn]);
        expect(await byVerdict()).toEqual([beta.arn, alpha.arn]);
        return { summary, detail };
      };

      // ARC ingestion reports the shift.
      await store.applyArcRegion(arcState(true), T1);
      const before = await expectShifted();
      // The next Kubernetes read sees EKS's cordon: nothing changes.
      const cordoned = snapshot(alpha.arn, T1, 3000);
      cordoned.capacity = computeClusterCapacity(
        [
          {
            name: 'node-0',
            zone: a,
            allocatable: { cpuMillicores: 4000, memoryBytes: 8 * 2 ** 30 },
            unschedulable: true,
          },
          {
            name: 'node-1',
            zone: { name: 'us-east-1b', id: 'use1-az2' },
            allocatable: { cpuMillicores: 4000, memoryBytes: 8 * 2 ** 30 },
            unschedulable: false,
          },
        ],
        [
          {
            nodeName: 'node-0',
            phase: 'Running',
            requests: { cpuMillicores: 3000, memoryBytes: 2 ** 30 },
          },
        ],
      );
      cordoned.assessment = assessSurvivability(cordoned.capacity);
      await store.applyKubernetesSnapshot(cordoned, read(T1));
      const after = await expectShifted();
      expect(after.summary.survivability).toEqual(before.summary.survivability);
      expect(after.detail.shiftImpact).toEqual(before.detail.shiftImpact);

      // ARC ends it: back to the snapshot's own N-1 (the cordon is still read).
      await store.applyArcRegion(arcState(false), T2);
      expect((await documents()).summary.survivability.verdict).toBe(
        cordoned.assessment.verdict,
      );
      expect((await documents()).detail.shiftImpact).toBeUndefined();
      await store.applyKubernetesSnapshot(
        snapshot(alpha.arn, T2, 3000),
        read(T2),
      );
      expect(await filtered('survives')).toEqual([alpha.arn, beta.arn]);

      // The portal's own start, stored before any refresh.
      const started = shift(alpha, { zonalShiftId: 'shift-9', startTime: T2 });
      await actions.recordOutcome(
        {
          audit: {
            id: 'audit-1',
            time: T2,
            actor: 'user:default/jane',
            action: 'shift.start',
            cluster: alpha,
            inputs: { awayFrom: 'use1-az1', expiresIn: '1h' },
            outcome: 'success',
          },
          shift: started,
        },
        new Date(T2),
      );
      await expectShifted();
    });

    it('replaces Resilience Hub apps per account and region and serves the lowest score', async () => {
      const store = await createStore(databaseId);
      const alpha = ref('alpha');
      await store.applyInventory('aws-config', [inventory(alpha)], T0);
      const app = (
        name: string,
        score: number | undefined,
        accountId = ACCOUNT_A,
      ) => ({
        appArn: `arn:aws:resiliencehub:us-east-1:${accountId}:app/${name}`,
        accountId,
        region: 'us-east-1',
        name,
        resiliencyScore: score,
        complianceStatus: 'PolicyMet',
        azCompliance: { complianceStatus: 'PolicyMet', currentRtoInSecs: 300 },
        clusterArns: [alpha.arn],
      });
      await store.applyResilienceApps(
        ACCOUNT_A,
        'us-east-1',
        [app('payments', 78.5), app('old', 12)],
        T0,
      );
      await store.applyResilienceApps(
        ACCOUNT_B,
        'us-east-1',
        [app('shared', 64.25, ACCOUNT_B)],
        T0,
      );
      expect((await store.getCluster(alpha.arn))?.resilienceScore).toBe(12);

      await store.applyResilienceApps(
        ACCOUNT_A,
        'us-east-1',
        [app('payments', 78.5)],
        T1,
      );
      expect((await store.getCluster(alpha.arn))?.resilienceScore).toBe(64.25);
      const apps = await store.listResilienceAppsOfCluster(alpha.arn);
      expect(apps.map(a => [a.name, a.resiliencyScore])).toEqual([
        ['payments', 78.5],
        ['shared', 64.25],
      ]);
      expect(apps[0].azCompliance).toEqual({
        complianceStatus: 'PolicyMet',
        currentRtoInSecs: 300,
      });
    });

    it('keeps the last success of a fleet-wide source across failures', async () => {
      const store = await createStore(databaseId);
      await store.recordRefreshResult({
        source: 'arc:111122223333/us-east-1',
        startedAt: T0,
        finishedAt: T0,
        ok: true,
        durationMs: 40,
      });
      await store.recordRefreshResult({
        source: 'arc:111122223333/us-east-1',
        startedAt: T1,
        finishedAt: T1,
        ok: false,
        errorMessage: 'ThrottlingException',
        durationMs: 900,
      });
      expect(await store.listRefreshResults({})).toEqual([
        {
          source: 'arc:111122223333/us-east-1',
          clusterArn: undefined,
          startedAt: T1,
          finishedAt: T1,
          ok: false,
          lastSuccessAt: T0,
          errorMessage: 'ThrottlingException',
          durationMs: 900,
        },
      ]);
    });

    it('records EKS details and the account zone map', async () => {
      const store = await createStore(databaseId);
      const alpha = ref('alpha');
      await store.applyInventory('aws-config', [inventory(alpha)], T0);
      await store.applyEksDetails(
        [
          {
            arn: alpha.arn,
            zonalShiftEnabled: false,
            platformVersion: 'eks.5',
          },
        ],
        T1,
      );
      const cluster = (await store.getCluster(alpha.arn))!;
      expect(cluster.zonalShiftEnabled).toBe(false);
      expect(cluster.eksCheckedAt).toBe(T1);
      expect(cluster.platformVersion).toBe('eks.5');

      await store.upsertAccountZones(
        [
          {
            accountId: ACCOUNT_A,
            region: 'us-east-1',
            zone: { name: 'us-east-1a', id: 'use1-az1' },
          },
          {
            accountId: ACCOUNT_B,
            region: 'us-east-1',
            zone: { name: 'us-east-1a', id: 'use1-az4' },
          },
        ],
        T0,
      );
      expect(await store.listAccountZones(ACCOUNT_B, 'us-east-1')).toEqual([
        { name: 'us-east-1a', id: 'use1-az4' },
      ]);
    });

    it('appends audit events and lists them newest first', async () => {
      const knex = await databases.init(databaseId);
      const store = await ActionStore.create({ getClient: async () => knex });
      const alpha = ref('alpha');
      const event = (id: string, time: string) => ({
        id,
        time,
        actor: 'user:default/jane',
        action: 'shift.start' as const,
        cluster: alpha,
        inputs: { awayFrom: 'use1-az1', expiresIn: '1h' },
        outcome: 'denied' as const,
        errorMessage: 'not allowed',
      });
      await store.appendAuditEvent(event('a', T0));
      await store.appendAuditEvent(event('b', T1));
      // Append-only: an event with a known ID is refused, the first one kept.
      const duplicate = await store.appendAuditEvent(event('a', T2)).then(
        () => 'stored',
        () => 'refused',
      );
      expect(duplicate).toBe('refused');
      const { items, totalCount } = await store.listAuditEvents(
        { clusterArns: [alpha.arn] },
        ALL,
      );
      expect(totalCount).toBe(2);
      expect(items.map(e => e.id)).toEqual(['b', 'a']);
      expect(items[0]).toEqual(event('b', T1));
      expect(items[1]).toEqual(event('a', T0));
    });
  });
});
