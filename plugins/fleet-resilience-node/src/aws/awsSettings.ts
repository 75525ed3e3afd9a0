import type { Config } from '@backstage/config';
import { DEFAULT_ARC_TIMEOUTS } from '../arc/transport';

/**
 * An AWS service whose endpoint can be overridden.
 *
 * @public
 */
export type AwsEndpointService =
  | 'config'
  | 'arc'
  | 'resiliencehub'
  | 'eks'
  | 'sts';

/** Every {@link AwsEndpointService}. */
export const AWS_ENDPOINT_SERVICES: readonly AwsEndpointService[] = [
  'config',
  'arc',
  'resiliencehub',
  'eks',
  'sts',
];

/**
 * One URL per service; `{region}` in it is replaced by the client's region.
 * Unset services use the AWS default endpoint of the region.
 *
 * @public
 */
export type AwsEndpoints = Partial<Record<AwsEndpointService, string>>;

export interface AwsClientSettings {
  endpoints: AwsEndpoints;
  /** Attempts per AWS call, the first included (throttling and 5xx are retried). */
  maxAttempts: number;
  /** Per attempt: connect and idle-socket timeout of the SDK's HTTP handler. */
  requestTimeoutMs: number;
  /** Per call of an SDK client, retries and backoff included. */
  deadlineMs: number;
  /** ARC's calls, which users wait on: per attempt and per call. */
  arc: { attemptTimeoutMs: number; deadlineMs: number };
  /** AWS's FIPS endpoints (where an endpoint is not overridden). */
  useFipsEndpoint: boolean;
}

/**
 * The role shift actions and NodePool writes use, in every account
 * (`fleetResilience.aws.operatorRole`).
 *
 * @public
 */
export interface OperatorRoleSettings {
  /** The IAM role's name (not its ARN), the same in every account. */
  roleName: string;
  /** The `sts:ExternalId` the role's trust policy asks for, if any. */
  externalId?: string;
}

/** IAM's role name: 1 to 64 of letters, digits and `+=,.@_-`. */
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
/** STS's ExternalId: 2 to 1224 of letters, digits and `+=,.@:/_-`. */
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;

/** Reads `fleetResilience.aws.operatorRole`; undefined when it is not set. */
export function readOperatorRole(
  config: Config,
): OperatorRoleSettings | undefined {
  const role = config.getOptionalConfig('fleetResilience.aws.operatorRole');
  if (!role) {
    return undefined;
  }
  const roleName = role.getString('roleName');
  if (!ROLE_NAME.test(roleName)) {
    throw new Error(
      `fleetResilience.aws.operatorRole.roleName must be an IAM role name (1 to 64 letters, digits or +=,.@_-), got '${roleName}'`,
    );
  }
  const externalId = role.getOptionalString('externalId');
  if (externalId !== undefined && !EXTERNAL_ID.test(externalId)) {
    // The value is a shared secret of sorts: never echoed.
    throw new Error(
      'fleetResilience.aws.operatorRole.externalId must be 2 to 1224 letters, digits or +=,.@:/_- (as STS AssumeRole takes it)',
    );
  }
  return { roleName, ...(externalId !== undefined ? { externalId } : {}) };
}

export const DEFAULT_AWS_MAX_ATTEMPTS = 5;
export const DEFAULT_AWS_REQUEST_TIMEOUT_MS = 15_000;
export const DEFAULT_AWS_DEADLINE_MS = 120_000;

/** Refuses endpoint URLs that are not plain http(s) origins (with an optional path). */
export function checkEndpointUrl(key: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value.replace(/\{region\}/g, 'us-east-1'));
  } catch {
    throw new Error(`${key} must be a URL, got '${value}'`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`${key} must be an http or https URL, got '${value}'`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new Error(`${key} must not carry credentials, a query or a fragment`);
  }
  return value.replace(/\/+$/, '');
}

export function checkPositiveInteger(key: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${key} must be a positive integer, got ${value}`);
  }
  return value;
}

/** Reads `fleetResilience.aws` (every key optional). */
export function readAwsClientSettings(config: Config): AwsClientSettings {
  const aws = config.getOptionalConfig('fleetResilience.aws');
  const endpoints: AwsEndpoints = {};
  for (const service of AWS_ENDPOINT_SERVICES) {
    const key = `endpoints.${service}`;
    const value = aws?.getOptionalString(key);
    if (value !== undefined) {
      endpoints[service] = checkEndpointUrl(
        `fleetResilience.aws.${key}`,
        value,
      );
    }
  }
  return {
    endpoints,
    maxAttempts: checkPositiveInteger(
      'fleetResilience.aws.maxAttempts',
      aws?.getOptionalNumber('maxAttempts') ?? DEFAULT_AWS_MAX_ATTEMPTS,
    ),
    requestTimeoutMs: checkPositiveInteger(
      'fleetResilience.aws.requestTimeoutMs',
      aws?.getOptionalNumber('requestTimeoutMs') ??
        DEFAULT_AWS_REQUEST_TIMEOUT_MS,
    ),
    deadlineMs: checkPositiveInteger(
      'fleetResilience.aws.deadlineMs',
      aws?.getOptionalNumber('deadlineMs') ?? DEFAULT_AWS_DEADLINE_MS,
    ),
    arc: {
      attemptTimeoutMs: checkPositiveInteger(
        'fleetResilience.aws.arc.attemptTimeoutMs',
        aws?.getOptionalNumber('arc.attemptTimeoutMs') ??
          DEFAULT_ARC_TIMEOUTS.attemptTimeoutMs,
      ),
      deadlineMs: checkPositiveInteger(
        'fleetResilience.aws.arc.deadlineMs',
        aws?.getOptionalNumber('arc.deadlineMs') ??
          DEFAULT_ARC_TIMEOUTS.deadlineMs,
      ),
    },
    useFipsEndpoint: aws?.getOptionalBoolean('useFipsEndpoint') ?? false,
  };
}

/** The endpoint for `service` in `region`, or undefined for the AWS default. */
export function endpointFor(
  endpoints: AwsEndpoints,
  service: AwsEndpointService,
  region: string,
): string | undefined {
  return endpoints[service]?.replace(/\{region\}/g, region);
}
