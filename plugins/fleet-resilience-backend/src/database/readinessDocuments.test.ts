import { TestDatabases } from '@backstage/backend-test-utils';
import {
  READINESS_CHECK_IDS,
  readinessSummaryOf,
  type FleetClusterDetail,
  type FleetClusterSummary,
  type WorkloadAssessment,
  type WorkloadFacts,
  type WorkloadReadiness,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { ClusterFilter, ClusterSortField } from '../domain/records';
import { ALL_CLUSTERS, type ClusterAccess } from './clusterAccessSql';
import { rebuildDocuments } from './rebuildDocuments';
import { readinessUpdateToRow } from './rows';
import {
  ACCOUNT_A,
  ALL,
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

const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

const COREDNS: WorkloadFacts = {
  kind: 'Deployment',
  namespace: 'kube-system',
  name: 'coredns',
  desiredReplicas: 3,
  readyByZone: { 'us-east-1a': 1, 'us-east-1b': 1, 'us-east-1c': 1 },
  readyWithoutZone: 0,
  podCount: 3,
  zoneSpread: 'topology-spread',
};

function flagged(
  name: string,
  risks: WorkloadAssessment['risks'],
): WorkloadAssessment {
  return {
    kind: 'Deployment',
    namespace: 'shop',
    name,
    desiredReplicas: risks.includes('single-replica') ? 1 : 3,
    readyReplicas: 3,
    readyByZone: { [ZONES[0]]: 3 },
    risks,
    leftAfterWorstZone: 0,
    required: 2,
    requiredFrom: 'half-of-desired',
    reason: `${name} is flagged`,
  };
}

/** Workloads as `assessWorkloads` would answer: `atRisk` one-zone ones, `single` single-replica ones. */
function workloads(atRisk: number, single: number): WorkloadReadiness {
  const list = [
    ...Array.from({ length: atRisk }, (_, i) =>
      flagged(`risky-${i}`, ['one-zone', 'zone-loss-below-budget']),
    ),
    ...Array.from({ length: single }, (_, i) =>
      flagged(`single-${i}`, ['single-replica']),
    ),
  ];
  return {
    workloadCount: 10,
    atRiskCount: atRisk,
    singleReplicaCount: single,
    noZoneSpreadCount: 0,
    atRisk: list,
    truncated: false,
    dns: { workload: COREDNS, autoscaler: 'hpa' },
    unknownOwnerPods: 0,
    unreadable: [],
  };
}

const CONFIGURATION = {
  outcomeAlarms: [
    {
      type: 'CLOUDWATCH' as const,
      alarmIdentifier:
        'arn:aws:cloudwatch:us-east-1:111122223333:alarm:checkout-5xx',
    },
  ],
};

describe('the documents and columns of AZ readiness', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('derives each cluster’s readiness from its stored parts, and lists, filters, sorts and counts by it in SQL', async () => {
      const { knex, stores } = await openStores(databases, databaseId);
      // ready: everything set up; notReady: zonal shift off and workloads
      // at risk; unknown: nothing read but the inventory.
      const [ready, notReady, unknown] = [
        ref('ready'),
        ref('not-ready'),
        ref('unknown'),
      ];
      await stores.inventory.applyInventory(
        'aws-config',
        [
          inventory(ready),
          inventory(notReady, { owner: 'team-b', tags: { owner: 'team-b' } }),
          inventory(unknown),
        ],
        T0,
      );
      await stores.inventory.applyEksDetails(
        [
          { arn: ready.arn, zonalShiftEnabled: true },
          { arn: notReady.arn, zonalShiftEnabled: false },
        ],
        T0,
      );
      await stores.arc.applyArcRegion(
        {
          accountId: ACCOUNT_A,
          region: 'us-east-1',
          resources: [
            {
              arn: ready.arn,
              accountId: ACCOUNT_A,
              region: 'us-east-1',
              availabilityZones: ['use1-az1', 'use1-az2'],
              appliedWeights: {},
              zonalAutoshiftStatus: 'ENABLED',
              practiceRunStatus: 'ENABLED',
              practiceRunConfiguration: CONFIGURATION,
            },
          ],
          shifts: [
            shift(ready, {
              zonalShiftId: 'practice-old',
              shiftType: 'PRACTICE_RUN',
              status: 'EXPIRED',
              practiceRunOutcome: 'FAILED',
              startTime: '2026-11-01T08:00:00.000Z',
            }),
            shift(ready, {
              zonalShiftId: 'practice-new',
              shiftType: 'PRACTICE_RUN',
              status: 'EXPIRED',
              practiceRunOutcome: 'SUCCEEDED',
              startTime: '2026-11-15T08:00:00.000Z',
            }),
          ],
          autoshifts: [],
          clusterShiftStates: [ready, notReady, unknown].map(c => ({
            arn: c.arn,
            shiftState: 'none' as const,
          })),
        },
        T0,
      );
      const read = (arn: string) => ({
        source: 'kubernetes',
        clusterArn: arn,
        startedAt: T1,
        finishedAt: T1,
        ok: true,
        durationMs: 1,
      });
      await stores.kubernetes.applyKubernetesSnapshot(
        { ...snapshot(ready.arn, T1, 1000), workloads: workloads(0, 0) },
        read(ready.arn),
      );
      await stores.kubernetes.applyKubernetesSnapshot(
        { ...snapshot(notReady.arn, T1, 1000), workloads: workloads(2, 1) },
        read(notReady.arn),
      );

      const documents = async (arn: string) => {
        const docs = (await stores.clusters.getClusterDocuments(
          arn,
          ALL_CLUSTERS,
        ))!;
        return {
          summary: JSON.parse(docs.summary) as FleetClusterSummary,
          detail: JSON.parse(docs.detail) as FleetClusterDetail,
        };
      };
      const readyDocs = await documents(ready.arn);
      const readiness = readyDocs.detail.readiness!;
      expect(readiness.checks.map(c => [c.id, c.verdict])).toEqual(
        READINESS_CHECK_IDS.map(id => [id, 'pass']),
      );
      expect(readiness.verdict).toBe('ready');
      expect(readiness.practiceRunConfiguration).toEqual(CONFIGURATION);
      expect(readiness.recentPracticeRuns.map(r => r.outcome)).toEqual([
        'SUCCEEDED',
        'FAILED',
      ]);
      expect(readyDocs.summary.readiness).toEqual(
        readinessSummaryOf(readiness),
      );
      // The practice runs' outcomes are in the detail's shifts too.
      expect(
        readyDocs.detail.pastShifts.map(s => [
          s.zonalShiftId,
          s.practiceRunOutcome,
        ]),
      ).toEqual([
        ['practice-new', 'SUCCEEDED'],
        ['practice-old', 'FAILED'],
      ]);
      const notReadyDocs = await documents(notReady.arn);
      expect(notReadyDocs.summary.readiness).toMatchObject({
        verdict: 'not-ready',
        workloadsAtRisk: 2,
      });
      expect(notReadyDocs.summary.readiness?.failing).toEqual(
        expect.arrayContaining(['zonal-shift', 'workload-spread']),
      );
      expect((await documents(unknown.arn)).summary.readiness?.verdict).toBe(
        'unknown',
      );

      const names = async (
        filter: ClusterFilter,
        sort: { field: ClusterSortField; order: 'asc' | 'desc' } = {
          field: 'name',
          order: 'asc',
        },
      ) =>
        (
          await stores.clusters.listClusterDocuments(
            { filter, sort, page: ALL },
            ALL_CLUSTERS,
          )
        ).items.map(item => item.arn.split('/')[1]);
      expect(await names({ readiness: ['ready'] })).toEqual(['ready']);
      expect(await names({ readiness: ['not-ready', 'unknown'] })).toEqual([
        'not-ready',
        'unknown',
      ]);
      expect(await names({ checks: ['zonal-shift'] })).toEqual(['not-ready']);
      expect(await names({ checks: ['single-replica'] })).toEqual([
        'not-ready',
      ]);
      // A check that is unknown (never read) does not fail or warn.
      expect(await names({ checks: ['capacity-n-1'] })).toEqual([]);
      expect(
        await names({ checks: ['zonal-shift'], readiness: ['ready'] }),
      ).toEqual([]);
      expect(await names({}, { field: 'readiness', order: 'asc' })).toEqual([
        'not-ready',
        'unknown',
        'ready',
      ]);
      expect(await names({}, { field: 'readiness', order: 'desc' })).toEqual([
        'ready',
        'unknown',
        'not-ready',
      ]);
      // The page query (listClusters) sorts the same way.
      expect(
        (
          await stores.clusters.listClusters(
            {
              filter: {},
              sort: { field: 'readiness', order: 'asc' },
              page: { limit: 1, offset: 1 },
            },
            ALL_CLUSTERS,
          )
        ).items.map(c => c.ref.name),
      ).toEqual(['unknown']);

      const summary = await stores.clusters.readinessSummary({}, ALL_CLUSTERS);
      expect(summary).toMatchObject({
        clusterCount: 3,
        byVerdict: { ready: 1, 'at-risk': 0, 'not-ready': 1, unknown: 1 },
        workloadsAtRisk: 2,
        singleReplicaWorkloads: 1,
      });
      expect(summary.checks['zonal-shift']).toEqual({
        pass: 1,
        warn: 0,
        fail: 1,
        unknown: 1,
      });
      expect(summary.checks['single-replica']).toEqual({
        pass: 1,
        warn: 1,
        fail: 0,
        unknown: 1,
      });
      for (const counts of Object.values(summary.checks)) {
        expect(counts.pass + counts.warn + counts.fail + counts.unknown).toBe(
          3,
        );
      }
      // Filters and the caller's access are in the counting query.
      expect(
        (
          await stores.clusters.readinessSummary(
            { checks: ['zonal-shift'] },
            ALL_CLUSTERS,
          )
        ).byVerdict,
      ).toEqual({ ready: 0, 'at-risk': 0, 'not-ready': 1, unknown: 0 });
      const teamA: ClusterAccess = {
        kind: 'some',
        criteria: { kind: 'owner', ownerRefs: ['group:default/team-a'] },
      };
      const teamASummary = await stores.clusters.readinessSummary({}, teamA);
      expect(teamASummary).toMatchObject({
        clusterCount: 2,
        byVerdict: { ready: 1, 'at-risk': 0, 'not-ready': 0, unknown: 1 },
        workloadsAtRisk: 0,
        singleReplicaWorkloads: 0,
      });
      expect(teamASummary.checks['zonal-shift']).toEqual({
        pass: 1,
        warn: 0,
        fail: 0,
        unknown: 1,
      });

      // Turning zonal shift on rewrites the cluster's check row with its documents.
      await stores.inventory.applyEksDetails(
        [{ arn: notReady.arn, zonalShiftEnabled: true }],
        T1,
      );
      expect(await names({ checks: ['zonal-shift'] })).toEqual([]);
      const rows = await knex('cluster_readiness_checks')
        .where('cluster_arn', notReady.arn)
        .orderBy('check_id');
      expect(rows).toHaveLength(READINESS_CHECK_IDS.length);
      expect(rows.find(r => r.check_id === 'zonal-shift')?.verdict).toBe(
        'pass',
      );

      // A cluster leaving the inventory takes its check rows along.
      await stores.inventory.applyInventory(
        'aws-config',
        [inventory(ready), inventory(notReady, { owner: 'team-b' })],
        T1,
      );
      expect(
        await knex('cluster_readiness_checks').where(
          'cluster_arn',
          unknown.arn,
        ),
      ).toEqual([]);
    });

    it('shows the EKS update the portal follows on the readiness, until it succeeds', async () => {
      const { knex, stores } = await openStores(databases, databaseId);
      const alpha = ref('alpha');
      await stores.inventory.applyInventory(
        'aws-config',
        [inventory(alpha)],
        T0,
      );
      await stores.inventory.applyEksDetails(
        [{ arn: alpha.arn, zonalShiftEnabled: false }],
        T0,
      );
      const row = readinessUpdateToRow({
        updateId: 'update-1',
        cluster: alpha,
        type: 'ZonalShiftConfigUpdate',
        status: 'InProgress',
        startedAt: T1,
        actor: 'user:default/pat',
      });
      const now = new Date('2026-11-22T08:05:00.000Z');
      const pending = async () => {
        const docs = (await stores.clusters.getClusterDocuments(
          alpha.arn,
          ALL_CLUSTERS,
        ))!;
        return (JSON.parse(docs.detail) as FleetClusterDetail).readiness
          ?.pendingUpdate;
      };
      await knex.transaction(async tx => {
        await tx('readiness_updates').insert(row);
        await rebuildDocuments(tx, [alpha.arn], now);
      });
      expect(await pending()).toEqual({
        updateId: 'update-1',
        type: 'ZonalShiftConfigUpdate',
        status: 'InProgress',
        startedAt: T1,
      });
      await knex.transaction(async tx => {
        await tx('readiness_updates')
          .where('update_id', 'update-1')
          .update({ status: 'Successful', finished_at: now.toISOString() });
        await rebuildDocuments(tx, [alpha.arn], now);
      });
      expect(await pending()).toBeUndefined();
    });
  });
});
