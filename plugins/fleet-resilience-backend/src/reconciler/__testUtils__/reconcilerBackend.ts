/**
 * Test harness for the reconciler end to end: the real plugin with the real
 * Backstage scheduler (so the reconcile task runs by itself and is locked in
 * the database like in production), the real clients, and the simulator over
 * HTTP. Helpers read the simulated cluster through its Kubernetes API.
 */
// The real scheduler (not the mock): the lead adds @backstage/backend-defaults as a devDependency.
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockServices,
  startTestBackend,
  type TestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  SIMULATOR_KUBE_TOKEN,
  type RunningSimulator,
} from '@fleet-resilience/fleet-simulator';
import {
  fleetClusterPath,
  type ClusterReconcileStatus,
  type NodePoolRequirement,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { Knex } from 'knex';
import request from 'supertest';
import { API, simulatorConfig } from '../../__testUtils__/fleetBackend';
import { fleetResiliencePlugin } from '../../plugin';

export async function startReconcilerBackend(options: {
  sim: RunningSimulator;
  knex: Knex;
  reconciler?: Record<string, unknown>;
  /** `fleetResilience.events` (the SQS queue of ARC's events). */
  events?: Record<string, unknown>;
  maxAttempts?: number;
}): Promise<TestBackend> {
  const base = simulatorConfig(options.sim, {
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
  });
  const config = {
    ...base,
    fleetResilience: {
      ...base.fleetResilience,
      refresh: {
        ...base.fleetResilience.refresh,
        aws: {
          schedule: { frequency: { minutes: 10 }, timeout: { minutes: 2 } },
        },
        kubernetes: {
          schedule: { frequency: { minutes: 10 }, timeout: { minutes: 2 } },
        },
      },
      ...(options.events ? { events: options.events } : {}),
      reconciler: {
        pollInterval: { milliseconds: 500 },
        lease: { seconds: 12 },
        clusterTimeout: { seconds: 5 },
        inventoryRefresh: { seconds: 1 },
        kickCheckInterval: { milliseconds: 50 },
        ...options.reconciler,
      },
    },
  };
  return startTestBackend({
    features: [
      fleetResiliencePlugin,
      mockServices.rootConfig.factory({ data: config as never }),
      mockServices.database.factory({ knex: options.knex }),
      schedulerServiceFactory,
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
    ],
  });
}

/** Polls `check` until it returns a value (not undefined) or the time is up. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out waiting for ${what}${last ? `: ${last}` : ''}`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}

export async function reconcileStatus(
  backend: TestBackend,
  arn: string,
): Promise<ClusterReconcileStatus> {
  const response = await request(backend.server).get(
    `${API}${fleetClusterPath(arn)}/reconcile`,
  );
  if (response.status !== 200) {
    throw new Error(
      `reconcile status answered ${response.status}: ${response.text}`,
    );
  }
  return response.body;
}

/** Waits until the reconciler's last pass of `arn` matches. */
export function reconciled(
  backend: TestBackend,
  arn: string,
  matches: (status: ClusterReconcileStatus) => boolean,
  timeoutMs = 30_000,
): Promise<ClusterReconcileStatus> {
  return eventually(
    async () => {
      const status = await reconcileStatus(backend, arn);
      return status.lastAttemptAt && matches(status) ? status : undefined;
    },
    timeoutMs,
    `the reconcile status of ${arn}`,
  );
}

export interface SimNodePool {
  metadata: {
    name: string;
    annotations?: Record<string, string>;
    resourceVersion: string;
  };
  spec: {
    template: { spec: { requirements: NodePoolRequirement[] } };
    [key: string]: unknown;
  };
}

async function kube<T>(
  sim: RunningSimulator,
  arn: string,
  path: string,
): Promise<T> {
  const cluster = sim.model.cluster(arn);
  if (!cluster) throw new Error(`no simulated cluster ${arn}`);
  const response = await fetch(`${cluster.endpoint}${path}`, {
    headers: { authorization: `Bearer ${SIMULATOR_KUBE_TOKEN}` },
  });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as T;
}

export async function nodePools(
  sim: RunningSimulator,
  arn: string,
): Promise<SimNodePool[]> {
  const list = await kube<{ items: SimNodePool[] }>(
    sim,
    arn,
    '/apis/karpenter.sh/v1/nodepools',
  );
  return list.items.sort((a, b) =>
    a.metadata.name.localeCompare(b.metadata.name),
  );
}

/** NodePools without the fields the API server changes on every write. */
export async function nodePoolSpecs(sim: RunningSimulator, arn: string) {
  return (await nodePools(sim, arn)).map(pool => ({
    name: pool.metadata.name,
    annotations: pool.metadata.annotations ?? {},
    spec: pool.spec,
  }));
}

export async function nodeZoneIds(
  sim: RunningSimulator,
  arn: string,
): Promise<string[]> {
  const list = await kube<{
    items: Array<{ metadata: { labels?: Record<string, string> } }>;
  }>(sim, arn, '/api/v1/nodes');
  return list.items.map(
    node => node.metadata.labels?.['topology.k8s.aws/zone-id'] ?? '?',
  );
}

export async function nodeAnnotations(
  sim: RunningSimulator,
  arn: string,
): Promise<
  Array<{ name: string; zoneId: string; annotations: Record<string, string> }>
> {
  const list = await kube<{
    items: Array<{
      metadata: {
        name: string;
        labels?: Record<string, string>;
        annotations?: Record<string, string>;
      };
    }>;
  }>(sim, arn, '/api/v1/nodes');
  return list.items
    .map(node => ({
      name: node.metadata.name,
      zoneId: node.metadata.labels?.['topology.k8s.aws/zone-id'] ?? '?',
      annotations: node.metadata.annotations ?? {},
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function control(
  sim: RunningSimulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<any> {
  const response = await fetch(`${sim.url}/_sim/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  if (!response.ok)
    throw new Error(`/_sim/${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/**
 * Waits until every cluster was read once (inventory, EKS and Kubernetes).
 * The scheduler starts both refresh tasks together, so the first Kubernetes
 * refresh may find no cluster yet: the refresh is asked again until it has.
 */
export async function refreshed(backend: TestBackend): Promise<void> {
  let asked = Date.now();
  await eventually(
    async () => {
      const response = await request(backend.server).get(
        `${API}/refresh-status`,
      );
      const counts: { total: number; never: number } | undefined =
        response.body.clusters;
      const sources: Array<{ source: string }> = response.body.sources ?? [];
      if (
        counts &&
        counts.total > 0 &&
        counts.never === 0 &&
        sources.some(s => s.source === 'eks')
      ) {
        return true;
      }
      if (Date.now() - asked > 3_000) {
        asked = Date.now();
        await request(backend.server).post(`${API}/refresh`);
      }
      return undefined;
    },
    120_000,
    'the first refresh',
  );
}

/** Starts and cancels shifts through the plugin's own routes, as a user would. */
export function shiftsThrough(getBackend: () => TestBackend, comment: string) {
  const shifts = (arn: string) => `${API}${fleetClusterPath(arn)}/shifts`;
  return {
    async startShift(arn: string, awayFrom: string, expiresIn = '1h') {
      const response = await request(getBackend().server)
        .post(shifts(arn))
        .send({ awayFrom, expiresIn, comment });
      expect([
        response.status,
        response.status === 201 ? '' : response.text,
      ]).toEqual([201, '']);
      return response.body.shift.zonalShiftId as string;
    },
    async cancelShift(arn: string, id: string) {
      const response = await request(getBackend().server).delete(
        `${shifts(arn)}/${id}`,
      );
      expect(response.status).toBe(200);
    },
  };
}
