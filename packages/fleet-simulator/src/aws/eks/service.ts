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
import { constraintError, queryInteger } from '../common/input';
import { pageOf, pageOffset } from '../common/paging';
import { epochSeconds, jsonService, REST_JSON_1 } from '../common/protocols';
import { pathLabel, unknownOperation } from '../common/routing';

/**
 * Amazon EKS (signing name `eks`, restJson1): DescribeCluster and
 * ListClusters over the clusters of the caller's account (see
 * callerAccountId) in the caller's region.
 */

const DEFAULT_PAGE = 100;
const MAX_PAGE = 100;
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
  const maxResults = queryInteger(url, 'maxResults');
  if (maxResults !== undefined && (maxResults < 1 || maxResults > MAX_PAGE)) {
    throw constraintError(
      'maxResults',
      maxResults,
      `Member must have value between 1 and ${MAX_PAGE}`,
      'InvalidParameterException',
    );
  }
  const tokenScope = `clusters/${scopeKey}`;
  const offset = pageOffset(
    url.searchParams.get('nextToken'),
    tokenScope,
    () =>
      new AwsApiError(
        'InvalidParameterException',
        'The specified nextToken is not valid.',
      ),
  );
  const page = pageOf(clusters, offset, maxResults ?? DEFAULT_PAGE, tokenScope);
  return {
    clusters: page.items.map(cluster => cluster.name),
    nextToken: page.nextToken,
  };
}

export function createEksService(model: FleetModel): AwsServiceHandler {
  return jsonService('eks', REST_JSON_1, (request, caller) => {
    const scope = callerScope(model, caller);
    const clusters = model.clusters().filter(scope.holds);
    const path = request.url.pathname;
    if (request.method === 'GET' && path === '/clusters') {
      return listClusters(request.url, clusters, scope.key);
    }
    const described = /^\/clusters\/([^/]+)$/.exec(path);
    if (request.method === 'GET' && described) {
      const name = pathLabel(described[1]);
      const cluster = clusters.find(candidate => candidate.name === name);
      if (!cluster) {
        throw new AwsApiError(
          'ResourceNotFoundException',
          `No cluster found for name: ${name ?? described[1]}.`,
          404,
          { clusterName: name ?? described[1] },
        );
      }
      return describeCluster(model, cluster);
    }
    throw unknownOperation('EKS', request.method, path);
  });
}
