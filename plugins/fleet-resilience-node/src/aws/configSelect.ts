import {
  GetAggregateDiscoveredResourceCountsCommand,
  type ConfigServiceClient,
} from '@aws-sdk/client-config-service';
import type { Limiter } from '../util/limiter';
import { followPages } from '../util/pages';
import { EKS_CLUSTER_TYPE } from './configQuery';
import type { AccountCount } from './configPartitions';

/**
 * The requests of an AWS Config read: page walks of advanced queries and
 * the aggregator's cluster counts per account. Every request waits for a
 * slot of the read's limiter, so all the queries of one read together keep
 * at most that many requests in flight. Throttling is retried by the SDK
 * client (adaptive retry mode: it also slows the client's next requests).
 */

export interface SelectPage {
  Results?: string[];
  NextToken?: string;
}

/** One page of an advanced query (SelectResourceConfig or SelectAggregateResourceConfig). */
export type Select = (
  expression: string,
  nextToken: string | undefined,
  signal: AbortSignal | undefined,
) => Promise<SelectPage>;

/** The rows of a query, one page at a time. */
export async function* selectPages(
  select: Select,
  expression: string,
  limiter: Limiter,
  signal?: AbortSignal,
): AsyncGenerator<string[]> {
  for await (const page of followPages(
    token => limiter.run(() => select(expression, token, signal), signal),
    p => p.NextToken,
    'AWS Config returned the same NextToken',
    signal,
  )) {
    yield page.Results ?? [];
  }
}

/** Every row of a query, page by page. */
export async function selectAll(
  select: Select,
  expression: string,
  limiter: Limiter,
  signal?: AbortSignal,
): Promise<string[]> {
  const rows: string[] = [];
  for await (const page of selectPages(select, expression, limiter, signal)) {
    rows.push(...page);
  }
  return rows;
}

/** Groups per page of GetAggregateDiscoveredResourceCounts (its maximum). */
const COUNTS_PAGE = 1000;

/**
 * The aggregator's EKS clusters per account (GetAggregateDiscoveredResourceCounts,
 * GroupByKey ACCOUNT_ID). Groups are returned as AWS gives them; the
 * planner skips what is not a valid account and count.
 */
export async function readClusterCountsByAccount(
  client: ConfigServiceClient,
  aggregatorName: string,
  limiter: Limiter,
  signal?: AbortSignal,
): Promise<AccountCount[]> {
  const counts: AccountCount[] = [];
  const pages = followPages(
    token =>
      limiter.run(
        () =>
          client.send(
            new GetAggregateDiscoveredResourceCountsCommand({
              ConfigurationAggregatorName: aggregatorName,
              Filters: { ResourceType: EKS_CLUSTER_TYPE },
              GroupByKey: 'ACCOUNT_ID',
              Limit: COUNTS_PAGE,
              NextToken: token,
            }),
            { abortSignal: signal },
          ),
        signal,
      ),
    p => p.NextToken,
    'AWS Config returned the same NextToken',
    signal,
  );
  for await (const page of pages) {
    for (const group of page.GroupedResourceCounts ?? []) {
      counts.push({
        accountId: String(group.GroupName ?? ''),
        count: Number(group.ResourceCount ?? 0),
      });
    }
  }
  return counts;
}
