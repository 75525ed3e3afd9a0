/**
 * The reconciler's decisions, pure: whether a cluster needs a pass, what to do
 * with each NodePool's plan in the mode in effect, and where the cluster
 * stands after a pass.
 */
import type {
  NodePoolPlan,
  NodePoolReconcileResult,
  ReconcileMode,
  ReconcileState,
} from '@fleet-resilience/plugin-fleet-resilience-common';

/** What the reconciler last recorded for a cluster (the parts decisions read). */
export interface LastPass {
  mode: ReconcileMode;
  awayZoneIds: readonly string[];
  state: ReconcileState;
  lastAttemptAt?: string;
  /** Consecutive passes that did not converge. */
  failures: number;
  markedNodeCount: number;
  /** What the last pass reported it could not see or do. */
  degraded?: readonly string[];
}

export const RETRY_BASE_MS = 1_000;
export const RETRY_MAX_MS = 60_000;

/** Wait before retrying a cluster after `failures` passes in a row did not converge. */
export function retryDelayMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(RETRY_BASE_MS * 2 ** (failures - 1), RETRY_MAX_MS);
}

export function sameZones(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const sortedB = [...b].sort();
  return [...a].sort().every((zone, i) => zone === sortedB[i]);
}

export type PassReason =
  | 'first'
  | 'desired-changed'
  | 'mode-changed'
  | 'retry'
  | 'kicked';

/**
 * Whether a cluster's Kubernetes API must be touched: never seen (the
 * NodePools are the truth, so a first pass reads them), the desired away
 * zones or the mode changed (or what the mode cannot know: `modeDegraded`,
 * the reasons starting with `modeDegradedPrefix`, against the ones the last
 * pass recorded), or the last pass did not converge and its retry is due. A
 * converged, blocked or observing cluster whose desired state did not change
 * is left alone.
 */
export function passNeeded(input: {
  last?: LastPass;
  awayZoneIds: readonly string[];
  mode: ReconcileMode;
  modeDegraded?: readonly string[];
  modeDegradedPrefix?: string;
  now: number;
  kicked?: boolean;
}): PassReason | undefined {
  const { last, awayZoneIds, mode, now } = input;
  if (!last) return 'first';
  if (!sameZones(last.awayZoneIds, awayZoneIds)) return 'desired-changed';
  if (last.mode !== mode) return 'mode-changed';
  const prefix = input.modeDegradedPrefix;
  if (prefix !== undefined) {
    const recorded = (last.degraded ?? []).filter(d => d.startsWith(prefix));
    if (!sameZones(recorded, input.modeDegraded ?? [])) return 'mode-changed';
  }
  if (last.state === 'pending' || last.state === 'error') {
    if (input.kicked) return 'kicked';
    const lastAttempt = last.lastAttemptAt ? Date.parse(last.lastAttemptAt) : 0;
    return now >= lastAttempt + retryDelayMs(last.failures)
      ? 'retry'
      : undefined;
  }
  return undefined;
}

/** What to do with one NodePool's plan. */
export interface NodePoolDecision {
  /** Apply `plan.patch`. */
  apply: boolean;
  /** The result once applied (or at once, when nothing is applied). */
  result: NodePoolReconcileResult;
}

/**
 * `observe` reports an exclusion as `would-patch` but still applies a restore:
 * the reconciler never leaves its own earlier edits behind (e.g. when
 * Karpenter's native zonal shift was turned on during a shift).
 */
export function decideNodePool(
  name: string,
  plan: NodePoolPlan,
  mode: ReconcileMode,
  awayZoneIds: readonly string[],
): NodePoolDecision {
  const base = {
    name,
    allowedZoneIds: [...plan.allowedZoneIds],
    message: plan.summary,
  };
  if (!plan.patch) {
    // A zone still excluded that no shift asks for, and the plan would not
    // undo it (edited by hand): as stuck as a zone it cannot exclude.
    const away = new Set(awayZoneIds);
    const stuck = (plan.excludedZoneIds ?? []).some(id => !away.has(id));
    return {
      apply: false,
      result: {
        ...base,
        outcome: plan.blocked || stuck ? 'blocked' : 'unchanged',
      },
    };
  }
  if (mode === 'observe' && plan.purpose !== 'restore') {
    return { apply: false, result: { ...base, outcome: 'would-patch' } };
  }
  let outcome: NodePoolReconcileResult['outcome'] = 'patched';
  if (plan.blocked) outcome = 'blocked';
  else if (plan.purpose === 'restore') outcome = 'restored';
  return { apply: true, result: { ...base, outcome } };
}

/**
 * Where a cluster stands after a pass: `error` when the pass itself failed
 * (API unreachable, list failed), `pending` when some NodePool or Node could
 * not be written (retried), else `observing` in observe mode, `blocked` when
 * a NodePool cannot avoid an away zone, `converged` otherwise.
 */
export function clusterStateAfter(input: {
  mode: ReconcileMode;
  nodePools: readonly NodePoolReconcileResult[];
  passError?: boolean;
  markFailures?: number;
}): ReconcileState {
  if (input.passError) return 'error';
  if (
    input.nodePools.some(pool => pool.outcome === 'failed') ||
    (input.markFailures ?? 0) > 0
  ) {
    return 'pending';
  }
  if (input.mode === 'observe') return 'observing';
  if (input.nodePools.some(pool => pool.outcome === 'blocked'))
    return 'blocked';
  return 'converged';
}
