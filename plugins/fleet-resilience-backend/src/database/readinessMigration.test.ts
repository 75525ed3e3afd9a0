import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';

jest.setTimeout(60_000);

const databases = TestDatabases.create();
const directory = resolvePackagePath(
  '@fleet-resilience/plugin-fleet-resilience-backend',
  'migrations',
);

describe('the readiness migration', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('adds the readiness columns and tables, defaults existing clusters to unknown, and goes down again', async () => {
      const knex = await databases.init(databaseId);
      const [, pending] = await knex.migrate.list({ directory });
      const names: string[] = pending.map((m: { file: string }) => m.file);
      const readiness = names.indexOf('20261207000600_readiness.js');
      expect(readiness).toBeGreaterThan(0);
      for (let i = 0; i < readiness; i++) {
        await knex.migrate.up({ directory });
      }
      const now = '2026-12-07T10:00:00.000Z';
      await knex('clusters').insert({
        arn: 'arn:aws:eks:us-east-1:111111111111:cluster/old',
        account_id: '111111111111',
        region: 'us-east-1',
        name: 'old',
        source_id: 'static',
        tags: '{}',
        first_seen_at: now,
        last_seen_at: now,
      });

      await knex.migrate.up({ directory });

      const [cluster] = await knex('clusters').select(
        'readiness',
        'readiness_rank',
        'readiness_score',
        'workloads_at_risk',
        'single_replica_workloads',
      );
      expect(cluster).toEqual({
        readiness: 'unknown',
        readiness_rank: 2,
        readiness_score: 0,
        workloads_at_risk: 0,
        single_replica_workloads: 0,
      });
      await knex('cluster_readiness_checks').insert({
        cluster_arn: 'arn:aws:eks:us-east-1:111111111111:cluster/old',
        check_id: 'zonal-shift',
        verdict: 'fail',
      });
      // One row per cluster and check: an upsert on the primary key (both
      // engines refuse ON CONFLICT on columns without a unique constraint).
      await knex('cluster_readiness_checks')
        .insert({
          cluster_arn: 'arn:aws:eks:us-east-1:111111111111:cluster/old',
          check_id: 'zonal-shift',
          verdict: 'pass',
        })
        .onConflict(['cluster_arn', 'check_id'])
        .merge();
      expect(
        await knex('cluster_readiness_checks').select('check_id', 'verdict'),
      ).toEqual([{ check_id: 'zonal-shift', verdict: 'pass' }]);
      await knex('readiness_updates').insert({
        update_id: 'u-1',
        cluster_arn: 'arn:aws:eks:us-east-1:111111111111:cluster/old',
        account_id: '111111111111',
        region: 'us-east-1',
        cluster_name: 'old',
        update_type: 'ZonalShiftConfigUpdate',
        status: 'InProgress',
        started_at: now,
        actor: 'user:default/jane',
      });
      expect(
        await knex('readiness_updates').select(
          'errors',
          'finished_at',
          'audit_event_id',
        ),
      ).toEqual([{ errors: null, finished_at: null, audit_event_id: null }]);
      for (const [table, column] of [
        ['capacity_snapshots', 'workload_readiness'],
        ['arc_resources', 'practice_run_configuration'],
        ['shifts', 'practice_run_outcome'],
      ]) {
        expect(await knex.schema.hasColumn(table, column)).toBe(true);
      }

      await knex.migrate.down({ directory });

      expect(await knex.schema.hasTable('readiness_updates')).toBe(false);
      expect(await knex.schema.hasTable('cluster_readiness_checks')).toBe(
        false,
      );
      expect(await knex.schema.hasColumn('clusters', 'readiness')).toBe(false);
      expect(
        await knex.schema.hasColumn('shifts', 'practice_run_outcome'),
      ).toBe(false);
      expect(await knex('clusters').count({ n: '*' })).toEqual([
        { n: expect.anything() },
      ]);
      await knex.migrate.latest({ directory });
      expect(await knex.schema.hasTable('readiness_updates')).toBe(true);
    });
  });
});
