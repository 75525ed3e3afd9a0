import { TestDatabases } from '@backstage/backend-test-utils';
import type {
  PracticeRunConfiguration,
  WorkloadReadiness,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { writeArcResourceSettings } from './arcState';
import { pendingReadinessUpdates } from './readinessChecks';
import { readinessUpdateToRow } from './rows';
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

const CONFIGURATION: PracticeRunConfiguration = {
  outcomeAlarms: [
    {
      type: 'CLOUDWATCH',
      alarmIdentifier:
        'arn:aws:cloudwatch:us-east-1:111122223333:alarm:checkout-5xx',
    },
  ],
  blockedWindows: ['Mon:09:00-Mon:17:00'],
  blockedDates: ['2026-12-24'],
};

const WORKLOADS: WorkloadReadiness = {
  workloadCount: 2,
  atRiskCount: 1,
  singleReplicaCount: 0,
  noZoneSpreadCount: 1,
  atRisk: [
    {
      kind: 'Deployment',
      namespace: 'shop',
      name: 'cart',
      desiredReplicas: 3,
      readyReplicas: 3,
      readyByZone: { 'us-east-1a': 3 },
      risks: ['one-zone', 'zone-loss-below-budget', 'no-zone-spread'],
      worstZone: 'us-east-1a',
      leftAfterWorstZone: 0,
      required: 2,
      requiredFrom: 'half-of-desired',
      reason: '3 of 3 ready replicas in us-east-1a',
    },
  ],
  truncated: false,
  dns: { autoscaler: 'hpa' },
  unknownOwnerPods: 0,
  unreadable: [],
};

describe('the readiness facts in the store', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('keeps ARC’s practice-run configuration and each practice run’s outcome, updated by the next read', async () => {
      const { knex, stores } = await openStores(databases, databaseId);
      const alpha = ref('alpha');
      await stores.inventory.applyInventory(
        'aws-config',
        [inventory(alpha)],
        T0,
      );
      const region = (outcome: 'PENDING' | 'SUCCEEDED') => ({
        accountId: ACCOUNT_A,
        region: 'us-east-1',
        resources: [
          {
            arn: alpha.arn,
            accountId: ACCOUNT_A,
            region: 'us-east-1',
            availabilityZones: ['use1-az1', 'use1-az2'],
            appliedWeights: {},
            zonalAutoshiftStatus: 'ENABLED' as const,
            practiceRunStatus: 'ENABLED' as const,
            practiceRunConfiguration: CONFIGURATION,
          },
        ],
        shifts: [
          shift(alpha, {
            zonalShiftId: 'practice-1',
            shiftType: 'PRACTICE_RUN',
            practiceRunOutcome: outcome,
            status: outcome === 'PENDING' ? 'ACTIVE' : 'EXPIRED',
          }),
          shift(alpha, { zonalShiftId: 'customer-1', status: 'EXPIRED' }),
        ],
        autoshifts: [],
        clusterShiftStates: [{ arn: alpha.arn, shiftState: 'none' as const }],
      });
      await stores.arc.applyArcRegion(region('PENDING'), T0);
      expect(
        (await stores.arc.getArcResource(alpha.arn))?.practiceRunConfiguration,
      ).toEqual(CONFIGURATION);
      const outcomes = async () =>
        (await stores.arc.listShiftsOfCluster(alpha.arn, 10))
          .map(s => [s.zonalShiftId, s.practiceRunOutcome])
          .sort();
      expect(await outcomes()).toEqual([
        ['customer-1', undefined],
        ['practice-1', 'PENDING'],
      ]);

      await stores.arc.applyArcRegion(region('SUCCEEDED'), T1);
      expect(await outcomes()).toEqual([
        ['customer-1', undefined],
        ['practice-1', 'SUCCEEDED'],
      ]);

      // A readiness fix writes ARC's answer over the stored resource.
      expect(
        await knex.transaction(tx =>
          writeArcResourceSettings(
            tx,
            alpha.arn,
            { zonalAutoshiftStatus: 'DISABLED' },
            T1,
          ),
        ),
      ).toBe(true);
      const resource = await stores.arc.getArcResource(alpha.arn);
      expect(resource?.zonalAutoshiftStatus).toBe('DISABLED');
      expect(resource?.practiceRunConfiguration).toEqual(CONFIGURATION);
      expect(
        await writeArcResourceSettings(
          knex,
          ref('unknown').arn,
          { zonalAutoshiftStatus: 'ENABLED' },
          T1,
        ),
      ).toBe(false);
    });

    it('keeps each snapshot’s assessed workloads; a snapshot read without them has none', async () => {
      const { stores } = await openStores(databases, databaseId);
      const alpha = ref('alpha');
      await stores.inventory.applyInventory(
        'aws-config',
        [inventory(alpha)],
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
      await stores.kubernetes.applyKubernetesSnapshot(
        { ...snapshot(alpha.arn, T0, 1000), workloads: WORKLOADS },
        read(T0),
      );
      expect(
        (await stores.kubernetes.getLatestSnapshot(alpha.arn))?.workloads,
      ).toEqual(WORKLOADS);
      await stores.kubernetes.applyKubernetesSnapshot(
        snapshot(alpha.arn, T1, 1000),
        read(T1),
      );
      expect(
        (await stores.kubernetes.getLatestSnapshot(alpha.arn))?.workloads,
      ).toBeUndefined();
    });

    it('shows a cluster’s latest EKS update while it is in progress, or for a day after it failed; none once the latest succeeded', async () => {
      const { knex } = await openStores(databases, databaseId);
      const [a, b, c, d] = ['a', 'b', 'c', 'd'].map(name => ref(name));
      const now = new Date('2026-12-07T12:00:00.000Z');
      const hoursAgo = (h: number) =>
        new Date(now.getTime() - h * 3_600_000).toISOString();
      const update = (
        cluster: typeof a,
        id: string,
        status: string,
        startedHoursAgo: number,
        finishedHoursAgo?: number,
      ) =>
        readinessUpdateToRow({
          updateId: id,
          cluster,
          type: 'ZonalShiftConfigUpdate',
          status,
          startedAt: hoursAgo(startedHoursAgo),
          ...(finishedHoursAgo !== undefined
            ? { finishedAt: hoursAgo(finishedHoursAgo) }
            : {}),
          ...(status === 'Failed' ? { errors: ['\u0000bad'] } : {}),
          actor: 'user:default/jane',
        });
      await knex('readiness_updates').insert([
        // a: in progress for two days (still followed), shown.
        update(a, 'a-1', 'InProgress', 48),
        // b: failed an hour ago after an older success: shown.
        update(b, 'b-1', 'Successful', 30, 29),
        update(b, 'b-2', 'Failed', 2, 1),
        // c: failed 25 hours ago: no longer shown.
        update(c, 'c-1', 'Failed', 26, 25),
        // d: failed, then succeeded: nothing pending.
        update(d, 'd-1', 'Failed', 3, 2),
        update(d, 'd-2', 'Successful', 1, 0.5),
      ]);
      const pending = await pendingReadinessUpdates(
        knex,
        [a, b, c, d].map(r => r.arn),
        now,
      );
      expect([...pending.keys()].sort()).toEqual([a.arn, b.arn]);
      expect(pending.get(a.arn)).toMatchObject({
        updateId: 'a-1',
        status: 'InProgress',
      });
      expect(pending.get(b.arn)).toEqual({
        updateId: 'b-2',
        cluster: b,
        type: 'ZonalShiftConfigUpdate',
        status: 'Failed',
        errors: ['\uFFFDbad'],
        startedAt: hoursAgo(2),
        finishedAt: hoursAgo(1),
        actor: 'user:default/jane',
      });
    });
  });
});
