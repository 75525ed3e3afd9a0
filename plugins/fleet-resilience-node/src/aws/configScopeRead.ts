import type {
  AccountRegion,
  InventoryCluster,
  InventoryProblem,
  InventorySubnet,
} from '../sources/types';
import type { Limiter } from '../util/limiter';
import { buildSubnetQueries, MAX_EXPRESSION_LENGTH } from './configQuery';
import { parseClusterRow, parseSubnetRow } from './configRows';
import { selectAll, selectPages, type Select } from './configSelect';
import { scopeName } from './identifiers';

/** What one scope (an aggregator, or an account in a region) gave. */
export interface ScopeResult {
  clusters: InventoryCluster[];
  subnets: InventorySubnet[];
  problems: InventoryProblem[];
}

export interface ScopeReadOptions {
  select: Select;
  /** Disjoint partitions of the scope's clusters. */
  clusterQueries: readonly string[];
  /** The account/region rows must belong to (accounts mode). */
  expected: AccountRegion | undefined;
  limiter: Limiter;
  signal?: AbortSignal;
  sourceId: string;
  /** Rows per page, and subnet IDs per query. */
  pageSize: number;
  allowInsecureEndpoints: boolean;
}

/**
 * The clusters of every query in `clusterQueries` (disjoint partitions of
 * one scope) at once, and the subnets of each page of clusters as soon as
 * that page is in; `expected` is the account/region rows must belong to.
 * The first failure stops the rest and rejects: a scope is read whole or
 * not.
 */
export async function readConfigScope(
  options: ScopeReadOptions,
): Promise<ScopeResult> {
  const { clusterQueries, signal } = options;
  const stop = new AbortController();
  const onAbort = () => stop.abort(signal?.reason);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  // The first failure stops the rest; the reads it stopped then fail with
  // an abort error, so the read rejects with that first failure instead.
  let failure: { error: unknown } | undefined;
  const fail = (error: unknown) => {
    failure ??= { error };
    stop.abort(error);
  };
  const state: ReadState = {
    ...options,
    signal: stop.signal,
    fail,
    seenClusters: new Set(),
    askedSubnets: new Set(),
  };
  try {
    const parts = await Promise.all(
      clusterQueries.map(query =>
        readPartition(state, query).catch(error => {
          fail(error);
          throw error;
        }),
      ),
    );
    return {
      clusters: parts.flatMap(part => part.clusters),
      subnets: parts.flatMap(part => part.subnets),
      problems: parts.flatMap(part => part.problems),
    };
  } catch (error) {
    throw failure ? failure.error : error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

async function readPartition(
  state: ReadState,
  clusterQuery: string,
): Promise<ScopeResult> {
  const { expected } = state;
  const result: ScopeResult = { clusters: [], subnets: [], problems: [] };
  const outside = (item: { accountId: string; region: string }) =>
    expected !== undefined &&
    (item.accountId !== expected.accountId || item.region !== expected.region);
  const subnetReads: Array<Promise<string[]>> = [];
  for await (const rows of selectPages(
    state.select,
    clusterQuery,
    state.limiter,
    state.signal,
  )) {
    const clusters: InventoryCluster[] = [];
    for (const row of rows) {
      const parsed = parseClusterRow(row, {
        allowInsecureEndpoints: state.allowInsecureEndpoints,
      });
      if (!parsed.ok) {
        result.problems.push(parsed.problem);
      } else if (outside(parsed.value.ref)) {
        result.problems.push({
          source: state.sourceId,
          resource: parsed.value.ref.arn,
          message: `EKS cluster row skipped: it belongs to ${
            parsed.value.ref.accountId
          }/${parsed.value.ref.region}, not ${scopeName(expected!)}`,
        });
      } else if (!state.seenClusters.has(parsed.value.ref.arn)) {
        state.seenClusters.add(parsed.value.ref.arn);
        clusters.push(parsed.value);
        result.problems.push(...parsed.problems);
      }
    }
    result.clusters.push(...clusters);
    // Another partition may use the same subnets (a shared VPC): ask once.
    const subnetIds = clusters
      .flatMap(cluster => cluster.subnetIds)
      .filter(id => !state.askedSubnets.has(id));
    subnetIds.forEach(id => state.askedSubnets.add(id));
    for (const query of buildSubnetQueries(
      subnetIds,
      MAX_EXPRESSION_LENGTH,
      state.pageSize,
    )) {
      const read = selectAll(state.select, query, state.limiter, state.signal);
      // Handled now, so a failure stops the scope at once instead of
      // waiting (unhandled) for the cluster pages still to come.
      read.catch(state.fail);
      subnetReads.push(read);
    }
  }
  for (const row of (await Promise.all(subnetReads)).flat()) {
    const parsed = parseSubnetRow(row);
    if (!parsed.ok) result.problems.push(parsed.problem);
    else if (!outside(parsed.value)) result.subnets.push(parsed.value);
  }
  return result;
}

/** What the partitions of one scope share while they are read. */
interface ReadState extends ScopeReadOptions {
  signal: AbortSignal;
  /** Stops every read of the scope. */
  fail: (error: unknown) => void;
  seenClusters: Set<string>;
  askedSubnets: Set<string>;
}
