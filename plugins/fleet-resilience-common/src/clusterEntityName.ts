/**
 * The catalog name of an EKS cluster's `Resource` entity: always a valid
 * Backstage entity name, unique across accounts and regions, stable over time.
 *
 * Rule:
 * - `<name>-<region>-<account ID>` when that is at most 63 characters, all
 *   lowercase letters and digits with single `-`, `_` or `.` between them, the
 *   account ID is 12 digits and the region looks like an AWS region
 *   (`us-east-1`, `ap-southeast-2`, `us-gov-west-1`). Such a name can be read
 *   back into exactly one (name, region, account) triple.
 * - otherwise (uppercase, other characters, too long, unusual parts): a slug
 *   of the name (truncated to fit), the region and account slugs, and an
 *   8-character hash of the exact triple: `<slug>-<region>-<account>-<hash>`.
 *
 * The two forms cannot collide: the last `-`-separated segment has 12
 * characters in the first and 8 in the second. Names compare
 * case-insensitively in the catalog, hence lowercase only.
 *
 * Lives in the common package so that the catalog module, the backend and
 * the frontend all name the entity the same way.
 */
import { stableHash } from './stableHash';

/**
 * Backstage's maximum entity name length.
 *
 * @public
 */
export const MAX_ENTITY_NAME_LENGTH = 63;

/**
 * The parts of a cluster's identity that its entity name depends on.
 *
 * @public
 */
export interface ClusterIdentity {
  accountId: string;
  region: string;
  name: string;
}

const CANONICAL = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/;
const ACCOUNT_ID = /^\d{12}$/;
// First segment two letters, the others three or more: no suffix of a region
// starting at a `-` is itself a region, so the canonical form splits one way only.
const REGION = /^[a-z]{2}(?:-[a-z]{3,})+-\d+$/;
const HASH_SEGMENT = 9; // `-` + 8 characters
// Shortest name slug kept before region and account are dropped from a hashed name.
const MIN_NAME_SLUG = 8;

/** Lowercase ASCII letters and digits, every other run as a single `-`. */
function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function canonicalName(identity: ClusterIdentity): string | undefined {
  const { accountId, region, name } = identity;
  const candidate = `${name}-${region}-${accountId}`;
  const ok =
    candidate.length <= MAX_ENTITY_NAME_LENGTH &&
    CANONICAL.test(name) &&
    REGION.test(region) &&
    ACCOUNT_ID.test(accountId);
  return ok ? candidate : undefined;
}

function hashedName(identity: ClusterIdentity): string {
  const hash = stableHash(
    JSON.stringify([identity.accountId, identity.region, identity.name]),
  );
  const nameSlug = slug(identity.name) || 'cluster';
  let tail = [slug(identity.region), slug(identity.accountId)]
    .filter(part => part.length > 0)
    .join('-');
  if (tail.length + 1 + HASH_SEGMENT + MIN_NAME_SLUG > MAX_ENTITY_NAME_LENGTH) {
    tail = ''; // pathological region or account: the hash alone identifies it
  }
  const budget =
    MAX_ENTITY_NAME_LENGTH - HASH_SEGMENT - (tail ? tail.length + 1 : 0);
  const head = nameSlug.slice(0, budget).replace(/-+$/, '');
  return [head, tail, hash].filter(part => part.length > 0).join('-');
}

/**
 * The entity name of a cluster (see the file comment for the rule).
 *
 * @public
 */
export function clusterEntityName(identity: ClusterIdentity): string {
  return canonicalName(identity) ?? hashedName(identity);
}

/**
 * The entity ref of a cluster's `Resource` entity, e.g.
 * `resource:default/payments-prod-use1-us-east-1-111122223333`.
 *
 * @public
 */
export function clusterEntityRef(identity: ClusterIdentity): string {
  return `resource:default/${clusterEntityName(identity)}`;
}
