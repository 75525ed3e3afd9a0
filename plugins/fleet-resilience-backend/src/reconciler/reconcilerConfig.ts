/**
 * Reads and validates `fleetResilience.reconciler` (see config.d.ts). Bad
 * values stop the plugin at start-up with a message naming the key.
 */
import { ConfigReader, type Config } from '@backstage/config';
import {
  parseEksClusterArn,
  RECONCILE_MODES,
  type ReconcileMode,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { HumanDuration } from '@backstage/types';
import { readDurationMs, readIntegerIn } from '../config/values';
import { isReconcileMode } from './effectiveMode';
import type { ReconcilerSettings } from './types';

const ROOT = 'fleetResilience.reconciler';

export const RECONCILER_DEFAULTS = {
  enabled: true,
  mode: 'nodepool' as ReconcileMode,
  pollInterval: { seconds: 2 },
  lease: { seconds: 60 },
  concurrency: 16,
  clusterTimeout: { seconds: 20 },
  maxConflictRetries: 5,
  kickCheckInterval: { milliseconds: 200 },
  inventoryRefresh: { seconds: 15 },
} as const;

function fail(key: string, problem: string): never {
  throw new Error(`Invalid config at '${ROOT}.${key}': ${problem}`);
}

function durationMs(
  config: Config,
  key: string,
  fallback: HumanDuration,
  minMs: number,
  maxMs: number,
): number {
  return readDurationMs(config, ROOT, key, { fallback, minMs, maxMs });
}

function integer(
  config: Config,
  key: string,
  fallback: number,
  min: number,
  max: number,
): number {
  return readIntegerIn(config, ROOT, key, { fallback, min, max });
}

function mode(
  config: Config,
  key: string,
  fallback?: ReconcileMode,
  label = key,
): ReconcileMode {
  let value: string | undefined;
  try {
    value = config.getOptionalString(key);
  } catch (error) {
    fail(label, `must be a string (${(error as Error).message})`);
  }
  const result = value ?? fallback;
  if (!isReconcileMode(result)) {
    fail(
      label,
      `must be one of ${RECONCILE_MODES.join(', ')}, got '${result}'`,
    );
  }
  return result;
}

function overrides(config: Config): Map<string, ReconcileMode> {
  const result = new Map<string, ReconcileMode>();
  let items: Config[];
  try {
    items = config.getOptionalConfigArray('overrides') ?? [];
  } catch (error) {
    return fail(
      'overrides',
      `must be a list of { arn, mode } (${(error as Error).message})`,
    );
  }
  items.forEach((item, i) => {
    const key = `overrides[${i}]`;
    let arn: string;
    try {
      arn = item.getString('arn');
      parseEksClusterArn(arn);
    } catch (error) {
      fail(
        `${key}.arn`,
        `must be an EKS cluster ARN (${(error as Error).message})`,
      );
    }
    if (result.has(arn)) {
      fail(`${key}.arn`, `${arn} is listed twice`);
    }
    result.set(arn, mode(item, 'mode', undefined, `${key}.mode`));
  });
  return result;
}

function modeTag(config: Config): string | undefined {
  let value: string | undefined;
  try {
    value = config.getOptionalString('modeTag');
  } catch (error) {
    fail('modeTag', `must be a string (${(error as Error).message})`);
  }
  if (
    value !== undefined &&
    (value.length < 1 ||
      value.length > 128 ||
      value.trim() !== value ||
      [...value].some(char => char.charCodeAt(0) < 0x20))
  ) {
    fail(
      'modeTag',
      `must be an AWS tag key (1-128 characters, no surrounding spaces), got '${value}'`,
    );
  }
  return value;
}

export function readReconcilerConfig(root: Config): ReconcilerSettings {
  let config: Config;
  try {
    config = root.getOptionalConfig(ROOT) ?? new ConfigReader({}, ROOT);
  } catch (error) {
    throw new Error(`Invalid config at '${ROOT}': ${(error as Error).message}`);
  }
  let enabled: boolean;
  try {
    enabled =
      config.getOptionalBoolean('enabled') ?? RECONCILER_DEFAULTS.enabled;
  } catch (error) {
    return fail(
      'enabled',
      `must be true or false (${(error as Error).message})`,
    );
  }
  const clusterTimeoutMs = durationMs(
    config,
    'clusterTimeout',
    RECONCILER_DEFAULTS.clusterTimeout,
    1_000,
    10 * 60_000,
  );
  const leaseMs = durationMs(
    config,
    'lease',
    RECONCILER_DEFAULTS.lease,
    10_000,
    60 * 60_000,
  );
  if (leaseMs < 2 * clusterTimeoutMs) {
    fail(
      'lease',
      `must be at least twice clusterTimeout (${clusterTimeoutMs} ms): a run holds the reconciler for half the lease and lets its passes finish in the other half`,
    );
  }
  const tag = modeTag(config);
  return {
    enabled,
    mode: mode(config, 'mode', RECONCILER_DEFAULTS.mode),
    overrides: overrides(config),
    ...(tag ? { modeTag: tag } : {}),
    pollIntervalMs: durationMs(
      config,
      'pollInterval',
      RECONCILER_DEFAULTS.pollInterval,
      500,
      5 * 60_000,
    ),
    leaseMs,
    concurrency: integer(
      config,
      'concurrency',
      RECONCILER_DEFAULTS.concurrency,
      1,
      256,
    ),
    clusterTimeoutMs,
    maxConflictRetries: integer(
      config,
      'maxConflictRetries',
      RECONCILER_DEFAULTS.maxConflictRetries,
      0,
      20,
    ),
    kickCheckIntervalMs: durationMs(
      config,
      'kickCheckInterval',
      RECONCILER_DEFAULTS.kickCheckInterval,
      50,
      10_000,
    ),
    inventoryRefreshMs: durationMs(
      config,
      'inventoryRefresh',
      RECONCILER_DEFAULTS.inventoryRefresh,
      1_000,
      10 * 60_000,
    ),
  };
}
