/**
 * Two backends on one database: exactly one holds the reconciler (the
 * scheduler's database lock), and the other takes over when it stops.
 */
import { resolve as resolvePath } from 'node:path';
import { TestDatabases, type TestBackend } from '@backstage/backend-test-utils';
import {
  createManualClock,
  SIMULATOR_KUBE_TOKEN,
  startSimulator,
  type RunningSimulator,
} from '@fleet-resilience/fleet-simulator';
import {
  AWAY_ZONES_ANNOTATION,
  fleetClusterPath,
  ORIGINAL_ZONE_REQUIREMENTS_ANNOTATION,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { Knex } from 'knex';
import request from 'supertest';
import { API } from '../__testUtils__/fleetBackend';
import {
  eventually,
  nodePoolSpecs,
  reconciled,
  refreshed,
  startReconcilerBackend,
} from '../reconciler/__testUtils__/reconcilerBackend';

jest.setTimeout(240_000);

const DEMO_FLEET = resolvePath(
  __dirname,
  '../../../../examples/fleets/demo.yaml',
);
const PAYMENTS_USE1 =
  'arn:aws:eks:us-east-1:111122223333:cluster/payments-prod-use1';
const SETTINGS = { lease: { minutes: 2 } }; // a run holds the reconciler for a minute

const databases = TestDatabases.create();

/** Removes the reconciler's two annotations from a NodePool, as a GitOps sync or `kubectl annotate ...-` would. */
async function removePlanAnnotations(
  sim: RunningSimulator,
  arn: string,
  name: string,
): Promise<void> {
  const response = await fetch(
    `${
      sim.model.cluster(arn)!.endpoint
    }/apis/karpenter.sh/v1/nodepools/${name}`,
    {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${SIMULATOR_KUBE_TOKEN}`,
        'content-type': 'application/merge-patch+json',
      },
      body: JSON.stringify({
        metadata: {
          annotations: {
            [ORIGINAL_ZONE_REQUIREMENTS_ANNOTATION]: null,
            [AWAY_ZONES_ANNOTATION]: null,
          },
        },
      }),
    },
  );
  expect(response.status).toBe(200);
}

async function writers(knex: Knex, since: string): Promise<string[]> {
  const rows: Array<{ replica_id: string }> = await knex('reconcile_status')
    .where('updated_at', '>=', since)
    .distinct('replica_id');
  return rows.map(row => row.replica_id).sort();
}

describe.each(databases.eachSupportedId())('two replicas on %p', databaseId => {
  let sim: RunningSimulator;
  const backends: TestBackend[] = [];

  beforeAll(async () => {
    sim = await startSimulator({
      fleet: DEMO_FLEET,
      port: 0,
      clock: createManualClock(Date.now()),
    });
  });

  afterAll(async () => {
    for (const backend of backends) await backend.stop().catch(() => undefined);
    await sim?.stop();
  });

  it('exactly one reconciles; the other takes over when it stops', async () => {
    const knex = await databases.init(databaseId);
    const first = await startReconcilerBackend({
      sim,
      knex,
      reconciler: SETTINGS,
    });
    backends.push(first);
    await refreshed(first);
    await reconciled(
      first,
      PAYMENTS_USE1,
      s => s.state === 'converged',
      60_000,
    );
    const [holder] = await writers(knex, '');
    expect(holder).toBeDefined();
    const original = await nodePoolSpecs(sim, PAYMENTS_USE1);

    const second = await startReconcilerBackend({
      sim,
      knex,
      reconciler: SETTINGS,
    });
    backends.push(second);
    const since = new Date().toISOString();
    // The shift goes through the replica that does not hold the reconciler:
    // its kick is stored, and the holder acts on it at once.
    const started = await request(second.server)
      .post(`${API}${fleetClusterPath(PAYMENTS_USE1)}/shifts`)
      .send({ awayFrom: 'use1-az2', expiresIn: '1h', comment: 'replicas' });
    expect(started.status).toBe(201);
    const returned = Date.now();
    await reconciled(
      second,
      PAYMENTS_USE1,
      s => s.awayZoneIds.includes('use1-az2') && s.state === 'converged',
      15_000,
    );
    expect(Date.now() - returned).toBeLessThan(2_000);
    // Both serve the API; only the holder wrote the pass.
    expect(await writers(knex, since)).toEqual([holder]);

    expect(
      await knex('reconcile_nodepool_originals')
        .where('cluster_arn', PAYMENTS_USE1)
        .select('node_pool'),
    ).toEqual([{ node_pool: 'default' }]);
    // The annotations vanish while the holder still runs: the replica that
    // takes over restores from the shared store, not from memory.
    await removePlanAnnotations(sim, PAYMENTS_USE1, 'default');

    await first.stop();
    const afterStop = new Date().toISOString();
    const cancelled = await request(second.server).delete(
      `${API}${fleetClusterPath(PAYMENTS_USE1)}/shifts/${
        started.body.shift.zonalShiftId
      }`,
    );
    expect(cancelled.status).toBe(200);
    await reconciled(
      second,
      PAYMENTS_USE1,
      s => s.awayZoneIds.length === 0 && s.state === 'converged',
      30_000,
    );
    const taken = await eventually(async () => {
      const ids = await writers(knex, afterStop);
      return ids.length > 0 ? ids : undefined;
    });
    expect(taken).toHaveLength(1);
    expect(taken[0]).not.toBe(holder);
    expect(await nodePoolSpecs(sim, PAYMENTS_USE1)).toEqual(original);
    expect(
      await knex('reconcile_nodepool_originals').where(
        'cluster_arn',
        PAYMENTS_USE1,
      ),
    ).toEqual([]);
  });
});
