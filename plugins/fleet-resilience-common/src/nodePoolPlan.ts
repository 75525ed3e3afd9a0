/**
 * The NodePool zone plan: what a Karpenter NodePool's zone requirements must
 * be while ARC shifts traffic away from some AZs, and how to restore them
 * exactly afterwards. Pure: no I/O, no clock.
 *
 * CONTRACT (implementation in progress): names and shapes below are what the
 * reconciler codes against.
 */
import type { NodePoolRequirement, Zone } from './zones';

/** Annotation holding the NodePool's zone requirements as they were before the first change (JSON). */
export const ORIGINAL_ZONE_REQUIREMENTS_ANNOTATION =
  'fleet-resilience.io/original-zone-requirements';

/** Annotation holding the zone IDs the NodePool currently avoids (comma-separated). */
export const AWAY_ZONES_ANNOTATION = 'fleet-resilience.io/away-zones';

/** What the plan needs of a NodePool. */
export interface PlanNodePool {
  name: string;
  requirements: NodePoolRequirement[];
  annotations: Record<string, string>;
}

export interface NodePoolPlanInput {
  nodePool: PlanNodePool;
  /** The cluster's zones (name and ID); the zones a NodePool without a zone requirement may use. */
  clusterZones: readonly Zone[];
  /** Zone IDs ARC applies a shift away from now; empty when no shift is applied. */
  awayZoneIds: readonly string[];
}

/**
 * A JSON merge patch of the NodePool: the whole requirements list (merge
 * patches replace arrays) and the annotations to set (`null` removes one).
 */
export interface NodePoolPatch {
  requirements: NodePoolRequirement[];
  annotations: Record<string, string | null>;
}

export interface NodePoolPlan {
  /** Undefined when the NodePool is already as desired. */
  patch?: NodePoolPatch;
  /** `exclude` while a shift applies, `restore` when returning to the original. */
  purpose?: 'exclude' | 'restore';
  /** Zone IDs the NodePool may place capacity in once the patch is applied. */
  allowedZoneIds: string[];
  /** Away zones the plan could not exclude, and why (e.g. pinned only to the impaired AZ). */
  blocked?: { zoneIds: string[]; reason: string };
  /** One sentence for logs and the UI. */
  summary: string;
}

export function planNodePool(_input: NodePoolPlanInput): NodePoolPlan {
  throw new Error('planNodePool: not implemented yet');
}

/** The NodePool after a patch, with merge-patch semantics (for tests and dry runs). */
export function applyNodePoolPatch(
  _nodePool: PlanNodePool,
  _patch: NodePoolPatch,
): PlanNodePool {
  throw new Error('applyNodePoolPatch: not implemented yet');
}
