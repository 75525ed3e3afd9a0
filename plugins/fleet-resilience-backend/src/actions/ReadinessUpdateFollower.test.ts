/**
 * The follower of EKS updates on a real database (SQLite and PostgreSQL):
 * two replicas following the same update finish it once (one audit outcome,
 * one row written); a new instance (a restart) picks up what was left in
 * progress; an update still running is left for the next pass.
 */
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import type { EksClusterUpdate } from '@fleet-resilience/plugin-fleet-resilience-node';
import { AuditStore } from '../database/AuditStore';
import { openStores, ref, T0 } from '../database/__testUtils__/storeFixtures';
import { ReadinessRecords } from './readinessRecords';
import { ReadinessUpdateFollower } from './ReadinessUpdateFollower';

jest.setTimeout(60_000);

const databases = TestDatabases.create();
const CLUSTER = ref('alpha');
const INTENT = {
  id: 'intent-1',
  time: T0,
  actor: 'user:default/pat',
  action: 'readiness.zonal-shift.enable' as const,
  cluster: CLUSTER,
  inputs: { fix: 'enable-zonal-shift', comment: 'ready' },
  outcome: 'pending' as const,
  channel: 'portal' as const,
};
const update = (status: EksClusterUpdate['status']): EksClusterUpdate => ({
  id: 'update-1',
  type: 'ZonalShiftConfigUpdate',
  status,
  createdAt: T0,
  errors: status === 'Failed' ? ['InsufficientFreeAddresses: no IPs'] : [],
});

describe.each(databases.eachSupportedId())(
  'ReadinessUpdateFollower on %p',
  databaseId => {
    async function started() {
      const { knex } = await openStores(databases, databaseId);
      const audit = new AuditStore(knex);
      await audit.append(INTENT);
      await new ReadinessRecords(knex).record(
        {
          cluster: CLUSTER,
          startedUpdate: {
            update: update('InProgress'),
            actor: INTENT.actor,
            auditEventId: INTENT.id,
          },
        },
        new Date(T0),
      );
      return { knex, audit };
    }

    function follower(
      knex: Knex,
      status: EksClusterUpdate['status'],
      redescribe = jest.fn(async () => {}),
    ) {
      return {
        redescribe,
        follower: new ReadinessUpdateFollower({
          records: new ReadinessRecords(knex),
          eksUpdates: { describeUpdate: jest.fn(async () => update(status)) },
          redescribe,
          publisher: { signal: jest.fn(async () => {}) },
          logger: mockServices.logger.mock(),
        }),
      };
    }

    it('two replicas finish a Successful update once: one outcome, the cluster described again', async () => {
      const { knex, audit } = await started();
      const a = follower(knex, 'Successful');
      const b = follower(knex, 'Successful');
      const passes = await Promise.all([
        a.follower.followPending(),
        b.follower.followPending(),
      ]);
      expect(passes.map(p => p.finished).sort()).toEqual([0, 1]);
      expect([
        ...a.redescribe.mock.calls,
        ...b.redescribe.mock.calls,
      ]).toContainEqual([CLUSTER]);
      const { items } = await audit.list({}, { limit: 10, offset: 0 });
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        id: INTENT.id,
        outcome: 'success',
        inputs: {
          comment: 'ready',
          updateId: 'update-1',
          updateStatus: 'Successful',
        },
      });
      expect(await new ReadinessRecords(knex).inProgress(10)).toEqual([]);
    });

    it('leaves an update in progress for the next pass, and a restarted follower finishes a Failed one with its errors', async () => {
      const { knex, audit } = await started();
      const running = follower(knex, 'InProgress');
      expect(await running.follower.followPending()).toEqual({
        finished: 0,
        inProgress: 1,
        left: 0,
      });
      // A new instance on the same rows: nothing was lost.
      const restarted = follower(knex, 'Failed');
      expect((await restarted.follower.followPending()).finished).toBe(1);
      expect(restarted.redescribe).not.toHaveBeenCalled();
      const { items } = await audit.list({}, { limit: 10, offset: 0 });
      expect(items[0]).toMatchObject({
        outcome: 'failure',
        errorMessage:
          'EKS update update-1 ended Failed: InsufficientFreeAddresses: no IPs',
      });
      expect(
        await new ReadinessRecords(knex).latest(CLUSTER.arn),
      ).toMatchObject({
        status: 'Failed',
        errors: ['InsufficientFreeAddresses: no IPs'],
      });
    });

    it('ends an update EKS no longer knows as Failed instead of asking again forever', async () => {
      const { knex, audit } = await started();
      const gone = Object.assign(
        new Error('EKS update update-1 of the cluster could not be described'),
        {
          name: 'ResourceNotFoundException',
          cause: new Error('No update found for ID: update-1'),
        },
      );
      const lost = new ReadinessUpdateFollower({
        records: new ReadinessRecords(knex),
        eksUpdates: {
          describeUpdate: jest.fn(async () => {
            throw gone;
          }),
        },
        redescribe: jest.fn(async () => {}),
        publisher: { signal: jest.fn(async () => {}) },
        logger: mockServices.logger.mock(),
      });
      expect((await lost.followPending()).finished).toBe(1);
      const { items } = await audit.list({}, { limit: 10, offset: 0 });
      expect(items[0]).toMatchObject({
        outcome: 'failure',
        errorMessage:
          'EKS update update-1 ended Failed: EKS no longer knows this update: ResourceNotFoundException: No update found for ID: update-1',
      });
      expect(await new ReadinessRecords(knex).inProgress(10)).toEqual([]);
    });

    it('leaves an update for the next pass when EKS fails to answer', async () => {
      const { knex } = await started();
      const flaky = new ReadinessUpdateFollower({
        records: new ReadinessRecords(knex),
        eksUpdates: {
          describeUpdate: jest.fn(async () => {
            throw Object.assign(new Error('timeout'), { name: 'TimeoutError' });
          }),
        },
        redescribe: jest.fn(async () => {}),
        publisher: { signal: jest.fn(async () => {}) },
        logger: mockServices.logger.mock(),
      });
      expect(await flaky.followPending()).toEqual({
        finished: 0,
        inProgress: 0,
        left: 1,
      });
      expect(await new ReadinessRecords(knex).inProgress(10)).toHaveLength(1);
    });
  },
);
