/**
 * One reconcile pass over one cluster: list its NodePools fresh, reconcile
 * each (./reconcileNodePool: planned with the reconciler's stored original,
 * patched with the resourceVersion it was planned from, re-planned on a 409).
 * keep-nodes mode then marks the away zones' Nodes do-not-disrupt and
 * unmarks exactly the Nodes it marked before; when the cluster's RBAC
 * forbids that, the NodePools are still reconciled and the pass says it is
 * degraded. Messages for readers are classified; raw errors go to `details`
 * (logged, never stored). Thin on purpose: every decision is a pure function.
 */
import {
  DO_NOT_DISRUPT_FOR_ANNOTATION,
  planNodeMarks,
  type NodePoolReconcileResult,
  type ReconcileMode,
  type ReconcileState,
  type Zone,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  classifyKubernetesFailure,
  describeError,
  kubernetesFailureKind,
  mapWithConcurrency,
  type KubernetesNodePoolWriter,
  type KubernetesTarget,
  type NodeMarkState,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import type { ReconcileMetrics } from '../metrics/fleetMetrics';
import { clusterStateAfter } from './decisions';
import {
  failed,
  reconcileNodePool,
  type OriginalsStore,
} from './reconcileNodePool';

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
  /** Why the pass did not converge, classified (for readers). */
  error?: string;
  /** What the pass could not see or do, and what it did instead. */
  degraded?: string[];
  /** Raw failure details, for the log only. */
  details?: string[];
  /** Writes made (NodePool patches and Node annotation patches). */
  writes: number;
}

export interface ClusterReconcilerOptions {
  writer: KubernetesNodePoolWriter;
  /** The reconciler's own copy of each narrowed NodePool's original. */
  originals: OriginalsStore;
  /** Re-reads and re-plans after a 409, per NodePool or Node. */
  maxConflictRetries: number;
  /** NodePools (and Nodes) written at once within a cluster. */
  writeConcurrency?: number;
  metrics?: Pick<ReconcileMetrics, 'nodePoolPatchFailed'>;
  now?: () => number;
}

/** Why keep-nodes could not mark Nodes, when the cluster's RBAC forbids it. */
export const NODES_FORBIDDEN =
  "Nodes in the away zones are not marked do-not-disrupt: the cluster's Kubernetes RBAC forbids listing or patching Nodes (the NodePools are still reconciled)";

export class ClusterReconciler {
  readonly #writer: KubernetesNodePoolWriter;
  readonly #originals: OriginalsStore;
  readonly #maxRetries: number;
  readonly #concurrency: number;
  readonly #now: () => number;
  readonly #metrics?: ClusterReconcilerOptions['metrics'];

  constructor(options: ClusterReconcilerOptions) {
    this.#writer = options.writer;
    this.#originals = options.originals;
    this.#maxRetries = options.maxConflictRetries;
    this.#concurrency = options.writeConcurrency ?? 4;
    this.#now = options.now ?? Date.now;
    this.#metrics = options.metrics;
  }

