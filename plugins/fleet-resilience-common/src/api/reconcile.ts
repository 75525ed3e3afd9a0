// The reconciler: `GET /reconcile` (every cluster) and
// `GET /clusters/:clusterArn/reconcile`.

import { EksClusterRef } from '../cluster';

/**
 * How the reconciler treats a cluster's Karpenter: `nodepool` edits NodePool
 * zone requirements; `keep-nodes` also marks the impaired AZ's nodes
 * `karpenter.sh/do-not-disrupt` for the length of the shift; `observe` only
 * reports what it would do.
 *
 * @public
 */
export type ReconcileMode = 'nodepool' | 'keep-nodes' | 'observe';

/**
 * @public
 */
export const RECONCILE_MODES: readonly ReconcileMode[] = [
  'nodepool',
  'keep-nodes',
  'observe',
];

/**
 * What the reconciler did to one NodePool in its last pass.
 *
 * @public
 */
export interface NodePoolReconcileResult {
  name: string;
  outcome:
    | 'unchanged'
    | 'patched'
    | 'restored'
    | 'blocked'
    | 'failed'
    | 'would-patch';
  /** Zone IDs the NodePool may place capacity in after the pass. */
  allowedZoneIds: string[];
  message?: string;
}

/**
 * Where a cluster's reconciliation stands.
 *
 * `converged`: NodePools match the shift state; `pending`: a change is under
 * way or waiting for a retry; `blocked`: some NodePool cannot avoid the
 * impaired AZ; `error`: the last pass failed; `observing`: observe mode, by
 * configuration or because Karpenter's native zonal shift is on.
 *
 * @public
 */
export type ReconcileState =
  | 'converged'
  | 'pending'
  | 'blocked'
  | 'error'
  | 'observing';

/**
 * @public
 */
export interface ClusterReconcileStatus {
  cluster: EksClusterRef;
  /** The mode in effect. */
  mode: ReconcileMode;
  /** Why the mode in effect differs from the configured one, if it does. */
  modeReason?: string;
  /** Zone IDs ARC applies a shift away from now (usually none or one). */
  awayZoneIds: string[];
  state: ReconcileState;
  nodePools: NodePoolReconcileResult[];
  /** Nodes the reconciler marked do-not-disrupt (keep-nodes mode). */
  markedNodeCount: number;
  lastAttemptAt?: string;
  lastSuccessAt?: string;
  /** Why the last pass failed, classified (no addresses or raw error text; those are logged). */
  lastError?: string;
  /**
   * Present when the reconciler works with partial visibility: what it could
   * not see or do, and what it did instead (e.g. "native zonal shift support
   * unknown" when the cluster's RBAC forbids listing Deployments).
   */
  degraded?: string[];
}

/**
 * @public
 */
export interface ReconcileStatusResponse {
  items: ClusterReconcileStatus[];
}
