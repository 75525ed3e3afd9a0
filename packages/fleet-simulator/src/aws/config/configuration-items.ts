import type { FleetModel, SimCluster, SimSubnet } from '../../model/types';
import {
  ENDPOINT_PRIVATE_ACCESS,
  ENDPOINT_PUBLIC_ACCESS,
  SERVICE_IPV4_CIDR,
  oidcIssuer,
} from '../common/cluster-facts';
import { epochSeconds } from '../common/protocols';
import type { QueryDocument } from './query-evaluator';

/**
 * The configuration items (CIs) AWS Config records for the fleet: one per
 * EKS cluster and one per subnet. Clusters carry Config's CloudFormation-style
 * PascalCase `configuration`, subnets EC2's camelCase one. Each CI is built
 * from a copy of the facts it reads (clusterFacts, subnetFacts), so
 * item-index.ts can keep it until those facts change (sameFacts).
 */

export const EKS_CLUSTER = 'AWS::EKS::Cluster';
export const EC2_SUBNET = 'AWS::EC2::Subnet';

export interface ConfigurationItem {
  version: string;
  accountId: string;
  awsRegion: string;
  arn: string;
  resourceType: string;
  resourceId: string;
  resourceName?: string;
  availabilityZone: string;
  /** Epoch milliseconds. */
  resourceCreationTime?: number;
  /** Epoch milliseconds. */
  configurationItemCaptureTime: number;
  configurationItemStatus: 'ResourceDiscovered';
  configurationStateId: string;
  tags: Array<{ key: string; value: string }>;
  configuration: Record<string, unknown>;
  supplementaryConfiguration: Record<string, string>;
}

/** Which CIs a request sees: one account's recorder in one region, or (undefined) everything. */
export interface RecorderScope {
  accountId: string;
  region: string;
}

const CI_VERSION = '1.3';

function tagList(
  tags: Record<string, string>,
): Array<{ key: string; value: string }> {
  return Object.entries(tags).map(([key, value]) => ({ key, value }));
}

/** What a cluster's CI reads (not `kube`: reading it builds the cluster's objects). */
export type ClusterFacts = Pick<
  SimCluster,
  | 'arn'
  | 'name'
  | 'accountId'
  | 'region'
  | 'version'
  | 'status'
  | 'createdAt'
  | 'tags'
  | 'subnetIds'
  | 'securityGroupIds'
  | 'roleArn'
  | 'endpoint'
  | 'certificateAuthorityData'
>;

export type SubnetFacts = Pick<
  SimSubnet,
  'subnetId' | 'vpcId' | 'accountId' | 'region' | 'zone' | 'arn'
>;

export function clusterFacts(cluster: SimCluster): ClusterFacts {
  return {
    arn: cluster.arn,
    name: cluster.name,
    accountId: cluster.accountId,
    region: cluster.region,
    version: cluster.version,
    status: cluster.status,
    createdAt: cluster.createdAt,
    tags: { ...cluster.tags },
    subnetIds: [...cluster.subnetIds],
    securityGroupIds: [...cluster.securityGroupIds],
    roleArn: cluster.roleArn,
    endpoint: cluster.endpoint,
    certificateAuthorityData: cluster.certificateAuthorityData,
  };
}

export function subnetFacts(subnet: SimSubnet): SubnetFacts {
  return {
    subnetId: subnet.subnetId,
    vpcId: subnet.vpcId,
    accountId: subnet.accountId,
    region: subnet.region,
    zone: { ...subnet.zone },
    arn: subnet.arn,
  };
}

/**
 * Whether `source` still has the `facts` copied from it: scalars equal,
 * lists and structures (tags, subnet IDs, the zone) equal member by member
 * and in the same order (the CI lists tags in their order).
 */
export function sameFacts(
  source: object,
  facts: Readonly<Record<string, unknown>>,
): boolean {
  const live = source as Record<string, unknown>;
  for (const key of Object.keys(facts)) {
    const was = facts[key];
    const now = live[key];
    if (was === now) continue;
    if (typeof was !== 'object' || was === null) return false;
    if (typeof now !== 'object' || now === null) return false;
    const wasKeys = Object.keys(was);
    const nowKeys = Object.keys(now);
    if (wasKeys.length !== nowKeys.length) return false;
    for (let i = 0; i < wasKeys.length; i++) {
      const k = wasKeys[i];
      if (
        k !== nowKeys[i] ||
        (was as Record<string, unknown>)[k] !==
          (now as Record<string, unknown>)[k]
      )
        return false;
    }
  }
  return true;
}