  async reconcile(input: ClusterPassInput): Promise<ClusterPassResult> {
    const { target, mode, signal } = input;
    let writes = 0;
    let nodePools: NodePoolReconcileResult[] = [];
    const details: string[] = [];
    // A pass that failed whole keeps the marks it had.
    const passFailed = (
      error: unknown,
      what: string,
      shown: string[],
    ): ClusterPassResult => ({
      state: clusterStateAfter({ mode, nodePools, passError: true }),
      nodePools,
      markedNodes: [...input.markedNodes],
      writes,
      error: classifyKubernetesFailure(error, what),
      details: shown,
    });
    let listed;
    try {
      listed = await this.#writer.listNodePools(target, { signal });
    } catch (error) {
      return passFailed(error, 'The NodePools could not be listed', [
        `NodePools: ${describeError(error)}`,
      ]);
    }
    try {
      const arn = target.ref.arn;
      const context = {
        writer: this.#writer,
        originals: this.#originals,
        maxRetries: this.#maxRetries,
        now: this.#now,
        metrics: this.#metrics,
      };
      const outcomes = await mapWithConcurrency(
        listed.nodePools,
        this.#concurrency,
        async pool => {
          const outcome = await reconcileNodePool(context, input, pool);
          writes += outcome.writes;
          details.push(...outcome.details);
          return outcome.result;
        },
        { signal },
      );
      nodePools = [
        ...outcomes.map((outcome, i) => {
          if (outcome.ok) return outcome.value;
          const name = listed.nodePools[i].name;
          details.push(`NodePool ${name}: ${describeError(outcome.error)}`);
          return failed(name, [], classifyKubernetesFailure(outcome.error));
        }),
        ...listed.problems.map(problem => ({
          name: problem.resource ?? 'unknown',
          outcome: 'blocked' as const,
          allowedZoneIds: [],
          message: `Not planned: ${problem.message}`,
        })),
      ].sort((a, b) => a.name.localeCompare(b.name));
      // Originals of NodePools that no longer exist go (a NodePool that did
      // not validate keeps its own: it is still there).
      const existing = [
        ...listed.nodePools.map(p => p.name),
        ...listed.problems.map(p =>
          (p.resource ?? '').replace(`${arn}/NodePool/`, ''),
        ),
      ];
      await this.#originals
        .retainNodePools(arn, existing)
        .catch(error =>
          details.push(`originals not pruned: ${describeError(error)}`),
        );

      let markedNodes = [...input.markedNodes];
      let markFailures = 0;
      const degraded: string[] = [];
      const marking = mode === 'keep-nodes';
      if (marking || markedNodes.length > 0) {
        try {
          const marks = await this.#reconcileMarks(input, marking);
          markedNodes = marks.markedNodes;
          markFailures = marks.failures;
          writes += marks.writes;
          if (marks.forbidden) degraded.push(NODES_FORBIDDEN);
          details.push(...marks.details);
        } catch (error) {
          if (kubernetesFailureKind(error) !== 'forbidden') throw error;
          // The Nodes cannot be seen: the NodePools still are (safe alone).
          degraded.push(NODES_FORBIDDEN);
          details.push(`Nodes: ${describeError(error)}`);
        }
      }
      return {
        state: clusterStateAfter({ mode, nodePools, markFailures }),
        nodePools,
        markedNodes,
        writes,
        ...(degraded.length > 0 ? { degraded } : {}),
        ...(details.length > 0 ? { details } : {}),
        ...(markFailures > 0
          ? { error: `${markFailures} Node(s) could not be marked or unmarked` }
          : failureMessage(nodePools)),
      };
    } catch (error) {
      return passFailed(error, 'The pass failed', [
        ...details,
        describeError(error),
      ]);
    }
  }

  async #reconcileMarks(
    input: ClusterPassInput,
    marking: boolean,
  ): Promise<{
    markedNodes: string[];
    failures: number;
    writes: number;
    forbidden: boolean;
    details: string[];
  }> {
    const awayZoneIds = marking ? input.awayZoneIds : [];
    let writes = 0;
    let failures = 0;
    let forbidden = false;
    const details: string[] = [];
    const list = async () =>
      (await this.#writer.listNodes(input.target, { signal: input.signal }))
        .nodes;
    let nodes = await list();
    for (let attempt = 0; attempt <= this.#maxRetries; attempt++) {
      const plan = planMarks({ nodes, awayZoneIds, zones: input.zones });
      if (plan.patches.length === 0) {
        return {
          markedNodes: plan.markedAfter,
          failures: 0,
          writes,
          forbidden,
          details,
        };
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
        if (outcome.ok) {
          writes += 1;
          continue;
        }
        const kind = kubernetesFailureKind(outcome.error);
        if (kind === 'conflict') conflicts += 1;
        else if (kind === 'forbidden') forbidden = true;
        else failures += 1;
        if (kind !== 'conflict') {
          details.push(`Node: ${describeError(outcome.error)}`);
        }
      }
      if (conflicts === 0 && failures === 0 && !forbidden) {
        return {
          markedNodes: plan.markedAfter,
          failures: 0,
          writes,
          forbidden,
          details,
        };
      }
      nodes = await list();
      // Retried only for conflicts; a forbidden patch stays forbidden.
      if (conflicts === 0) break;
    }
    const plan = planMarks({ nodes, awayZoneIds, zones: input.zones });
    return {
      markedNodes: plan.markedNow,
      // Patches RBAC forbids are reported as degraded, not retried.
      failures: forbidden ? failures : Math.max(failures, plan.patches.length),
      writes,
      forbidden,
      details,
    };
  }
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
