/**
 * The Kubernetes refresh split into shards: which shard reads a cluster,
 * the scheduled task of each shard, and how people and logs name it.
 *
 * A cluster's shard depends only on its ARN and the shard count (FNV-1a,
 * 32-bit, over the ARN's UTF-8 bytes): every replica and every release
 * computes the same split, with no table to keep in step.
 */
import { InputError } from '@backstage/errors';

/** Most shards `fleetResilience.refresh.kubernetes.shards` allows. */
export const MAX_REFRESH_SHARDS = 256;

/** The one task of an unsharded refresh; shards append `:<k>-of-<n>`. */
export const KUBERNETES_REFRESH_TASK_ID = 'fleet-resilience:refresh-kubernetes';

/** One shard: `index` is 0-based, shown 1-based ("shard 1 of 4"). */
export interface RefreshShard {
  index: number;
  count: number;
}

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function checkCount(count: number): void {
  if (!Number.isInteger(count) || count < 1 || count > MAX_REFRESH_SHARDS) {
    throw new InputError(
      `shards must be an integer from 1 to ${MAX_REFRESH_SHARDS}, got ${count}`,
    );
  }
}

function checkShard(shard: RefreshShard): void {
  checkCount(shard.count);
  if (
    !Number.isInteger(shard.index) ||
    shard.index < 0 ||
    shard.index >= shard.count
  ) {
    throw new InputError(
      `shard index must be an integer from 0 to ${shard.count - 1}, got ${
        shard.index
      }`,
    );
  }
}

function mix(hash: number, byte: number): number {
  // Math.imul keeps the product in 32 bits, as the algorithm wants.
  return Math.imul(hash ^ byte, FNV_PRIME);
}

/**
 * FNV-1a 32-bit of `text`'s UTF-8 bytes, as an unsigned integer. The bytes
 * are walked without building a buffer (a shard run hashes every ARN); a
 * lone surrogate counts as U+FFFD, as TextEncoder encodes it.
 */
export function fnv1a32(text: string): number {
  let hash = FNV_OFFSET_BASIS;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code < 0x80) {
      hash = mix(hash, code);
      continue;
    }
    if (code < 0x800) {
      hash = mix(hash, 0xc0 | (code >> 6));
      hash = mix(hash, 0x80 | (code & 0x3f));
      continue;
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        i += 1;
        hash = mix(hash, 0xf0 | (code >> 18));
        hash = mix(hash, 0x80 | ((code >> 12) & 0x3f));
        hash = mix(hash, 0x80 | ((code >> 6) & 0x3f));
        hash = mix(hash, 0x80 | (code & 0x3f));
        continue;
      }
      code = 0xfffd;
    }
    hash = mix(hash, 0xe0 | (code >> 12));
    hash = mix(hash, 0x80 | ((code >> 6) & 0x3f));
    hash = mix(hash, 0x80 | (code & 0x3f));
  }
  return hash >>> 0;
}

/** The 0-based shard that reads `clusterArn` when there are `shards`. */
export function shardOf(clusterArn: string, shards: number): number {
  checkCount(shards);
  return fnv1a32(clusterArn) % shards;
}

/** Every shard of `count`, in order. */
export function allShards(count: number): RefreshShard[] {
  checkCount(count);
  return Array.from({ length: count }, (_, index) => ({ index, count }));
}

/** `<k>-of-<n>`, 1-based: the suffix of the shard's task ID and sources. */
export function shardLabel(shard: RefreshShard): string {
  checkShard(shard);
  return `${shard.index + 1}-of-${shard.count}`;
}

/** "shard k of n", for people and the log. */
export function shardName(shard: RefreshShard): string {
  checkShard(shard);
  return `shard ${shard.index + 1} of ${shard.count}`;
}

/** The scheduled task of a shard; one shard keeps the unsharded task's ID. */
export function kubernetesShardTaskId(shard: RefreshShard): string {
  const label = shardLabel(shard);
  return shard.count === 1
    ? KUBERNETES_REFRESH_TASK_ID
    : `${KUBERNETES_REFRESH_TASK_ID}:${label}`;
}

/** The shards that read at least one of `clusterArns`, in order. */
export function shardsHolding(
  clusterArns: Iterable<string>,
  count: number,
): RefreshShard[] {
  const indexes = new Set<number>();
  for (const arn of clusterArns) indexes.add(shardOf(arn, count));
  return [...indexes].sort((a, b) => a - b).map(index => ({ index, count }));
}