export function clusterItem(
  cluster: ClusterFacts,
  capturedAt: number,
): ConfigurationItem {
  return {
    version: CI_VERSION,
    accountId: cluster.accountId,
    awsRegion: cluster.region,
    arn: cluster.arn,
    resourceType: EKS_CLUSTER,
    resourceId: cluster.name,
    resourceName: cluster.name,
    availabilityZone: 'Regional',
    resourceCreationTime: cluster.createdAt,
    configurationItemCaptureTime: capturedAt,
    configurationItemStatus: 'ResourceDiscovered',
    configurationStateId: String(capturedAt),
    tags: tagList(cluster.tags),
    configuration: {
      Name: cluster.name,
      Arn: cluster.arn,
      Version: cluster.version,
      ClusterStatus: cluster.status,
      Endpoint: cluster.endpoint,
      RoleArn: cluster.roleArn,
      CertificateAuthorityData: cluster.certificateAuthorityData,
      // oidcIssuer reads the ARN and region only, both among the facts.
      OpenIdConnectIssuerUrl: oidcIssuer(cluster as SimCluster),
      KubernetesNetworkConfig: {
        IpFamily: 'ipv4',
        ServiceIpv4Cidr: SERVICE_IPV4_CIDR,
      },
      ResourcesVpcConfig: {
        SubnetIds: [...cluster.subnetIds],
        SecurityGroupIds: [...cluster.securityGroupIds],
        EndpointPublicAccess: ENDPOINT_PUBLIC_ACCESS,
        EndpointPrivateAccess: ENDPOINT_PRIVATE_ACCESS,
      },
      Logging: { ClusterLogging: { EnabledTypes: [] } },
    },
    supplementaryConfiguration: {},
  };
}

export function subnetItem(
  subnet: SubnetFacts,
  capturedAt: number,
): ConfigurationItem {
  return {
    version: CI_VERSION,
    accountId: subnet.accountId,
    awsRegion: subnet.region,
    arn: subnet.arn,
    resourceType: EC2_SUBNET,
    resourceId: subnet.subnetId,
    availabilityZone: subnet.zone.name,
    configurationItemCaptureTime: capturedAt,
    configurationItemStatus: 'ResourceDiscovered',
    configurationStateId: String(capturedAt),
    tags: [],
    configuration: {
      subnetId: subnet.subnetId,
      subnetArn: subnet.arn,
      vpcId: subnet.vpcId,
      ownerId: subnet.accountId,
      availabilityZone: subnet.zone.name,
      availabilityZoneId: subnet.zone.id,
      state: 'available',
    },
    supplementaryConfiguration: {},
  };
}

/** Per account that limits its recorder, the types it records. */
function recordedTypesOf(model: FleetModel): Map<string, Set<string>> {
  const recorded = new Map<string, Set<string>>();
  for (const account of model.accounts()) {
    if (account.recordedTypes)
      recorded.set(account.accountId, new Set(account.recordedTypes));
  }
  return recorded;
}

/**
 * The CIs in `scope` (all of the fleet when undefined), clusters first, in
 * the model's order, built afresh: the plain full scan item-index.ts must
 * agree with (its tests compare the two). `recordingSince` is when the simulated recorder started:
 * a resource's CI was captured then, or at its creation if that is later.
 */
export function configurationItems(
  model: FleetModel,
  recordingSince: number,
  scope?: RecorderScope,
  /** Only these resource types (all when undefined). */
  types?: ReadonlySet<string>,
): ConfigurationItem[] {
  const inScope = (resource: { accountId: string; region: string }) =>
    !scope ||
    (resource.accountId === scope.accountId &&
      resource.region === scope.region);
  const wanted = (type: string) => !types || types.has(type);
  // An account's recorder that does not record a type has no CIs of it.
  const recorded = recordedTypesOf(model);
  const isRecorded = (type: string) => (resource: { accountId: string }) =>
    recorded.get(resource.accountId)?.has(type) ?? true;
  return [
    ...(wanted(EKS_CLUSTER) ? model.clusters() : [])
      .filter(inScope)
      .filter(isRecorded(EKS_CLUSTER))
      .map(cluster =>
        clusterItem(cluster, Math.max(recordingSince, cluster.createdAt)),
      ),
    ...(wanted(EC2_SUBNET) ? model.subnets() : [])
      .filter(inScope)
      .filter(isRecorded(EC2_SUBNET))
      .map(subnet => subnetItem(subnet, recordingSince)),
  ];
}

function isoTime(epochMillis: number | undefined): string | undefined {
  return epochMillis === undefined
    ? undefined
    : new Date(epochMillis).toISOString();
}

/** The CI as the query language reads and returns it (timestamps as ISO 8601 strings). */
export function queryDocument(item: ConfigurationItem): QueryDocument {
  const document: QueryDocument = { ...item };
  document.resourceCreationTime = isoTime(item.resourceCreationTime);
  document.configurationItemCaptureTime = isoTime(
    item.configurationItemCaptureTime,
  );
  document.relationships = [];
  return document;
}

/** The CI as BatchGetResourceConfig returns it: `BaseConfigurationItem`, no tags. */
export function baseConfigurationItem(
  item: ConfigurationItem,
): Record<string, unknown> {
  return {
    version: item.version,
    accountId: item.accountId,
    configurationItemCaptureTime: epochSeconds(
      item.configurationItemCaptureTime,
    ),
    configurationItemStatus: item.configurationItemStatus,
    configurationStateId: item.configurationStateId,
    arn: item.arn,
    resourceType: item.resourceType,
    resourceId: item.resourceId,
    resourceName: item.resourceName,
    awsRegion: item.awsRegion,
    availabilityZone: item.availabilityZone,
    resourceCreationTime:
      item.resourceCreationTime === undefined
        ? undefined
        : epochSeconds(item.resourceCreationTime),
    configuration: JSON.stringify(item.configuration),
    supplementaryConfiguration: item.supplementaryConfiguration,
  };
}
