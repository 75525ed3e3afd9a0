/**
 * Readers of single config values shared by the plugin's config sections:
 * each fails with a message naming the full key, so bad config stops the
 * plugin at start-up and says where.
 */
import { readDurationFromConfig, type Config } from '@backstage/config';
import type { HumanDuration } from '@backstage/types';

const MS: Record<keyof HumanDuration, number> = {
  years: 365 * 24 * 3600_000,
  months: 30 * 24 * 3600_000,
  weeks: 7 * 24 * 3600_000,
  days: 24 * 3600_000,
  hours: 3600_000,
  minutes: 60_000,
  seconds: 1000,
  milliseconds: 1,
};

export function durationToMs(value: HumanDuration): number {
  return (Object.keys(MS) as Array<keyof HumanDuration>).reduce(
    (total, unit) => total + (value[unit] ?? 0) * MS[unit],
    0,
  );
}

/** `key` is relative to `root`; the message names the full key. */
export function configFailure(
  root: string,
  key: string,
  problem: string,
): never {
  throw new Error(`Invalid config at '${root}.${key}': ${problem}`);
}

/** An integer from `min` to `max`; `fallback` when absent (or when the section is). */
export function readIntegerIn(
  config: Config | undefined,
  root: string,
  key: string,
  range: { fallback: number; min: number; max: number },
): number {
  let value: number | undefined;
  try {
    value = config?.getOptionalNumber(key);
  } catch (error) {
    configFailure(root, key, `must be a number (${(error as Error).message})`);
  }
  const result = value ?? range.fallback;
  if (!Number.isInteger(result) || result < range.min || result > range.max) {
    configFailure(
      root,
      key,
      `must be an integer from ${range.min} to ${range.max}, got ${result}`,
    );
  }
  return result;
}

/** A duration (`{ seconds: 30 }` or `30s`-style) in milliseconds, within bounds. */
export function readDurationMs(
  config: Config,
  root: string,
  key: string,
  range: { fallback: HumanDuration; minMs: number; maxMs?: number },
): number {
  let ms = 0;
  try {
    ms = config.has(key)
      ? durationToMs(readDurationFromConfig(config, { key }))
      : durationToMs(range.fallback);
  } catch (error) {
    configFailure(root, key, (error as Error).message);
  }
  const { minMs, maxMs } = range;
  if (maxMs === undefined && !(ms >= minMs)) {
    configFailure(root, key, `must be at least ${minMs} ms`);
  }
  if (maxMs !== undefined && !(ms >= minMs && ms <= maxMs)) {
    configFailure(
      root,
      key,
      `must be from ${minMs} ms to ${maxMs} ms, got ${ms} ms`,
    );
  }
  return ms;
}
