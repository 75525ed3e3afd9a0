/**
 * The pure mapping from one fleet list item to one search document.
 */
import {
  describeReadiness,
  describeShiftState,
  describeSurvivability,
  describeZones,
} from './describeCluster';
import {
  searchableReadiness,
  type FleetClusterDocument,
  type SearchableCluster,
} from './types';

const ENTITY_REF = /^([^:/]+):([^:/]+)\/([^:/]+)$/;

/**
 * The catalog page of an entity ref (`resource:default/x` ->
 * `/catalog/default/resource/x`), or undefined for anything else.
 */
export function catalogEntityPath(entityRef: string): string | undefined {
  const match = ENTITY_REF.exec(entityRef);
  if (!match) return undefined;
  const [, kind, namespace, name] = match.map(part =>
    encodeURIComponent(part.toLocaleLowerCase('en-US')),
  );
  return `/catalog/${namespace}/${kind}/${name}`;
}

/** Where a hit leads when the API names no catalog entity: the catalog, searched for the cluster. */
export function catalogSearchPath(clusterName: string): string {
  return `/catalog?filters[kind]=resource&filters[type]=kubernetes-cluster&filters[text]=${encodeURIComponent(
    clusterName,
  )}`;
}

/**
 * The search document of one cluster: its title, descriptive text, location,
 * filterable fields, and the cluster as the resource its visibility is
 * decided on.
 *
 * @public
 */
export function clusterDocument(
  cluster: SearchableCluster,
): FleetClusterDocument {
  const { ref } = cluster;
  const lines = [
    `Amazon EKS cluster ${ref.name} in AWS account ${ref.accountId}, region ${ref.region}.`,
    [
      cluster.version
        ? `Kubernetes version ${cluster.version}`
        : 'Kubernetes version unknown',
      cluster.status ? `status ${cluster.status}` : undefined,
    ]
      .filter(Boolean)
      .join(', ')
      .concat('.'),
    cluster.owner ? `Owner: ${cluster.owner}.` : 'Owner: not tagged.',
    cluster.system ? `System: ${cluster.system}.` : undefined,
    describeZones(cluster.zones),
    describeShiftState(cluster),
    describeSurvivability(cluster),
    describeReadiness(cluster),
    `ARN: ${ref.arn}.`,
  ].filter((line): line is string => line !== undefined);

  const entityPath = cluster.entityRef
    ? catalogEntityPath(cluster.entityRef)
    : undefined;
  return {
    title: ref.name,
    text: lines.join('\n'),
    location: entityPath ?? catalogSearchPath(ref.name),
    clusterArn: ref.arn,
    clusterName: ref.name,
    accountId: ref.accountId,
    region: ref.region,
    version: cluster.version ?? '',
    zones: cluster.zones.flatMap(zone => [zone.name, zone.id]),
    owner: cluster.owner ?? '',
    system: cluster.system ?? '',
    shiftState: cluster.shiftState,
    verdict: cluster.survivability.verdict,
    readiness: searchableReadiness(cluster.readiness?.verdict ?? 'unknown'),
    readinessScore: cluster.readiness?.score ?? 0,
    entityRef: cluster.entityRef ?? '',
    // Search shows the hit only to callers who may read this cluster: the
    // search backend asks the permission framework with this resource ref.
    authorization: { resourceRef: ref.arn },
  };
}
