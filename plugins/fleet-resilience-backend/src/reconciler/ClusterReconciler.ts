/**
 * One reconcile pass over one cluster: list its NodePools fresh, plan each
 * (the common package's pure `planNodePool`), decide (./decisions), patch with
 * the resourceVersion it was planned from, and on a 409 read again and plan
 * again, a bounded number of times. keep-nodes mode then marks the away
 * zones' Nodes do-not-disrupt and unmarks exactly the Nodes it marked before.
 * Thin on purpose: every decision is a pure function.
 */
import {
  DO_NOT_DISRUPT_FOR_ANNOTATION,
  planNodeMarks,
  planNodePool,
  type NodePoolReconcileResult,
  type ReconcileMode,
  type ReconcileState,
  type Zone,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  KubernetesConflictError,
  mapWithConcurrency,
  type KubernetesNodePoolWriter,
  type KubernetesTarget,
  type NodeMarkState,
  type NodePoolState,
  describeError,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import { clusterStateAfter, decideNodePool } from './decisions';

/**
 * keep-nodes: the common package's `planNodeMarks`, with each patch guarded
 * by the Node's resourceVersion (a Node named by zone name only gets its ID
 * from the cluster's zones).
 */
export function planMarks(input: {
  nodes: readonly NodeMarkState[];
  awayZoneIds: readonly string[];
  zones: readonly Zone[];
}) {
  const byName = new Map(input.nodes.map(node => [node.name, node]));
  const plan = planNodeMarks(
    input.nodes.map(node => {
      const zoneId =
        node.zoneId ??
        input.zones.find(zone => zone.name === node.zoneName)?.id;
      return {
        name: node.name,
        ...(zoneId ? { zoneId } : {}),
        annotations: node.annotations,
      };
    }),
    input.awayZoneIds,
  );
  return {
    patches: plan.patches.map(patch => ({
      ...patch,
      resourceVersion: byName.get(patch.name)!.resourceVersion,
    })),
    markedAfter: plan.marked,
    markedNow: input.nodes
      .filter(
        node => node.annotations[DO_NOT_DISRUPT_FOR_ANNOTATION] !== undefined,
      )
      .map(node => node.name)
      .sort(),
  };
}

export interface ClusterPassInput {
  target: KubernetesTarget;
  zones: readonly Zone[];
  awayZoneIds: readonly string[];
  mode: ReconcileMode;
  /** Nodes marked in earlier passes (keep-nodes), to unmark exactly those. */
  markedNodes: readonly string[];
  signal?: AbortSignal;
}

export interface ClusterPassResult {
  state: ReconcileState;
  nodePools: NodePoolReconcileResult[];
  markedNodes: string[];
  error?: string;
  /** Writes made (NodePool patches and Node annotation patches). */
  writes: number;
}

export interface ClusterReconcilerOptions {
  writer: KubernetesNodePoolWriter;
  /** Re-reads and re-plans after a 409, per NodePool or Node. */
  maxConflictRetries: number;
  /** NodePools (and Nodes) written at once within a cluster. */
  writeConcurrency?: number;
}

export class ClusterReconciler {
  readonly #writer: KubernetesNodePoolWriter;
  readonly #maxRetries: number;
  readonly #concurrency: number;

  constructor(options: ClusterReconcilerOptions) {
    this.#writer = options.writer;
    this.#maxRetries = options.maxConflictRetries;
    this.#concurrency = options.writeConcurrency ?? 4;
  }

  async reconcile(input: ClusterPassInput): Promise<ClusterPassResult> {
    const { target, mode, signal } = input;
    let writes = 0;
    let nodePools: NodePoolReconcileResult[] = [];
    try {
      const listed = await this.#writer.listNodePools(target, { signal });
      const outcomes = await mapWithConcurrency(
        listed.nodePools,
        this.#concurrency,
        async pool => {
          const result = await this.#reconcilePool(input, pool);
          writes += result.writes;
          return result.result;
        },
        { signal },
      );
      nodePools = [
        ...outcomes.map((outcome, i) =>
          outcome.ok
            ? outcome.value
            : failed(
                listed.nodePools[i].name,
                [],
                describeError(outcome.error),
              ),
        ),
        ...listed.problems.map(problem => ({
          name: problem.resource ?? 'unknown',
          outcome: 'blocked' as const,
          allowedZoneIds: [],
          message: `Not planned: ${problem.message}`,
        })),
      ].sort((a, b) => a.name.localeCompare(b.name));

      let markedNodes = [...input.markedNodes];
      let markFailures = 0;
      const marking = mode === 'keep-nodes';
      if (marking || markedNodes.length > 0) {
        const marks = await this.#reconcileMarks(input, marking);
        markedNodes = marks.markedNodes;
        markFailures = marks.failures;
        writes += marks.writes;
      }
      return {
        state: clusterStateAfter({ mode, nodePools, markFailures }),
        nodePools,
        markedNodes,
        writes,
        ...(markFailures > 0
          ? { error: `${markFailures} Node(s) could not be marked or unmarked` }
          : failureMessage(nodePools)),
      };
    } catch (error) {
      return {
        state: clusterStateAfter({ mode, nodePools, passError: true }),
        nodePools,
        markedNodes: [...input.markedNodes],
        writes,
        error: describeError(error),
      };
    }
  }

  async #reconcilePool(
    input: ClusterPassInput,
    initial: NodePoolState,
  ): Promise<{ result: NodePoolReconcileResult; writes: number }> {
    let pool: NodePoolState | undefined = initial;
    for (let attempt = 0; ; attempt++) {
      const plan = planNodePool({
        nodePool: {
          name: pool.name,
          requirements: pool.requirements,
          annotations: pool.annotations,
        },
        clusterZones: input.zones,
        awayZoneIds: input.awayZoneIds,
      });
      const decision = decideNodePool(
        pool.name,
        plan,
        input.mode,
        input.awayZoneIds,
      );
      if (!decision.apply || !plan.patch) {
        return { result: decision.result, writes: 0 };
      }
      try {
        await this.#writer.patchNodePool(
          input.target,
          pool.name,
          {
            resourceVersion: pool.resourceVersion,
            requirements: plan.patch.requirements,
            annotations: plan.patch.annotations,
          },
          { signal: input.signal },
        );
        return { result: decision.result, writes: 1 };
      } catch (error) {
        if (!isConflict(error)) {
          return {
            result: failed(
              pool.name,
              plan.allowedZoneIds,
              describeError(error),
            ),
            writes: 0,
          };
        }
        if (attempt >= this.#maxRetries) {
          return {
            result: failed(
              pool.name,
              plan.allowedZoneIds,
              `Changed by someone else ${
                attempt + 1
              } times while being patched (409 Conflict); retried later`,
            ),
            writes: 0,
          };
        }
      }
      // 409: someone changed the NodePool since it was read. Read and plan again.
      const again = await this.#writer.listNodePools(input.target, {
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
        };
      }
    }
  }

  async #reconcileMarks(
    input: ClusterPassInput,
    marking: boolean,
  ): Promise<{ markedNodes: string[]; failures: number; writes: number }> {
    const awayZoneIds = marking ? input.awayZoneIds : [];
    let writes = 0;
    let failures = 0;
    let nodes = (
      await this.#writer.listNodes(input.target, { signal: input.signal })
    ).nodes;
    for (let attempt = 0; attempt <= this.#maxRetries; attempt++) {
      const plan = planMarks({ nodes, awayZoneIds, zones: input.zones });
      if (plan.patches.length === 0) {
        return { markedNodes: plan.markedAfter, failures: 0, writes };
      }
      let conflicts = 0;
      failures = 0;
      const outcomes = await mapWithConcurrency(
        plan.patches,
        this.#concurrency,
        patch =>
          this.#writer.patchNodeAnnotations(
            input.target,
            patch.name,
            {
              resourceVersion: patch.resourceVersion,
              annotations: patch.annotations,
            },
            { signal: input.signal },
          ),
        { signal: input.signal },
      );
      for (const outcome of outcomes) {
        if (outcome.ok) writes += 1;
        else if (isConflict(outcome.error)) conflicts += 1;
        else failures += 1;
      }
      if (conflicts === 0 && failures === 0) {
        return { markedNodes: plan.markedAfter, failures: 0, writes };
      }
      nodes = (
        await this.#writer.listNodes(input.target, { signal: input.signal })
      ).nodes;
      if (conflicts === 0) break;
    }
    const plan = planMarks({ nodes, awayZoneIds, zones: input.zones });
    return {
      markedNodes: plan.markedNow,
      failures: Math.max(failures, plan.patches.length),
      writes,
    };
  }
}

function isConflict(error: unknown): boolean {
  return (
    error instanceof KubernetesConflictError ||
    (error as Error | undefined)?.name === 'KubernetesConflictError'
  );
}

function failed(
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

function failureMessage(nodePools: readonly NodePoolReconcileResult[]): {
  error?: string;
} {
  const failedPools = nodePools.filter(pool => pool.outcome === 'failed');
  if (failedPools.length === 0) return {};
  return {
    error: failedPools
      .map(pool => `NodePool ${pool.name}: ${pool.message ?? 'failed'}`)
      .join('; '),
  };
}
