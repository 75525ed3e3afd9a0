/**
 * The pure mapping from one inventory cluster to one catalog `Resource`
 * entity. No I/O: the provider fetches, this decides.
 *
 * A cluster whose identity is unusable is skipped with a reason; a bad tag
 * value (owner, system) only produces a warning and a fallback, because the
 * cluster itself is still worth having in the catalog.
 */
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  KubernetesValidatorFunctions,
} from '@backstage/catalog-model';
import {
  clusterEntityName,
  FLEET_CLUSTER_ARN_ANNOTATION,
  type FleetInventoryCluster,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  ANNOTATION_ACCOUNT_ID,
  ANNOTATION_CLUSTER_NAME,
  ANNOTATION_INVENTORY_SOURCE,
  ANNOTATION_KUBERNETES_API_SERVER,
  ANNOTATION_KUBERNETES_API_SERVER_CA,
  ANNOTATION_KUBERNETES_AUTH_PROVIDER,
  ANNOTATION_KUBERNETES_AWS_CLUSTER_ID,
  ANNOTATION_REGION,
  KUBERNETES_CLUSTER_TYPE,
  LABEL_ACCOUNT_ID,
  LABEL_KUBERNETES_VERSION,
  LABEL_READINESS,
  LABEL_REGION,
} from '../annotations';
import { eksConsoleUrl } from './awsConsoleUrl';
import { OWNER_KINDS, parseTaggedEntityRef, SYSTEM_KINDS } from './entityRefs';
import { sanitiseEntityTags } from './entityTags';
import {
  kubernetesAwsRoleAnnotations,
  type KubernetesAwsRoles,
} from './kubernetesAwsRole';

/**
 * How clusters become entities; read from `catalog.providers.fleetResilience`.
 * The owner and system are the values of the tags the backend plugin reads
 * (`fleetResilience.tags`).
 *
 * @public
 */
export interface ClusterEntityOptions {
  /** Full entity ref used when the owner tag is missing or unusable. */
  defaultOwner: string;
  /** Full entity ref used when the system tag is missing or unusable. */
  defaultSystem?: string;
  /** AWS tags whose values become entity tags, e.g. `environment`. */
  entityTagKeys: readonly string[];
  /**
   * The role Backstage's Kubernetes plugin assumes per account
   * (`kubernetes.io/aws-assume-role`); default: none.
   */
  kubernetesAwsRoles?: KubernetesAwsRoles;
}

/**
 * The entity of one cluster and what was wrong with its tags, or why the
 * cluster has no entity.
 *
 * @public
 */
export type ClusterEntityResult =
  | { kind: 'entity'; entity: Entity; warnings: string[] }
  | { kind: 'skipped'; reason: string };

/**
 * `backstage.io/managed-by-location` of every entity of an inventory source.
 *
 * @public
 */
export function sourceLocationRef(sourceId: string): string {
  return `fleet-resilience:${sourceId}`;
}

// Base64 as EKS returns CertificateAuthorityData (PEM, base64-encoded).
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

function identityProblem(cluster: FleetInventoryCluster): string | undefined {
  const ref = cluster?.ref;
  if (!ref) return 'it has no cluster reference';
  const missing = (['arn', 'accountId', 'region', 'name'] as const).filter(
    key => !isNonEmptyString(ref[key]),
  );
  if (missing.length > 0) {
    return `its reference lacks ${missing.join(', ')}`;
  }
  if (!isNonEmptyString(cluster.sourceId)) {
    return 'it has no inventory source id';
  }
  return undefined;
}

function apiServerUrl(endpoint: string | undefined): string | undefined {
  if (!isNonEmptyString(endpoint)) return undefined;
  try {
    const url = new URL(endpoint);
    return url.protocol === 'https:' || url.protocol === 'http:'
      ? endpoint
      : undefined;
  } catch {
    return undefined;
  }
}

function labelIfValid(
  labels: Record<string, string>,
  key: string,
  value: string | undefined,
) {
  if (value && KubernetesValidatorFunctions.isValidLabelValue(value)) {
    labels[key] = value;
  }
}

