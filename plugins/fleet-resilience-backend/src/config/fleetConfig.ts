/**
 * Reads and validates the backend's part of `fleetResilience.*` (see
 * config.d.ts). Bad config fails the plugin's start with a message naming
 * the key. The AWS endpoints, credentials and the AWS Config inventory scope
 * are read by the node package's `AwsClientFactory` and
 * `AwsConfigInventorySource`.
 */
import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { ConfigReader, type Config } from '@backstage/config';
import type { HumanDuration } from '@backstage/types';
import { readDurationMs, readIntegerIn } from './values';

export interface FleetResilienceBackendConfig {
  tags: { owner: string; system: string };
  schedules: {
    aws: SchedulerServiceTaskScheduleDefinition;
    kubernetes: SchedulerServiceTaskScheduleDefinition;
  };
  /**
   * The Kubernetes refresh split by cluster ARN into `count` scheduled
   * tasks; a replica runs at most `atOnce` of them at a time.
   */
  kubernetesShards: { count: number; atOnce: number };
  awsConcurrency: number;
  eksRecheckMs: number;
  kubernetes: { concurrency: number; timeoutMs: number };
  snapshotsPerCluster: number;
  /** `fleetResilience.inventory.awsConfig` is present: the built-in source is used. */
  awsConfigInventory: boolean;
}

export const CONFIG_DEFAULTS = {
  awsSchedule: { frequency: { minutes: 1 }, timeout: { minutes: 5 } },
  kubernetesSchedule: { frequency: { minutes: 2 }, timeout: { minutes: 10 } },
  awsConcurrency: 4,
  eksRecheckAfter: { minutes: 30 },
  kubernetesConcurrency: 8,
  kubernetesTimeout: { seconds: 30 },
  kubernetesShards: 1,
  kubernetesShardsAtOnce: 1,
  snapshotsPerCluster: 10,
  ownerTag: 'owner',
  systemTag: 'system',
} as const;

const ROOT = 'fleetResilience';

/** domain/refreshShards' MAX_REFRESH_SHARDS (a peer layer: not imported). */
const MAX_SHARDS = 256;

/** `key` is relative to `fleetResilience`; the message names the full key. */
function fail(key: string, problem: string): never {
  throw new Error(`Invalid config at '${ROOT}.${key}': ${problem}`);
}

function integerIn(
  config: Config,
  key: string,
  fallback: number,
  min: number,
  max: number,
): number {
  return readIntegerIn(config, ROOT, key, { fallback, min, max });
}

function duration(
  config: Config,
  key: string,
  fallback: HumanDuration,
  minMs: number,
): number {
  return readDurationMs(config, ROOT, key, { fallback, minMs });
}

function schedule(
  config: Config,
  key: string,
  fallback: { frequency: HumanDuration; timeout: HumanDuration },
): SchedulerServiceTaskScheduleDefinition {
  const given = config.getOptional(key);
  if (
    given !== undefined &&
    (typeof given !== 'object' || Array.isArray(given) || given === null)
  ) {
    fail(key, 'must be an object with frequency and timeout');
  }
  try {
    return readSchedulerServiceTaskScheduleDefinitionFromConfig(
      new ConfigReader({ ...fallback, ...(given ?? {}) }, `${ROOT}.${key}`),
    );
  } catch (error) {
    return fail(key, (error as Error).message);
  }
}

// AWS tag keys: 1-128 characters, no control characters.
function isTagKey(value: string): boolean {
  return (
    value.length >= 1 &&
    value.length <= 128 &&
    [...value].every(char => char.charCodeAt(0) >= 0x20)
  );
}

function tagName(config: Config, key: string, fallback: string): string {
  let value: string;
  try {
    value = config.getOptionalString(key) ?? fallback;
  } catch (error) {
    fail(key, `must be a string (${(error as Error).message})`);
  }
  if (!isTagKey(value) || value.trim() !== value) {
    fail(
      key,
      `must be an AWS tag key (1-128 characters, no surrounding spaces), got '${value}'`,
    );
  }
  return value;
}

export function readFleetResilienceConfig(
  config: Config,
): FleetResilienceBackendConfig {
  let c: Config;
  try {
    c = config.getOptionalConfig(ROOT) ?? new ConfigReader({}, ROOT);
  } catch (error) {
    throw new Error(`Invalid config at '${ROOT}': ${(error as Error).message}`);
  }
  return {
    tags: {
      owner: tagName(c, 'tags.owner', CONFIG_DEFAULTS.ownerTag),
      system: tagName(c, 'tags.system', CONFIG_DEFAULTS.systemTag),
    },
    schedules: {
      aws: schedule(c, 'refresh.aws.schedule', CONFIG_DEFAULTS.awsSchedule),
      kubernetes: schedule(
        c,
        'refresh.kubernetes.schedule',
        CONFIG_DEFAULTS.kubernetesSchedule,
      ),
    },
    kubernetesShards: {
      count: integerIn(
        c,
        'refresh.kubernetes.shards',
        CONFIG_DEFAULTS.kubernetesShards,
        1,
        MAX_SHARDS,
      ),
      // More than the shards is allowed: it never hands one back.
      atOnce: integerIn(
        c,
        'refresh.kubernetes.shardsAtOnce',
        CONFIG_DEFAULTS.kubernetesShardsAtOnce,
        1,
        MAX_SHARDS,
      ),
    },
    awsConcurrency: integerIn(
      c,
      'refresh.aws.concurrency',
      CONFIG_DEFAULTS.awsConcurrency,
      1,
      64,
    ),
    eksRecheckMs: duration(
      c,
      'refresh.eks.recheckAfter',
      CONFIG_DEFAULTS.eksRecheckAfter,
      0,
    ),
    kubernetes: {
      concurrency: integerIn(
        c,
        'kubernetes.concurrency',
        CONFIG_DEFAULTS.kubernetesConcurrency,
        1,
        256,
      ),
      timeoutMs: duration(
        c,
        'kubernetes.timeout',
        CONFIG_DEFAULTS.kubernetesTimeout,
        100,
      ),
    },
    snapshotsPerCluster: integerIn(
      c,
      'history.capacitySnapshotsPerCluster',
      CONFIG_DEFAULTS.snapshotsPerCluster,
      1,
      1000,
    ),
    awsConfigInventory: c.has('inventory.awsConfig'),
  };
}
