/**
 * Maps a whole inventory snapshot to entities: each cluster on its own, so a
 * bad one is skipped and reported while the rest go through; two clusters
 * that would share an entity name keep the first and report the second.
 */
import type { Entity } from '@backstage/catalog-model';
import type { FleetInventoryCluster } from '@fleet-resilience/plugin-fleet-resilience-common';
import { ClusterEntityOptions, entityFromCluster } from './entityFromCluster';

/**
 * A cluster left out of the catalog, or mapped with a fallback, and why.
 *
 * @public
 */
export interface ClusterReport {
  /** The cluster ARN when known, else its position in the snapshot. */
  resource: string;
  message: string;
}

export interface InventoryEntities {
  entities: Entity[];
  skipped: ClusterReport[];
  warnings: ClusterReport[];
}

function resourceOf(cluster: FleetInventoryCluster, index: number): string {
  const arn = cluster?.ref?.arn;
  return typeof arn === 'string' && arn.length > 0 ? arn : `cluster #${index}`;
}

export function entitiesFromInventory(
  clusters: readonly FleetInventoryCluster[],
  options: ClusterEntityOptions,
): InventoryEntities {
  const entities: Entity[] = [];
  const skipped: ClusterReport[] = [];
  const warnings: ClusterReport[] = [];
  const resourceByName = new Map<string, string>();

  clusters.forEach((cluster, index) => {
    const resource = resourceOf(cluster, index);
    let result;
    try {
      result = entityFromCluster(cluster, options);
    } catch (error) {
      // The mapping is total for well-typed input; this guards against a
      // source handing over something its types do not promise.
      skipped.push({ resource, message: `cluster skipped: ${String(error)}` });
      return;
    }
    if (result.kind === 'skipped') {
      skipped.push({ resource, message: result.reason });
      return;
    }
    const name = result.entity.metadata.name.toLocaleLowerCase('en-US');
    const earlier = resourceByName.get(name);
    if (earlier !== undefined) {
      skipped.push({
        resource,
        message: `cluster skipped: entity name ${result.entity.metadata.name} is already taken by ${earlier}`,
      });
      return;
    }
    resourceByName.set(name, resource);
    entities.push(result.entity);
    for (const message of result.warnings) {
      warnings.push({ resource, message });
    }
  });

  return { entities, skipped, warnings };
}