function describe(cluster: FleetInventoryCluster): string {
  const { ref, version, status } = cluster;
  const parts = [
    `Amazon EKS cluster ${ref.name} in account ${ref.accountId}, region ${ref.region}`,
  ];
  if (version) parts.push(`Kubernetes ${version}`);
  if (status) parts.push(`status ${status}`);
  return `${parts.join(', ')}.`;
}

function resolveRef(
  value: string | undefined,
  kinds: readonly string[],
  fallback: string | undefined,
  what: string,
  warnings: string[],
): string | undefined {
  if (value === undefined) {
    return fallback;
  }
  const result = parseTaggedEntityRef(value, kinds);
  if ('ref' in result) {
    return result.ref;
  }
  warnings.push(
    `${what} tag ignored: ${result.error}; using ${fallback ?? 'none'}`,
  );
  return fallback;
}

/**
 * Maps one inventory cluster to a `Resource` entity, or says why not.
 *
 * @public
 */
export function entityFromCluster(
  cluster: FleetInventoryCluster,
  options: ClusterEntityOptions,
): ClusterEntityResult {
  const problem = identityProblem(cluster);
  if (problem) {
    return { kind: 'skipped', reason: `cluster skipped: ${problem}` };
  }
  const { ref } = cluster;
  const warnings: string[] = [];

  const owner = resolveRef(
    cluster.owner,
    OWNER_KINDS,
    options.defaultOwner,
    'owner',
    warnings,
  )!;
  const system = resolveRef(
    cluster.system,
    SYSTEM_KINDS,
    options.defaultSystem,
    'system',
    warnings,
  );

  const location = sourceLocationRef(cluster.sourceId);
  const annotations: Record<string, string> = {
    [ANNOTATION_LOCATION]: location,
    [ANNOTATION_ORIGIN_LOCATION]: location,
    [ANNOTATION_INVENTORY_SOURCE]: cluster.sourceId,
    [FLEET_CLUSTER_ARN_ANNOTATION]: ref.arn,
    [ANNOTATION_ACCOUNT_ID]: ref.accountId,
    [ANNOTATION_REGION]: ref.region,
    [ANNOTATION_CLUSTER_NAME]: ref.name,
  };

  const apiServer = apiServerUrl(cluster.endpoint);
  if (cluster.endpoint !== undefined && !apiServer) {
    warnings.push('endpoint ignored: not an http(s) URL');
  }
  if (apiServer) {
    annotations[ANNOTATION_KUBERNETES_API_SERVER] = apiServer;
    annotations[ANNOTATION_KUBERNETES_AUTH_PROVIDER] = 'aws';
    annotations[ANNOTATION_KUBERNETES_AWS_CLUSTER_ID] = ref.name;
    const role = kubernetesAwsRoleAnnotations(ref, options.kubernetesAwsRoles);
    if ('warning' in role) warnings.push(role.warning);
    else Object.assign(annotations, role.annotations);
    const ca = cluster.certificateAuthorityData?.trim();
    if (ca && BASE64.test(ca)) {
      annotations[ANNOTATION_KUBERNETES_API_SERVER_CA] = ca;
    } else if (ca) {
      warnings.push('certificate authority data ignored: not base64');
    }
  }

  const labels: Record<string, string> = {};
  labelIfValid(labels, LABEL_ACCOUNT_ID, ref.accountId);
  labelIfValid(labels, LABEL_REGION, ref.region);
  labelIfValid(labels, LABEL_KUBERNETES_VERSION, cluster.version);
  labelIfValid(labels, LABEL_READINESS, cluster.readiness);

  const tagValues = options.entityTagKeys
    .map(key => cluster.tags?.[key])
    .filter(isNonEmptyString);
  const consoleUrl = eksConsoleUrl(ref);

  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: clusterEntityName(ref),
      namespace: 'default',
      title: ref.name,
      description: describe(cluster),
      annotations,
      labels,
      tags: sanitiseEntityTags(['eks', ...tagValues]),
      ...(consoleUrl && {
        links: [
          {
            url: consoleUrl,
            title: 'AWS console',
            icon: 'dashboard',
            type: 'aws-console',
          },
        ],
      }),
    },
    spec: {
      type: KUBERNETES_CLUSTER_TYPE,
      owner,
      ...(system && { system }),
    },
  };
  return { kind: 'entity', entity, warnings };
}
