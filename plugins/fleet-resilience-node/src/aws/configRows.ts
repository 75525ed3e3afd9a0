import {
  InvalidClusterArnError,
  parseEksClusterArn,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { checkApiServerEndpoint } from '../kubernetes/apiServerEndpoint';
import type {
  InventoryCluster,
  InventoryProblem,
  InventorySubnet,
} from '../sources/types';
import { describeError } from '../util/errors';
import { isRecord, parseMaybeJson, type JsonRecord } from '../util/json';
import { SUBNET_ID } from './configQuery';
import { isAccountId, isRegion } from './identifiers';

/**
 * Turns AWS Config `Select*ResourceConfig` rows (one JSON string each) into
 * inventory records. A row that cannot be trusted becomes one problem and
 * nothing else; a row with a bad optional part (an insecure endpoint, a
 * malformed CA, a malformed subnet ID) keeps the rest and reports that part.
 */

export const AWS_CONFIG_SOURCE = 'aws-config';

export type RowResult<T> =
  | { ok: true; value: T; problems: InventoryProblem[] }
  | { ok: false; problem: InventoryProblem };

export interface ClusterRowOptions {
  /** Accept `http://` API server URLs (the embedded simulator only). */
  allowInsecureEndpoints: boolean;
}

class RowError extends Error {}

const AZ_NAME = /^[a-z]{2}(-[a-z]+)+-\d+(-[a-z]+-\d+)?[a-z]$/;
const AZ_ID = /^[a-z]{2,5}\d+(-[a-z]+\d+)?-az\d+$/;
const VPC_ID = /^vpc-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const KUBERNETES_VERSION = /^\d+\.\d+$/;
const MAX_CA_LENGTH = 64 * 1024;

function problem(
  resource: string | undefined,
  message: string,
): InventoryProblem {
  return {
    source: AWS_CONFIG_SOURCE,
    ...(resource ? { resource } : {}),
    message,
  };
}

function parseRow(row: unknown): JsonRecord {
  let parsed: unknown;
  try {
    parsed = parseMaybeJson(row);
  } catch (error) {
    throw new RowError(`the row is not JSON (${describeError(error)})`);
  }
  if (!isRecord(parsed)) throw new RowError('the row is not a JSON object');
  return parsed;
}

/** `configuration` arrives as an object or as a JSON-encoded string. */
function configurationOf(row: JsonRecord): JsonRecord {
  let configuration: unknown;
  try {
    configuration = parseMaybeJson(row.configuration);
  } catch {
    throw new RowError('configuration is a string but not JSON');
  }
  if (!isRecord(configuration)) {
    throw new RowError('the row has no configuration object');
  }
  return configuration;
}

function optionalString(
  record: JsonRecord,
  key: string,
  path = key,
): string | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new RowError(`${path} is not a string`);
  return value;
}

function stringList(
  record: JsonRecord | undefined,
  key: string,
  path: string,
): string[] {
  const value = record?.[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every(item => typeof item === 'string')) {
    throw new RowError(`${path} is not a list of strings`);
  }
  return value;
}

/** Config's `tags: [{key, value}]`. */
function tagsOf(row: JsonRecord): Record<string, string> {
  const tags: Record<string, string> = {};
  const value = row.tags;
  if (value === undefined || value === null) return tags;
  if (!Array.isArray(value)) throw new RowError('tags is not a list');
  for (const tag of value) {
    if (!isRecord(tag) || typeof tag.key !== 'string') {
      throw new RowError('a tag has no string key');
    }
    if (
      tag.value !== undefined &&
      tag.value !== null &&
      typeof tag.value !== 'string'
    ) {
      throw new RowError(`tag '${tag.key}' has a value that is not a string`);
    }
    tags[tag.key] = typeof tag.value === 'string' ? tag.value : '';
  }
  return tags;
}

/** Select returns ISO 8601 strings; epoch seconds are accepted too. */
function captureTimeOf(row: JsonRecord): string | undefined {
  const value = row.configurationItemCaptureTime;
  let time = NaN;
  if (typeof value === 'number') time = value * 1000;
  else if (typeof value === 'string') time = Date.parse(value);
  return Number.isFinite(time) ? new Date(time).toISOString() : undefined;
}

function isBase64(value: string): boolean {
  return value.length % 4 === 0 && BASE64.test(value);
}

