import { InputError } from '@backstage/errors';
import { isAccountId } from './identifiers';

/**
 * AWS Config advanced queries, built from validated parts only: every
 * literal is checked against a strict pattern and then quoted (a quote
 * doubled), so no input can ever become query syntax.
 */

export const EKS_CLUSTER_TYPE = 'AWS::EKS::Cluster';
export const EC2_SUBNET_TYPE = 'AWS::EC2::Subnet';
/** AWS Config's limit on `Expression`. */
export const MAX_EXPRESSION_LENGTH = 4096;

/**
 * A cluster must carry tag `key` (with `value`, when given).
 *
 * @public
 */
export interface TagFilter {
  key: string;
  value?: string;
}

// Stricter than AWS's tag grammar on purpose: no quotes, no `%` and no `=` in
// keys (a `tags.tag` literal is `key=value`, so a key with `=` is ambiguous).
const TAG_KEY = /^[A-Za-z0-9 _.:/+\-@]{1,128}$/;
const TAG_VALUE = /^[A-Za-z0-9 _.:/=+\-@]{0,256}$/;
export const SUBNET_ID = /^subnet-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

export function checkTagFilter(filter: TagFilter): TagFilter {
  if (typeof filter.key !== 'string' || !TAG_KEY.test(filter.key)) {
    throw new InputError(
      `Invalid tag filter key '${String(
        filter.key,
      )}': 1-128 letters, digits, spaces and _ . : / + - @`,
    );
  }
  if (
    filter.value !== undefined &&
    (typeof filter.value !== 'string' || !TAG_VALUE.test(filter.value))
  ) {
    throw new InputError(
      `Invalid tag filter value '${String(filter.value)}' for key '${
        filter.key
      }': up to 256 letters, digits, spaces and _ . : / = + - @`,
    );
  }
  return filter;
}

/** A single-quoted string literal; a quote inside is doubled, as Config reads it. */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function tagCondition(filter: TagFilter): string {
  const { key, value } = checkTagFilter(filter);
  return value === undefined
    ? `tags.key = ${quoteLiteral(key)}`
    : `tags.tag = ${quoteLiteral(`${key}=${value}`)}`;
}

export const CLUSTER_FIELDS = [
  'resourceId',
  'resourceName',
  'accountId',
  'awsRegion',
  'arn',
  'tags',
  'configuration',
  'configurationItemCaptureTime',
] as const;

/**
 * Which accounts a cluster query covers: those listed (`in`), or every
 * account but those listed (`notIn`, the remainder of a partition).
 */
export type AccountCondition =
  | { kind: 'in'; accountIds: readonly string[] }
  | { kind: 'notIn'; accountIds: readonly string[] };

function accountCondition(condition: AccountCondition): string {
  if (condition.accountIds.length === 0)
    throw new InputError('An account condition needs at least one account');
  for (const id of condition.accountIds) {
    if (!isAccountId(id)) throw new InputError(`'${id}' is not an account ID`);
  }
  const literals = condition.accountIds.map(quoteLiteral);
  if (condition.kind === 'in' && literals.length === 1)
    return `accountId = ${literals[0]}`;
  return `accountId ${
    condition.kind === 'in' ? 'IN' : 'NOT IN'
  } (${literals.join(', ')})`;
}

/**
 * Every EKS cluster, optionally only those carrying each of `tagFilters`
 * and only in the accounts `accounts` names.
 */
export function buildClusterQuery(
  tagFilters: readonly TagFilter[] = [],
  accounts?: AccountCondition,
): string {
  const conditions = [
    `resourceType = ${quoteLiteral(EKS_CLUSTER_TYPE)}`,
    ...(accounts ? [accountCondition(accounts)] : []),
    ...tagFilters.map(tagCondition),
  ];
  return `SELECT ${CLUSTER_FIELDS.join(', ')} WHERE ${conditions.join(
    ' AND ',
  )}`;
}

const SUBNET_PREFIX = `SELECT resourceId, accountId, awsRegion, configuration WHERE resourceType = ${quoteLiteral(
  EC2_SUBNET_TYPE,
)} AND resourceId IN (`;

/**
 * Queries for exactly the given subnets, at most `maxIds` each (so one
 * query is one page when `maxIds` is the page size) and within Config's
 * expression limit (about 140 IDs). Duplicates are dropped; an ID that is
 * not a subnet ID is refused.
 */
export function buildSubnetQueries(
  subnetIds: readonly string[],
  maxLength = MAX_EXPRESSION_LENGTH,
  maxIds = Infinity,
): string[] {
  const unique = [...new Set(subnetIds)].sort();
  for (const id of unique) {
    if (!SUBNET_ID.test(id)) throw new InputError(`'${id}' is not a subnet ID`);
  }
  const queries: string[] = [];
  let literals: string[] = [];
  let length = SUBNET_PREFIX.length + 1;
  for (const id of unique) {
    const literal = quoteLiteral(id);
    const added = literal.length + (literals.length > 0 ? 2 : 0);
    if (
      literals.length > 0 &&
      (length + added > maxLength || literals.length >= maxIds)
    ) {
      queries.push(`${SUBNET_PREFIX}${literals.join(', ')})`);
      literals = [];
      length = SUBNET_PREFIX.length + 1;
    }
    literals.push(literal);
    length += literal.length + (literals.length > 1 ? 2 : 0);
  }
  if (literals.length > 0)
    queries.push(`${SUBNET_PREFIX}${literals.join(', ')})`);
  return queries;
}
