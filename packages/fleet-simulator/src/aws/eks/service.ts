import type { AwsServiceHandler } from '../../http';
import type { FleetModel, SimCluster } from '../../model/types';
import { callerScope } from '../common/caller';
import {
  clusterSecurityGroupId,
  clusterVpcId,
  ENDPOINT_PRIVATE_ACCESS,
  ENDPOINT_PUBLIC_ACCESS,
  oidcIssuer,
  SERVICE_IPV4_CIDR,
} from '../common/cluster-facts';
import { AwsApiError } from '../common/errors';
import { epochSeconds, jsonService, REST_JSON_1 } from '../common/protocols';
import { pathLabel, unknownOperation } from '../common/routing';
import { eksListPage } from './listPage';
import {
  describeUpdate,
  listUpdates,
  updateClusterConfig,
} from './updateOperations';
import type { EksUpdates } from './updates';

/**
 * Amazon EKS (signing name `eks`, restJson1): DescribeCluster, ListClusters,
 * and UpdateClusterConfig (zonal shift), DescribeUpdate and ListUpdates when
 * given the fleet's updates, over the clusters of the caller's account (see
 * callerAccountId) in the caller's region.
 */

const PLATFORM_VERSION = 'eks.1';
const LOG_TYPES = [
  'api',
  'audit',
  'authenticator',
  'controllerManager',
  'scheduler',
];

function describeCluster(model: FleetModel, cluster: SimCluster) {
  return {
    cluster: {
      name: cluster.name,
      arn: cluster.arn,
      createdAt: epochSeconds(cluster.createdAt),
      version: cluster.version,
      endpoint: cluster.endpoint,
      roleArn: cluster.roleArn,
      resourcesVpcConfig: {
        subnetIds: [...cluster.subnetIds],
        securityGroupIds: [...cluster.securityGroupIds],
        clusterSecurityGroupId: clusterSecurityGroupId(cluster),
        vpcId: clusterVpcId(model, cluster),
        endpointPublicAccess: ENDPOINT_PUBLIC_ACCESS,
        endpointPrivateAccess: ENDPOINT_PRIVATE_ACCESS,
        publicAccessCidrs: ['0.0.0.0/0'],
      },
      kubernetesNetworkConfig: {
        serviceIpv4Cidr: SERVICE_IPV4_CIDR,
        ipFamily: 'ipv4',
      },
      logging: { clusterLogging: [{ types: LOG_TYPES, enabled: false }] },
      identity: { oidc: { issuer: oidcIssuer(cluster) } },
      status: cluster.status,
      certificateAuthority: { data: cluster.certificateAuthorityData },
      platformVersion: PLATFORM_VERSION,
      tags: { ...cluster.tags },
      health: { issues: [] },
      accessConfig: { authenticationMode: 'API_AND_CONFIG_MAP' },
      upgradePolicy: { supportType: 'STANDARD' },
      zonalShiftConfig: { enabled: cluster.zonalShiftEnabled },
    },
  };
}

function listClusters(url: URL, clusters: SimCluster[], scopeKey: string) {
  const page = eksListPage(url, clusters, `clusters/${scopeKey}`);
  return {
    clusters: page.items.map(cluster => cluster.name),
    nextToken: page.nextToken,
  };
}

function notFound(label: string) {
  const name = pathLabel(label);
  return new AwsApiError(
    'ResourceNotFoundException',
    `No cluster found for name: ${name ?? label}.`,
    404,
    { clusterName: name ?? label },
  );
}

export function createEksService(
  model: FleetModel,
  updates?: EksUpdates,
): AwsServiceHandler {
  return jsonService('eks', REST_JSON_1, (request, caller) => {
    const scope = callerScope(model, caller);
    const clusters = model.clusters().filter(scope.holds);
    const { method, url } = request;
    const path = url.pathname;
    if (method === 'GET' && path === '/clusters') {
      return listClusters(url, clusters, scope.key);
    }
    const match = /^\/clusters\/([^/]+)(\/.*)?$/.exec(path);
    if (!match) throw unknownOperation('EKS', method, path);
    const [, label, rest = ''] = match;
    const clusterOf = () => {
      const name = pathLabel(label);
      const cluster = clusters.find(candidate => candidate.name === name);
      if (!cluster) throw notFound(label);
      return cluster;
    };
    if (method === 'GET' && rest === '') {
      return describeCluster(model, clusterOf());
    }
    if (updates) {
      if (method === 'POST' && rest === '/update-config') {
        return updateClusterConfig(updates, clusterOf(), request.body);
      }
      if (method === 'GET' && rest === '/updates') {
        return listUpdates(updates, clusterOf(), url);
      }
      const update = /^\/updates\/([^/]+)$/.exec(rest);
      if (method === 'GET' && update) {
        const cluster = clusterOf();
        return describeUpdate(
          updates,
          cluster,
          pathLabel(update[1]) ?? update[1],
          url,
        );
      }
    }
    throw unknownOperation('EKS', method, path);
  });
}
