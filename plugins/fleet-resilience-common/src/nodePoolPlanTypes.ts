// The NodePool zone plan's input and answer.
import type { NodePoolRequirement, Zone } from './zones';

/**
 * What the plan needs of a NodePool.
 *
 * @public
 */
export interface PlanNodePool {
  name: string;
  requirements: NodePoolRequirement[];
  annotations: Record<string, string>;
}

/** @public */
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
 *
 * @public
 */
export interface NodePoolPatch {
  requirements: NodePoolRequirement[];
  annotations: Record<string, string | null>;
}

/**
 * An away zone the plan did not exclude, and why.
 *
 * @public
 */
export interface BlockedZone {
  zoneId: string;
  reason: string;
}

/** @public */
export interface NodePoolPlan {
  /** Undefined when the NodePool is already as desired (or when nothing can safely be changed). */
  patch?: NodePoolPatch;
  /** `exclude` while a shift applies, `restore` when returning to the original. */
  purpose?: 'exclude' | 'restore';
  /** Zone IDs the NodePool may place capacity in once the patch is applied (known cluster zones only). */
  allowedZoneIds: string[];
  /** Zone IDs the NodePool avoids once the patch is applied because of the shift. */
  excludedZoneIds: string[];
  /** Away zones the plan could not exclude, and why (e.g. pinned only to the impaired AZ). */
  blocked?: { zoneIds: string[]; reason: string };
  /** The same, one reason per zone. */
  blockedZones?: BlockedZone[];
  /** Things worth a look that do not block (e.g. a zone name the cluster does not know). */
  warnings?: string[];
  /**
   * True when the plan could not tell what the NodePool's original zone
   * requirements are (or the cluster's zones are inconsistent), so it changed
   * nothing and the summary says why.
   */
  unresolved?: boolean;
  /** One sentence for logs and the UI. */
  summary: string;
}