export function parseClusterRow(
  row: unknown,
  options: ClusterRowOptions,
): RowResult<InventoryCluster> {
  let resource: string | undefined;
  try {
    const record = parseRow(row);
    if (typeof record.arn !== 'string')
      throw new RowError('the row has no arn');
    resource = record.arn;
    const ref = parseEksClusterArn(record.arn);
    if (record.accountId !== undefined && record.accountId !== ref.accountId) {
      throw new RowError(
        `accountId ${String(record.accountId)} does not match the ARN`,
      );
    }
    if (record.awsRegion !== undefined && record.awsRegion !== ref.region) {
      throw new RowError(
        `awsRegion ${String(record.awsRegion)} does not match the ARN`,
      );
    }
    const configuration = configurationOf(record);
    const name = optionalString(configuration, 'Name', 'configuration.Name');
    if (name !== undefined && name !== ref.name) {
      throw new RowError(`configuration.Name '${name}' does not match the ARN`);
    }
    const vpc = configuration.ResourcesVpcConfig;
    if (vpc !== undefined && vpc !== null && !isRecord(vpc)) {
      throw new RowError('configuration.ResourcesVpcConfig is not an object');
    }
    const vpcConfig = isRecord(vpc) ? vpc : undefined;
    const listedSubnetIds = stringList(
      vpcConfig,
      'SubnetIds',
      'configuration.ResourcesVpcConfig.SubnetIds',
    );
    // A malformed subnet ID drops that subnet (and its AZ), not the cluster;
    // it is never put into a query.
    const subnetIds = listedSubnetIds.filter(id => SUBNET_ID.test(id));
    const badSubnets = listedSubnetIds.filter(id => !SUBNET_ID.test(id));
    const securityGroupIds = stringList(
      vpcConfig,
      'SecurityGroupIds',
      'configuration.ResourcesVpcConfig.SecurityGroupIds',
    );
    const tags = tagsOf(record);

    const problems: InventoryProblem[] = badSubnets.map(id =>
      problem(
        ref.arn,
        `subnet dropped: ${JSON.stringify(
          id.slice(0, 60),
        )} in configuration.ResourcesVpcConfig.SubnetIds is not a subnet ID`,
      ),
    );
    const version = optionalString(
      configuration,
      'Version',
      'configuration.Version',
    );
    if (version !== undefined && !KUBERNETES_VERSION.test(version)) {
      throw new RowError(
        `configuration.Version '${version}' is not a Kubernetes version like 1.33`,
      );
    }
    const rawEndpoint = optionalString(
      configuration,
      'Endpoint',
      'configuration.Endpoint',
    );
    let endpoint: string | undefined;
    if (rawEndpoint !== undefined && rawEndpoint !== '') {
      const checked = checkApiServerEndpoint(
        rawEndpoint,
        options.allowInsecureEndpoints,
      );
      if (checked.ok) endpoint = checked.url;
      else
        problems.push(problem(ref.arn, `endpoint dropped: ${checked.reason}`));
    }
    let certificateAuthorityData = optionalString(
      configuration,
      'CertificateAuthorityData',
      'configuration.CertificateAuthorityData',
    );
    if (
      certificateAuthorityData !== undefined &&
      (certificateAuthorityData.length > MAX_CA_LENGTH ||
        !isBase64(certificateAuthorityData))
    ) {
      problems.push(
        problem(
          ref.arn,
          'certificate authority dropped: CertificateAuthorityData is not base64',
        ),
      );
      certificateAuthorityData = undefined;
    }
    const status = optionalString(
      configuration,
      'ClusterStatus',
      'configuration.ClusterStatus',
    );
    const capturedAt = captureTimeOf(record);

    return {
      ok: true,
      value: {
        ref,
        ...(version !== undefined ? { version } : {}),
        ...(status !== undefined ? { status } : {}),
        ...(endpoint !== undefined ? { endpoint } : {}),
        ...(certificateAuthorityData ? { certificateAuthorityData } : {}),
        subnetIds,
        securityGroupIds,
        tags,
        ...(capturedAt !== undefined ? { capturedAt } : {}),
      },
      problems,
    };
  } catch (error) {
    if (error instanceof RowError || error instanceof InvalidClusterArnError) {
      return {
        ok: false,
        problem: problem(resource, `EKS cluster row skipped: ${error.message}`),
      };
    }
    throw error;
  }
}

/** A subnet row (EC2's camelCase `configuration`). */
export function parseSubnetRow(row: unknown): RowResult<InventorySubnet> {
  let resource: string | undefined;
  try {
    const record = parseRow(row);
    if (typeof record.resourceId !== 'string')
      throw new RowError('the row has no resourceId');
    resource = record.resourceId;
    if (!SUBNET_ID.test(record.resourceId)) {
      throw new RowError(
        `resourceId '${record.resourceId}' is not a subnet ID`,
      );
    }
    const { accountId, awsRegion } = record;
    if (!isAccountId(accountId))
      throw new RowError('accountId is not a 12-digit account ID');
    if (!isRegion(awsRegion))
      throw new RowError('awsRegion is not a region code');
    resource = `${accountId}/${awsRegion}/${record.resourceId}`;
    const configuration = configurationOf(record);
    const zoneName = optionalString(
      configuration,
      'availabilityZone',
      'configuration.availabilityZone',
    );
    const zoneId = optionalString(
      configuration,
      'availabilityZoneId',
      'configuration.availabilityZoneId',
    );
    if (
      zoneName === undefined ||
      !AZ_NAME.test(zoneName) ||
      !zoneName.startsWith(awsRegion)
    ) {
      throw new RowError(
        `configuration.availabilityZone '${String(
          zoneName,
        )}' is not an AZ name in ${awsRegion}`,
      );
    }
    if (zoneId === undefined || !AZ_ID.test(zoneId)) {
      throw new RowError(
        `configuration.availabilityZoneId '${String(zoneId)}' is not an AZ ID`,
      );
    }
    const vpcId = optionalString(configuration, 'vpcId', 'configuration.vpcId');
    return {
      ok: true,
      value: {
        accountId,
        region: awsRegion,
        subnetId: record.resourceId,
        ...(vpcId !== undefined && VPC_ID.test(vpcId) ? { vpcId } : {}),
        zone: { name: zoneName, id: zoneId },
      },
      problems: [],
    };
  } catch (error) {
    if (error instanceof RowError) {
      return {
        ok: false,
        problem: problem(resource, `subnet row skipped: ${error.message}`),
      };
    }
    throw error;
  }
}
