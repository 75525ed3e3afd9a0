/**
 * A caller's access to clusters as SQL: the criteria of a conditional
 * decision (allOf, anyOf, not over the rules' filters) become one `WHERE` on
 * `clusters as c`, so lists, counts and pages are filtered in the query that
 * reads them, never item by item. Every value is bound. Each leaf is true or
 * false, never NULL, so `not` means what the rules' `apply` means.
 */
import type { Knex } from 'knex';
import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  isAndCriteria,
  isNotCriteria,
  isOrCriteria,
} from '@backstage/plugin-permission-node';
import type { FleetClusterFilter } from '@fleet-resilience/plugin-fleet-resilience-node';

/** Which clusters a caller may read (or act on), from one decision. */
export type ClusterAccess =
  | { kind: 'all' }
  | { kind: 'none' }
  | { kind: 'some'; criteria: PermissionCriteria<FleetClusterFilter> };

export const ALL_CLUSTERS: ClusterAccess = { kind: 'all' };

function whereFilter(
  db: Knex,
  builder: Knex.QueryBuilder,
  filter: FleetClusterFilter,
): void {
  switch (filter.kind) {
    case 'owner':
      // `is not null` first: `NOT (NULL IN (...))` would be NULL, not true.
      builder
        .whereNotNull('c.owner_ref')
        .whereIn('c.owner_ref', filter.ownerRefs);
      return;
    case 'account':
      builder.whereIn('c.account_id', filter.accountIds);
      return;
    case 'region':
      builder.whereIn('c.region', filter.regions);
      return;
    case 'tag': {
      const tags = db('cluster_tags as t')
        .select('t.cluster_arn')
        .where('t.tag_key', filter.key);
      if (filter.value !== undefined) {
        tags.where('t.tag_value', filter.value);
      }
      builder.whereIn('c.arn', tags);
      return;
    }
    default: {
      // A filter this code does not know matches nothing rather than all.
      const unknown: never = filter;
      void unknown;
      builder.whereRaw('1 = 0');
    }
  }
}

function whereCriteria(
  db: Knex,
  builder: Knex.QueryBuilder,
  criteria: PermissionCriteria<FleetClusterFilter>,
): void {
  if (isAndCriteria(criteria)) {
    // knex drops an empty group, so `not` over an empty allOf would match
    // everything; `every` of nothing is true, said explicitly.
    if ((criteria.allOf as unknown[]).length === 0) {
      builder.whereRaw('1 = 1');
      return;
    }
    for (const part of criteria.allOf) {
      builder.where(inner => whereCriteria(db, inner, part));
    }
  } else if (isOrCriteria(criteria)) {
    if ((criteria.anyOf as unknown[]).length === 0) {
      builder.whereRaw('1 = 0');
      return;
    }
    builder.where(outer => {
      for (const part of criteria.anyOf) {
        outer.orWhere(inner => whereCriteria(db, inner, part));
      }
    });
  } else if (isNotCriteria(criteria)) {
    builder.whereNot(inner => whereCriteria(db, inner, criteria.not));
  } else {
    whereFilter(db, builder, criteria);
  }
}

/**
 * Restricts a query on `clusters as c` to the clusters of `access`; returns
 * the same builder.
 */
export function whereAccessible(
  db: Knex,
  builder: Knex.QueryBuilder,
  access: ClusterAccess,
): Knex.QueryBuilder {
  if (access.kind === 'none') {
    return builder.whereRaw('1 = 0');
  }
  if (access.kind === 'some') {
    builder.where(inner => whereCriteria(db, inner, access.criteria));
  }
  return builder;
}

/**
 * The ARNs of the clusters of `access`, as a subquery for
 * `whereIn('<table>.cluster_arn', …)` on tables that hang off a cluster;
 * undefined when every cluster is accessible (no filter needed).
 */
export function accessibleArns(
  db: Knex,
  access: ClusterAccess,
): Knex.QueryBuilder | undefined {
  if (access.kind === 'all') {
    return undefined;
  }
  return whereAccessible(db, db('clusters as c').select('c.arn'), access);
}

/**
 * Restricts a query on a table that hangs off a cluster to the rows whose
 * `column` (a cluster ARN) is a cluster of `access`; returns the same builder.
 */
export function whereClusterIn<T extends Knex.QueryBuilder>(
  db: Knex,
  builder: T,
  column: string,
  access: ClusterAccess,
): T {
  const arns = accessibleArns(db, access);
  if (arns) {
    builder.whereIn(column, arns);
  }
  return builder;
}
