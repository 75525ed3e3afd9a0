/**
 * The reconciler under hostile edits and partial visibility, end to end: the
 * real plugin (real scheduler) on both databases, the real ARC and Kubernetes
 * clients, and the simulator over HTTP.
 * - Someone deletes (or edits) the NodePool's original-requirements
 *   annotations in the middle of a shift: when the shift ends the NodePool
 *   gets exactly its original requirements back, from the reconciler's store,
 *   and the status says what happened.
 * - A cluster whose RBAC forbids listing Deployments (so whether Karpenter
 *   has native zonal shift on is unknown) is still reconciled in the mode
 *   that is safe either way, and its status says it is degraded and why.
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
  control,
  nodeAnnotations,
  nodePoolSpecs,
  reconciled,
  reconcileStatus,
  refreshed,
  shiftsThrough,
  startReconcilerBackend,
} from '../reconciler/__testUtils__/reconcilerBackend';

jest.setTimeout(240_000);

const DEMO_FLEET = resolvePath(
  __dirname,
  '../../../../examples/fleets/demo.yaml',
);
const PAYMENTS_USE1 =
  'arn:aws:eks:us-east-1:111122223333:cluster/payments-prod-use1';
// Two NodePools (one without a zone requirement), reconciled in keep-nodes mode by configuration.
const INDEXER_USE1 =
  'arn:aws:eks:us-east-1:111122223333:cluster/search-indexer-use1';

const databases = TestDatabases.create();

/** A JSON merge patch of a NodePool through the cluster's Kubernetes API, as kubectl would send it. */
async function patchNodePool(
  sim: RunningSimulator,
  arn: string,
  name: string,
  patch: unknown,
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
      body: JSON.stringify(patch),
    },
  );
  if (!response.ok) {
    throw new Error(
      `patch ${name}: ${response.status} ${await response.text()}`,
    );
  }
}

async function storedOriginals(knex: Knex, arn: string) {
  return knex('reconcile_nodepool_originals')
    .where('cluster_arn', arn)
    .select('node_pool', 'away_zone_ids');
}

