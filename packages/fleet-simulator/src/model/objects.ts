/**
 * Builders of the Kubernetes objects a simulated cluster holds, shaped as an
 * EKS cluster with Karpenter shows them, and readers of the few fields the
 * simulated controllers act on. Pure: no store, no clock.
 *
 * This module holds the names and conventions they share; the builders are
 * in nodeObjects.ts, karpenterObjects.ts and podObjects.ts, the readers in
 * objectReaders.ts.
 */

export const DO_NOT_DISRUPT = 'karpenter.sh/do-not-disrupt';
export const NODEGROUP_LABEL = 'eks.amazonaws.com/nodegroup';
export const UNSCHEDULABLE_TAINT = 'node.kubernetes.io/unschedulable';
export const DISRUPTED_TAINT = 'karpenter.sh/disrupted';
export const KARPENTER_DEPLOYMENT = 'karpenter';
/** Karpenter's own env name for `settings.enableZonalShift` (flag `--enable-zonal-shift`). */
export const ZONAL_SHIFT_ENV = 'ENABLE_ZONAL_SHIFT';
export const ZONAL_SHIFT_ARG = '--enable-zonal-shift';

/** Kubernetes timestamps: RFC 3339 in UTC, whole seconds. */
export function kubeTime(epochMillis: number): string {
  return new Date(epochMillis).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}
