import { TestDatabases } from '@backstage/backend-test-utils';
import { ALL_CLUSTERS } from './clusterAccessSql';
import {
  assessSurvivability,
  computeClusterCapacity,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { shiftStateAfterAction } from '../domain/shiftStateAfterAction';
import { writeActionShift } from './arcState';
import { rebuildDocuments } from './rebuildDocuments';
import {
  openStores,
  T0,
  T1,
  T2,
  ACCOUNT_A,
  ref,
  inventory,
  snapshot,
  shift,
  ALL,
  byName,
} from './__testUtils__/storeFixtures';

jest.setTimeout(60_000);

const databases = TestDatabases.create();

describe('rebuildDocuments (the documents and the verdict columns)', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('serves the after-shift N-1 as soon as a shift is stored, by ARC ingestion or by the portal’s action, and filters and sorts by it', async () => {
      const { knex, stores } = await openStores(databases, databaseId, 10);
      const [alpha, beta] = [ref('alpha'), ref('beta')];
      await stores.inventory.applyInventory(
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
      await stores.kubernetes.applyKubernetesSnapshot(
        snapshot(alpha.arn, T0, 3000),
        read(T0),
      );
      await stores.kubernetes.applyKubernetesSnapshot(
        { ...snapshot(beta.arn, T0, 1000), arn: beta.arn },
        { ...read(T0), clusterArn: beta.arn },
      );
      const documents = async () => {
        const docs = (await stores.clusters.getClusterDocuments(
          alpha.arn,
          ALL_CLUSTERS,
        ))!;
        return {
          summary: JSON.parse(docs.summary),
          detail: JSON.parse(docs.detail),
        };
      };
      const filtered = async (verdict: 'survives' | 'at-risk') =>
        (
          await stores.clusters.listClusterDocuments(
            { filter: { verdicts: [verdict] }, sort: byName, page: ALL },
            ALL_CLUSTERS,
          )
        ).items.map(i => i.arn);
      const byVerdict = async () =>
        (
          await stores.clusters.listClusterDocuments(
            {
              filter: {},
              sort: { field: 'verdict', order: 'desc' },
              page: ALL,
            },
            ALL_CLUSTERS,
          )
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
        const cluster = (await stores.clusters.getCluster(alpha.arn))!;
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
      await stores.arc.applyArcRegion(arcState(true), T1);
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
      await stores.kubernetes.applyKubernetesSnapshot(cordoned, read(T1));
      const after = await expectShifted();
      expect(after.summary.survivability).toEqual(before.summary.survivability);
      expect(after.detail.shiftImpact).toEqual(before.detail.shiftImpact);

      // ARC ends it: back to the snapshot's own N-1 (the cordon is still read).
      await stores.arc.applyArcRegion(arcState(false), T2);
      expect((await documents()).summary.survivability.verdict).toBe(
        cordoned.assessment.verdict,
      );
      expect((await documents()).detail.shiftImpact).toBeUndefined();
      await stores.kubernetes.applyKubernetesSnapshot(
        snapshot(alpha.arn, T2, 3000),
        read(T2),
      );
      expect(await filtered('survives')).toEqual([alpha.arn, beta.arn]);

      // The portal's own start, stored before any refresh.
      const started = shift(alpha, { zonalShiftId: 'shift-9', startTime: T2 });
      // As the actions' store writes it: the shift and the cluster's state
      // through arcState, then the documents, in one transaction.
      await knex.transaction(async tx => {
        await writeActionShift(tx, {
          shift: started,
          action: 'shift.start',
          seenAt: T2,
          decide: ({ cluster, resource, storedShifts, autoshifts }) =>
            shiftStateAfterAction({
              cluster: { ...cluster.ref, zones: cluster.zones },
              resource,
              storedShifts,
              changed: started,
              activeAutoshifts: autoshifts.filter(
                autoshift => autoshift.status === 'ACTIVE',
              ),
            }),
        });
        await rebuildDocuments(tx, [alpha.arn]);
      });
      await expectShifted();
    });
  });
});