describe.each(databases.eachSupportedId())(
  'the reconciler under faults on %p',
  databaseId => {
    let sim: RunningSimulator;
    let backend: TestBackend;
    let knex: Knex;
    let original: Awaited<ReturnType<typeof nodePoolSpecs>>;
    let indexerOriginal: Awaited<ReturnType<typeof nodePoolSpecs>>;

    const { startShift, cancelShift } = shiftsThrough(
      () => backend,
      'fault test',
    );

    beforeAll(async () => {
      sim = await startSimulator({
        fleet: DEMO_FLEET,
        port: 0,
        clock: createManualClock(Date.now()),
      });
      // The indexer cluster's RBAC forbids listing Deployments from the start.
      await control(sim, 'PUT', 'kubernetes/forbidden', {
        clusterArn: INDEXER_USE1,
        rules: [{ verb: 'list', resource: 'deployments', group: 'apps' }],
      });
      indexerOriginal = await nodePoolSpecs(sim, INDEXER_USE1);
      knex = await databases.init(databaseId);
      backend = await startReconcilerBackend({
        sim,
        knex,
        reconciler: { overrides: [{ arn: INDEXER_USE1, mode: 'keep-nodes' }] },
      });
      await refreshed(backend);
      await reconciled(
        backend,
        PAYMENTS_USE1,
        s => s.state === 'converged',
        60_000,
      );
      original = await nodePoolSpecs(sim, PAYMENTS_USE1);
    });

    afterAll(async () => {
      await backend?.stop();
      await sim?.stop();
    });

    it.each([
      [
        'deleted',
        {
          metadata: {
            annotations: {
              [ORIGINAL_ZONE_REQUIREMENTS_ANNOTATION]: null,
              [AWAY_ZONES_ANNOTATION]: null,
            },
          },
        },
      ],
      [
        'edited to look like the narrowed requirements were the original',
        {
          metadata: {
            annotations: {
              [ORIGINAL_ZONE_REQUIREMENTS_ANNOTATION]: JSON.stringify({
                version: 1,
                requirements: [
                  {
                    index: 0,
                    requirement: {
                      key: 'topology.kubernetes.io/zone',
                      operator: 'In',
                      values: ['us-east-1a', 'us-east-1c'],
                    },
                  },
                ],
              }),
              [AWAY_ZONES_ANNOTATION]: 'use1-az4',
            },
          },
        },
      ],
    ])(
      'NodePool annotations %s mid-shift: restored exactly when the shift ends, and the status says so',
      async (_how, tamper) => {
        const id = await startShift(PAYMENTS_USE1, 'use1-az2');
        await reconciled(
          backend,
          PAYMENTS_USE1,
          s => s.awayZoneIds.includes('use1-az2') && s.state === 'converged',
          10_000,
        );
        const [narrowed] = await nodePoolSpecs(sim, PAYMENTS_USE1);
        expect(narrowed.annotations[AWAY_ZONES_ANNOTATION]).toBe('use1-az2');
        expect(await storedOriginals(knex, PAYMENTS_USE1)).toEqual([
          { node_pool: 'default', away_zone_ids: '["use1-az2"]' },
        ]);

        await patchNodePool(sim, PAYMENTS_USE1, 'default', tamper);
        const [tampered] = await nodePoolSpecs(sim, PAYMENTS_USE1);
        expect(tampered.annotations).not.toEqual(narrowed.annotations);
        expect(tampered.spec).toEqual(narrowed.spec);

        await cancelShift(PAYMENTS_USE1, id);
        const status = await reconciled(
          backend,
          PAYMENTS_USE1,
          s => s.awayZoneIds.length === 0 && s.state === 'converged',
          10_000,
        );
        expect(await nodePoolSpecs(sim, PAYMENTS_USE1)).toEqual(original);
        expect(status.nodePools).toEqual([
          expect.objectContaining({
            name: 'default',
            outcome: 'restored',
            allowedZoneIds: ['use1-az1', 'use1-az2', 'use1-az4'],
            message: expect.stringMatching(
              /gets its original zone requirements back.*annotation .* while use1-az2 was excluded: the reconciler's stored original is used/,
            ),
          }),
        ]);
        expect(await storedOriginals(knex, PAYMENTS_USE1)).toEqual([]);
      },
    );

    it('a cluster whose RBAC forbids listing Deployments is still reconciled, in the safe mode, and says it is degraded', async () => {
      const nodesBefore = await nodeAnnotations(sim, INDEXER_USE1);
      const first = await reconciled(
        backend,
        INDEXER_USE1,
        s => s.state === 'converged',
        30_000,
      );
      expect(first).toMatchObject({
        mode: 'nodepool',
        modeReason: expect.stringContaining('keep-nodes needs to know'),
        degraded: [
          expect.stringMatching(
            /^Native zonal shift support unknown \(listing Deployments is forbidden by the cluster's Kubernetes RBAC/,
          ),
        ],
      });
      const cluster = await request(backend.server).get(
        `${API}${fleetClusterPath(INDEXER_USE1)}`,
      );
      expect(cluster.status).toBe(200);
      expect(cluster.body.karpenter).toMatchObject({
        installed: true,
        nativeZonalShiftUnknown: expect.stringContaining('forbidden'),
      });

      const id = await startShift(INDEXER_USE1, 'use1-az1');
      const status = await reconciled(
        backend,
        INDEXER_USE1,
        s => s.awayZoneIds.includes('use1-az1') && s.state === 'converged',
        10_000,
      );
      expect(
        status.nodePools.map(p => [p.name, p.outcome, p.allowedZoneIds]),
      ).toEqual([
        ['general', 'patched', ['use1-az2', 'use1-az4']],
        ['memory', 'patched', ['use1-az2']],
      ]);
      expect(status.markedNodeCount).toBe(0);
      expect(status.degraded?.[0]).toMatch(/Nodes are not marked/);
      // Safe mode: no Node marked do-not-disrupt.
      expect(await nodeAnnotations(sim, INDEXER_USE1)).toEqual(nodesBefore);

      await cancelShift(INDEXER_USE1, id);
      await reconciled(
        backend,
        INDEXER_USE1,
        s => s.awayZoneIds.length === 0 && s.state === 'converged',
        10_000,
      );
      expect(await nodePoolSpecs(sim, INDEXER_USE1)).toEqual(indexerOriginal);
      const all = await request(backend.server).get(`${API}/reconcile`);
      // Readers never see the API server's address in a status.
      expect(JSON.stringify(all.body)).not.toContain(sim.url);
      expect((await reconcileStatus(backend, INDEXER_USE1)).lastError).toBe(
        undefined,
      );
    });

    it('a cluster whose RBAC forbids patching NodePools: a classified error, never the API server’s address or text', async () => {
      await control(sim, 'PUT', 'kubernetes/forbidden', {
        clusterArn: PAYMENTS_USE1,
        rules: [
          { verb: 'patch', resource: 'nodepools', group: 'karpenter.sh' },
        ],
      });
      try {
        const id = await startShift(PAYMENTS_USE1, 'use1-az4');
        const status = await reconciled(
          backend,
          PAYMENTS_USE1,
          s => s.awayZoneIds.includes('use1-az4') && s.state === 'pending',
          10_000,
        );
        expect(status.nodePools[0]).toMatchObject({
          outcome: 'failed',
          message:
            "The NodePool could not be patched: forbidden by the cluster's Kubernetes RBAC (403)",
        });
        expect(status.lastError).toBe(
          "NodePool default: The NodePool could not be patched: forbidden by the cluster's Kubernetes RBAC (403)",
        );
        const text = JSON.stringify(
          (await request(backend.server).get(`${API}/reconcile`)).body,
        );
        expect(text).not.toContain(sim.url);
        expect(text).not.toContain('cannot patch resource');
        // The original was stored before the patch was tried: it equals the
        // NodePool (harmless) and is cleared once the shift ends.
        expect(await storedOriginals(knex, PAYMENTS_USE1)).toEqual([
          { node_pool: 'default', away_zone_ids: '["use1-az4"]' },
        ]);
        await control(sim, 'DELETE', 'kubernetes/forbidden');
        await cancelShift(PAYMENTS_USE1, id);
        await reconciled(
          backend,
          PAYMENTS_USE1,
          s => s.awayZoneIds.length === 0 && s.state === 'converged',
          10_000,
        );
        expect(await nodePoolSpecs(sim, PAYMENTS_USE1)).toEqual(original);
        expect(await storedOriginals(knex, PAYMENTS_USE1)).toEqual([]);
      } finally {
        await control(sim, 'DELETE', 'kubernetes/forbidden');
      }
    });
  },
);
