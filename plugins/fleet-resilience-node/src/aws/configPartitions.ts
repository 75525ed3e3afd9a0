import {
  buildClusterQuery,
  MAX_EXPRESSION_LENGTH,
  type AccountCondition,
  type TagFilter,
} from './configQuery';
import { isAccountId } from './identifiers';

/**
 * How an aggregator's cluster query is cut into queries that can be read at
 * the same time. A page walk is sequential (each page needs the previous
 * page's token), so one query over the whole fleet is as slow as its page
 * count times AWS's latency; queries over disjoint sets of accounts are not.
 */

/** One group of GetAggregateDiscoveredResourceCounts (GroupByKey ACCOUNT_ID). */
export interface AccountCount {
  accountId: string;
  count: number;
}

export interface PartitionPlan {
  /** One cluster query per partition; together they cover every account. */
  queries: string[];
  /**
   * False when the remainder (every account not named) did not fit in one
   * expression: the plan then covers only the accounts the counts named.
   */
  exhaustive: boolean;
}

/**
 * Partitions from the per-account cluster counts: an account with at least
 * a page of clusters is a partition of its own; smaller ones are packed
 * together up to a page (largest first), so the request count stays about
 * the page count however many small accounts there are. A last query reads
 * every account the counts did not name (`accountId NOT IN (...)`), so a
 * cluster is read even when the counts missed its account; it is usually
 * one empty page. Groups that are not a valid account with a positive
 * count are left to that remainder. Without any count, the plan is the
 * whole fleet in one query.
 */
export function planAccountPartitions(
  counts: readonly AccountCount[],
  options: {
    pageSize: number;
    tagFilters?: readonly TagFilter[];
    maxLength?: number;
  },
): PartitionPlan {
  const tagFilters = options.tagFilters ?? [];
  const maxLength = options.maxLength ?? MAX_EXPRESSION_LENGTH;
  const byAccount = new Map<string, number>();
  for (const { accountId, count } of counts) {
    if (!isAccountId(accountId) || !Number.isSafeInteger(count) || count < 1)
      continue;
    byAccount.set(accountId, (byAccount.get(accountId) ?? 0) + count);
  }
  if (byAccount.size === 0) {
    return { queries: [buildClusterQuery(tagFilters)], exhaustive: true };
  }
  const accounts = [...byAccount.entries()].sort(
    ([a, countA], [b, countB]) => countB - countA || a.localeCompare(b),
  );
  const fits = (condition: AccountCondition) =>
    buildClusterQuery(tagFilters, condition).length <= maxLength;

  const bins: Array<{ accountIds: string[]; count: number }> = [];
  for (const [accountId, count] of accounts) {
    const bin =
      count < options.pageSize
        ? bins.find(
            b =>
              b.count + count <= options.pageSize &&
              fits({ kind: 'in', accountIds: [...b.accountIds, accountId] }),
          )
        : undefined;
    if (bin) {
      bin.accountIds.push(accountId);
      bin.count += count;
    } else {
      bins.push({ accountIds: [accountId], count });
    }
  }
  const queries = bins.map(bin =>
    buildClusterQuery(tagFilters, { kind: 'in', accountIds: bin.accountIds }),
  );
  const remainder: AccountCondition = {
    kind: 'notIn',
    accountIds: accounts.map(([accountId]) => accountId),
  };
  if (!fits(remainder)) return { queries, exhaustive: false };
  return {
    queries: [...queries, buildClusterQuery(tagFilters, remainder)],
    exhaustive: true,
  };
}
