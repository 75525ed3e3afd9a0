/**
 * UpdateClusterConfig (zonal shift only), DescribeUpdate and ListUpdates.
 * Members and errors follow the EKS API model (`@aws-sdk/client-eks`
 * 3.1169, API 2017-11-01); see the package README, "Facts behind the
 * emulation".
 */
import type { SimCluster } from '../../model/types';
import { AwsApiError } from '../common/errors';
import {
  optionalString,
  parseJsonBody,
  type JsonObject,
} from '../common/input';
import { eksListPage } from './listPage';
import { updateJson, type EksUpdates } from './updates';

/** UpdateClusterConfig members that each start an update type of their own. */
const OTHER_UPDATE_MEMBERS = [
  'resourcesVpcConfig',
  'logging',
  'accessConfig',
  'upgradePolicy',
  'computeConfig',
  'kubernetesNetworkConfig',
  'storageConfig',
  'remoteNetworkConfig',
  'deletionProtection',
  'controlPlaneScalingConfig',
  'kubeApiServerConfig',
  'kubeSchedulerConfig',
  'kubeControllerManagerConfig',
];

const invalidParameter = (message: string, cluster: SimCluster) =>
  new AwsApiError('InvalidParameterException', message, 400, {
    clusterName: cluster.name,
  });

function zonalShiftEnabled(body: JsonObject, cluster: SimCluster): boolean {
  const given = OTHER_UPDATE_MEMBERS.filter(
    member => body[member] !== undefined && body[member] !== null,
  );
  const config = body.zonalShiftConfig;
  if (config !== undefined && config !== null && given.length > 0) {
    throw invalidParameter('Only one type of update can be allowed.', cluster);
  }
  if (config === undefined || config === null) {
    throw invalidParameter(
      given.length > 0
        ? `The simulator emulates only zonalShiftConfig updates, not ${given.join(
            ', ',
          )}`
        : 'No update was requested: give zonalShiftConfig',
      cluster,
    );
  }
  if (typeof config !== 'object' || Array.isArray(config)) {
    throw new AwsApiError(
      'SerializationException',
      "Cannot deserialize member 'zonalShiftConfig': expected a structure",
    );
  }
  const enabled = (config as JsonObject).enabled;
  if (typeof enabled !== 'boolean') {
    throw invalidParameter(
      'zonalShiftConfig.enabled must be true or false',
      cluster,
    );
  }
  return enabled;
}

export function updateClusterConfig(
  updates: EksUpdates,
  cluster: SimCluster,
  rawBody: Buffer,
) {
  const body = parseJsonBody(rawBody);
  const token = optionalString(body, 'clientRequestToken');
  const enabled = zonalShiftEnabled(body, cluster);
  const update = updates.startZonalShiftUpdate(cluster, enabled, token);
  return { update: updateJson(update) };
}

/** Node groups, add-ons and capabilities are not emulated: their updates are never found. */
function refuseSubresource(url: URL) {
  for (const name of ['nodegroupName', 'addonName', 'capabilityName']) {
    const value = url.searchParams.get(name);
    if (value !== null) {
      throw new AwsApiError(
        'ResourceNotFoundException',
        `No ${name.replace(/Name$/, '')} found for name: ${value}.`,
        404,
      );
    }
  }
}

export function describeUpdate(
  updates: EksUpdates,
  cluster: SimCluster,
  updateId: string,
  url: URL,
) {
  refuseSubresource(url);
  const update = updates.get(cluster, updateId);
  if (!update) {
    throw new AwsApiError(
      'ResourceNotFoundException',
      `No update found for ID: ${updateId}.`,
      404,
      { clusterName: cluster.name },
    );
  }
  return { update: updateJson(update) };
}

export function listUpdates(
  updates: EksUpdates,
  cluster: SimCluster,
  url: URL,
) {
  refuseSubresource(url);
  const page = eksListPage(
    url,
    updates.list(cluster),
    `updates/${cluster.arn}`,
  );
  return {
    updateIds: page.items.map(update => update.id),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
}
