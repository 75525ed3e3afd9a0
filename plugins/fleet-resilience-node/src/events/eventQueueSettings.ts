import type { Config } from '@backstage/config';
import { checkEndpointUrl } from '../aws/awsSettings';
import { isAccountId, isRegion } from '../aws/identifiers';
import { regionOfAwsServiceHost } from '../aws/partitions';

/**
 * Where ARC's events arrive (an SQS queue an EventBridge rule feeds) and how
 * to read it.
 *
 * @public
 */
export interface ArcEventQueueSettings {
  queueUrl: string;
  /** The account whose credentials read the queue; default: the queue's owner (from the URL). */
  accountId: string;
  /**
   * Default: from an AWS queue URL's host, `sqs.<region>.<dnsSuffix>` (or
   * `sqs-fips.`) in the region's own partition: `amazonaws.com`,
   * `amazonaws.com.cn`, ...
   */
  region: string;
  /** SQS endpoint override (the simulator, a VPC endpoint); `{region}` is replaced. */
  endpoint?: string;
  /** Long poll per ReceiveMessage, 1..20 s; default 20. */
  waitTimeSeconds: number;
  /** Messages per ReceiveMessage, 1..10; default 10. */
  maxMessages: number;
  /** Overrides the queue's visibility timeout for received messages, 0..43200 s. */
  visibilityTimeoutSeconds?: number;
}

export const ARC_EVENT_QUEUE_CONFIG_KEY = 'fleetResilience.events.sqs';

const QUEUE_PATH = /^\/(\d{12})\/([A-Za-z0-9_-]{1,80})$/;

/**
 * Checks the queue settings: an http(s) queue URL `<origin>/<account>/<name>`
 * (standard queues), an account and region given or read from the URL.
 */
export function checkArcEventQueueSettings(input: {
  queueUrl: string;
  accountId?: string;
  region?: string;
  endpoint?: string;
  waitTimeSeconds?: number;
  maxMessages?: number;
  visibilityTimeoutSeconds?: number;
}): ArcEventQueueSettings {
  const key = (name: string) => `${ARC_EVENT_QUEUE_CONFIG_KEY}.${name}`;
  let url: URL;
  try {
    url = new URL(input.queueUrl);
  } catch {
    throw new Error(
      `${key('queueUrl')} must be a URL, got '${input.queueUrl}'`,
    );
  }
  const path = QUEUE_PATH.exec(url.pathname);
  if (
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    url.username ||
    url.password ||
    url.search ||
    url.hash ||
    !path
  ) {
    throw new Error(
      `${key(
        'queueUrl',
      )} must be an SQS queue URL such as https://sqs.us-east-1.amazonaws.com/111122223333/fleet-resilience-arc-events (standard queues only), got '${
        input.queueUrl
      }'`,
    );
  }
  const accountId = input.accountId ?? path[1];
  if (!isAccountId(accountId)) {
    throw new Error(`${key('accountId')} must be a 12-digit account ID`);
  }
  const region = input.region ?? regionOfAwsServiceHost('sqs', url.hostname);
  if (region === undefined) {
    throw new Error(
      `${key('region')} is required: it cannot be read from the queue URL '${
        input.queueUrl
      }'`,
    );
  }
  if (!isRegion(region)) {
    throw new Error(`${key('region')} '${region}' is not an AWS region`);
  }
  const range = (
    name: string,
    value: number | undefined,
    min: number,
    max: number,
  ) => {
    if (
      value !== undefined &&
      !(Number.isInteger(value) && value >= min && value <= max)
    ) {
      throw new Error(
        `${key(name)} must be an integer from ${min} to ${max}, got ${value}`,
      );
    }
    return value;
  };
  const visibility = range(
    'visibilityTimeoutSeconds',
    input.visibilityTimeoutSeconds,
    0,
    43_200,
  );
  return {
    queueUrl: input.queueUrl,
    accountId,
    region,
    ...(input.endpoint !== undefined
      ? { endpoint: checkEndpointUrl(key('endpoint'), input.endpoint) }
      : {}),
    waitTimeSeconds:
      range('waitTimeSeconds', input.waitTimeSeconds, 1, 20) ?? 20,
    maxMessages: range('maxMessages', input.maxMessages, 1, 10) ?? 10,
    ...(visibility !== undefined
      ? { visibilityTimeoutSeconds: visibility }
      : {}),
  };
}

/**
 * Reads `fleetResilience.events.sqs`; undefined when it is absent (the event
 * path is optional: polling ARC alone still converges).
 *
 * @public
 */
export function readArcEventQueueSettings(
  config: Config,
): ArcEventQueueSettings | undefined {
  const sqs = config.getOptionalConfig(ARC_EVENT_QUEUE_CONFIG_KEY);
  if (!sqs) return undefined;
  return checkArcEventQueueSettings({
    queueUrl: sqs.getString('queueUrl'),
    accountId: sqs.getOptionalString('accountId'),
    region: sqs.getOptionalString('region'),
    endpoint: sqs.getOptionalString('endpoint'),
    waitTimeSeconds: sqs.getOptionalNumber('waitTimeSeconds'),
    maxMessages: sqs.getOptionalNumber('maxMessages'),
    visibilityTimeoutSeconds: sqs.getOptionalNumber('visibilityTimeoutSeconds'),
  });
}
