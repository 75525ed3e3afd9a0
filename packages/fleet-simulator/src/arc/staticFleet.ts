import type { ArcFleetView, ArcManagedResource } from './types';

/**
 * An ArcFleetView over a fixed resource list that records every applied-zone change.
 *
 * @public
 */
export interface StaticArcFleet extends ArcFleetView {
  /** Every `onAppliedZoneChanged` call, in order. */
  readonly appliedChanges: Array<{ arn: string; awayFrom: string | undefined }>;
}

/**
 * For tests and tools that need ARC without a fleet model.
 *
 * @public
 */
export function createStaticArcFleet(
  resources: ArcManagedResource[],
): StaticArcFleet {
  const appliedChanges: StaticArcFleet['appliedChanges'] = [];
  return {
    appliedChanges,
    listResources: () => resources,
    getResource: arn => resources.find(resource => resource.arn === arn),
    onAppliedZoneChanged: (arn, awayFrom) =>
      appliedChanges.push({ arn, awayFrom }),
  };
}
