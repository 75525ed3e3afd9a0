import type { Entity } from '@backstage/catalog-model';
import {
  FLEET_CLUSTER_ARN_ANNOTATION,
  parseEksClusterArn,
} from '@fleet-resilience/plugin-fleet-resilience-common';

/** The entity's cluster ARN when it is a well-formed EKS cluster ARN. */
export function clusterArnOf(entity: Entity): string | undefined {
  const arn = entity.metadata.annotations?.[FLEET_CLUSTER_ARN_ANNOTATION];
  if (!arn) return undefined;
  try {
    return parseEksClusterArn(arn).arn;
  } catch {
    return undefined;
  }
}

/**
 * Whether the Fleet Resilience cards apply to an entity: a `Resource` of type
 * `kubernetes-cluster` that names a valid EKS cluster ARN.
 *
 * @public
 */
export function isFleetClusterAvailable(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
    entity.spec?.type === 'kubernetes-cluster' &&
    clusterArnOf(entity) !== undefined
  );
}
