/**
 * Readers of single config values shared by the plugin's config sections:
 * each fails with a message naming the full key, so bad config stops the
 * plugin at start-up and says where.
 */
import { readDurationFromConfig, type Config } from '@backstage/config';
import { durationToMilliseconds, type HumanDuration } from '@backstage/types';

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
      ? durationToMilliseconds(readDurationFromConfig(config, { key }))
      : durationToMilliseconds(range.fallback);
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
