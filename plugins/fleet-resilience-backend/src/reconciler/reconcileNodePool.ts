/**
 * One NodePool of a pass: plan it with the reconciler's stored original (the
 * common package's pure `planStoredNodePool`), decide (./decisions), store
 * the original before narrowing, patch with the resourceVersion it was
 * planned from, clear the stored original once restored, and on a 409 read
 * again and plan again, a bounded number of times.
 */
import {
  planStoredNodePool,
  type NodePoolReconcileResult,
  type StoredNodePoolOriginal,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  classifyKubernetesFailure,
  describeError,
  kubernetesFailureKind,
  type KubernetesNodePoolWriter,
  type NodePoolState,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import type { NodePoolOriginalsStore } from '../database/NodePoolOriginalsStore';
import type { ReconcileMetrics } from '../metrics/fleetMetrics';
import { decideNodePool } from './decisions';
import type { ClusterPassInput } from './ClusterReconciler';

/** The stored originals as a pass uses them. */
export type OriginalsStore = Pick<
  NodePoolOriginalsStore,
  'get' | 'put' | 'clear' | 'retainNodePools'
>;

export interface NodePoolOutcome {
  result: NodePoolReconcileResult;
  writes: number;
  /** Raw failure details, for the log only (never stored or shown). */
  details: string[];
}

export interface NodePoolPassContext {
  writer: KubernetesNodePoolWriter;
  originals: OriginalsStore;
  maxRetries: number;
  now: () => number;
  metrics?: Pick<ReconcileMetrics, 'nodePoolPatchFailed'>;
}

/** A NodePool the pass could not reconcile, and why (for readers). */
export function failed(
  name: string,
  allowedZoneIds: readonly string[],
  message: string,
): NodePoolReconcileResult {
  return {
    name,
    outcome: 'failed',
    allowedZoneIds: [...allowedZoneIds],
    message,
  };
}

/** A reader-facing failure and the raw text for the log. */
function failure(
  name: string,
  allowedZoneIds: readonly string[],
  what: string,
  error: unknown,
): NodePoolOutcome {
  return {
    result: failed(
      name,
      allowedZoneIds,
      `${what}: ${classifyKubernetesFailure(error)}`,
    ),
    writes: 0,
    details: [`NodePool ${name}: ${what}: ${describeError(error)}`],
  };
}

export async function reconcileNodePool(
  context: NodePoolPassContext,
  input: ClusterPassInput,
  initial: NodePoolState,
): Promise<NodePoolOutcome> {
  const arn = input.target.ref.arn;
  const { originals } = context;
  let pool: NodePoolState | undefined = initial;
  for (let attempt = 0; ; attempt++) {
    let stored: StoredNodePoolOriginal | undefined;
    try {
      stored = await originals.get(arn, pool.name);
    } catch (error) {
      // Without the stored copy, a removed annotation cannot be told apart
      // from an original: change nothing until the store answers.
      return {
        result: failed(
          pool.name,
          [],
          "The reconciler's store of original requirements could not be read; retried later",
        ),
        writes: 0,
        details: [`NodePool ${pool.name}: originals: ${describeError(error)}`],
      };
    }
    const plan = planStoredNodePool({
      nodePool: {
        name: pool.name,
        requirements: pool.requirements,
        annotations: pool.annotations,
      },
      clusterZones: input.zones,
      awayZoneIds: input.awayZoneIds,
      ...(stored ? { stored } : {}),
    });
    const decision = decideNodePool(
      pool.name,
      plan,
      input.mode,
      input.awayZoneIds,
    );
    const now = () => new Date(context.now()).toISOString();
    const put = plan.store && 'put' in plan.store ? plan.store.put : undefined;
    const clear = plan.store !== undefined && 'clear' in plan.store;
    const applying = decision.apply && plan.patch !== undefined;
    // The store follows what is on the NodePool: written before it is
    // narrowed, cleared once it no longer is; a patch not applied (observe)
    // changes neither.
    if (put && (applying || !plan.patch)) {
      try {
        await originals.put(arn, pool.name, put, now());
      } catch (error) {
        return {
          result: failed(
            pool.name,
            plan.allowedZoneIds,
            'The original requirements could not be stored, so the NodePool was not narrowed; retried later',
          ),
          writes: 0,
          details: [
            `NodePool ${pool.name}: originals: ${describeError(error)}`,
          ],
        };
      }
    }
    if (!applying || !plan.patch) {
      const details =
        clear && !plan.patch ? await clearStored(context, arn, pool.name) : [];
      return { result: decision.result, writes: 0, details };
    }
    try {
      await context.writer.patchNodePool(
        input.target,
        pool.name,
        {
          resourceVersion: pool.resourceVersion,
          requirements: plan.patch.requirements,
          annotations: plan.patch.annotations,
        },
        { signal: input.signal },
      );
      const details = clear ? await clearStored(context, arn, pool.name) : [];
      return { result: decision.result, writes: 1, details };
    } catch (error) {
      const kind = kubernetesFailureKind(error);
      if (kind !== 'conflict' || attempt >= context.maxRetries) {
        context.metrics?.nodePoolPatchFailed(kind);
      }
      if (kind !== 'conflict') {
        return failure(
          pool.name,
          plan.allowedZoneIds,
          'The NodePool could not be patched',
          error,
        );
      }
      if (attempt >= context.maxRetries) {
        return {
          result: failed(
            pool.name,
            plan.allowedZoneIds,
            `Changed by someone else ${
              attempt + 1
            } times while being patched (409 Conflict); retried later`,
          ),
          writes: 0,
          details: [],
        };
      }
    }
    // 409: someone changed the NodePool since it was read. Read and plan again.
    const again = await context.writer.listNodePools(input.target, {
      signal: input.signal,
    });
    pool = again.nodePools.find(p => p.name === initial.name);
    if (!pool) {
      return {
        result: {
          name: initial.name,
          outcome: 'unchanged',
          allowedZoneIds: [],
          message: 'The NodePool was deleted while being patched',
        },
        writes: 0,
        details: [],
      };
    }
  }
}

/**
 * A stored original left behind is harmless (it equals the NodePool, and the
 * next plan clears or replaces it): a failure to clear is only logged.
 */
async function clearStored(
  context: NodePoolPassContext,
  arn: string,
  name: string,
): Promise<string[]> {
  try {
    await context.originals.clear(arn, name);
    return [];
  } catch (error) {
    return [
      `NodePool ${name}: the stored original could not be cleared: ${describeError(
        error,
      )}`,
    ];
  }
}
