import {
  SelectAggregateResourceConfigCommand,
  SelectResourceConfigCommand,
  type ConfigServiceClient,
} from '@aws-sdk/client-config-service';
import type { Config } from '@backstage/config';
import { ForwardedError } from '@backstage/errors';
import type {
  AccountRegion,
  FleetInventorySource,
  InventoryProblem,
  InventorySnapshot,
} from '../sources/types';
import { createLimiter, type Limiter } from '../util/limiter';
import { mapWithConcurrency } from '../util/mapWithConcurrency';
import type { AwsClients } from './AwsClientFactory';
import { checkPositiveInteger } from './awsSettings';
import { planAccountPartitions } from './configPartitions';
import {
  buildClusterQuery,
  checkTagFilter,
  type TagFilter,
} from './configQuery';
import { AWS_CONFIG_SOURCE } from './configRows';
import { readConfigScope, type ScopeResult } from './configScopeRead';
import { readClusterCountsByAccount, type Select } from './configSelect';
import { checkAccountRegion, scopeName } from './identifiers';
import {
  DEFAULT_INVENTORY_CONCURRENCY,
  readAwsConfigInventorySettings,
  type AwsConfigInventoryScope,
} from './inventorySettings';

/**
 * Options of {@link AwsConfigInventorySource}.
 *
 * @public
 */
export interface AwsConfigInventorySourceOptions {
  clients: Pick<AwsClients, 'config'>;
  scope: AwsConfigInventoryScope;
  /** Only clusters carrying every one of these tags. */
  tagFilters?: TagFilter[];
  /** AWS Config requests in flight at once in one read (and account/regions read at once in `accounts` mode); default 16. */
  concurrency?: number;
  /** Accept `http://` API server URLs (the embedded simulator only); default false. */
  allowInsecureEndpoints?: boolean;
  /** Rows per page, 1..100; default 100. */
  pageSize?: number;
  /** Default `aws-config`. */
  id?: string;
}

/**
 * The fleet's EKS clusters and their subnets from AWS Config's advanced
 * queries: one aggregator (SelectAggregateResourceConfig) or each account's
 * recorder per region (SelectResourceConfig, a bounded number at a time).
 * Subnets are read by ID, only those the clusters use, a page of IDs per
 * query.
 *
 * The read fans out: an aggregator's clusters are read in account
 * partitions at once (see configPartitions), and each partition's subnets
 * as soon as its clusters are known. All the requests of one read share a
 * limiter of `concurrency` requests in flight.
 *
 * A bad row becomes a problem and the rest goes on. In `accounts` mode an
 * account/region that cannot be read is reported as a problem and listed in
 * `incompleteScopes` (its clusters must be kept, not deleted); when no scope
 * at all can be read, and for any failure of the aggregator, the read rejects.
 *
 * @public
 */
export class AwsConfigInventorySource implements FleetInventorySource {
  /** Reads `fleetResilience.inventory.awsConfig`; see the plugin README. */
  static fromConfig(
    config: Config,
    options: { clients: Pick<AwsClients, 'config'> },
  ): AwsConfigInventorySource {
    return new AwsConfigInventorySource({
      clients: options.clients,
      ...readAwsConfigInventorySettings(config),
    });
  }

  readonly id: string;
  private readonly tagFilters: TagFilter[];
  private readonly concurrency: number;
  private readonly pageSize: number;

  constructor(private readonly options: AwsConfigInventorySourceOptions) {
    this.id = options.id ?? AWS_CONFIG_SOURCE;
    this.tagFilters = (options.tagFilters ?? []).map(checkTagFilter);
    this.concurrency = checkPositiveInteger(
      'concurrency',
      options.concurrency ?? DEFAULT_INVENTORY_CONCURRENCY,
    );
    this.pageSize = options.pageSize ?? 100;
    if (
      !Number.isInteger(this.pageSize) ||
      this.pageSize < 1 ||
      this.pageSize > 100
    ) {
      throw new TypeError(`pageSize must be 1..100, got ${this.pageSize}`);
    }
    if (options.scope.mode === 'aggregator') {
      checkAccountRegion(options.scope.aggregator);
    } else {
      for (const account of options.scope.accounts) {
        for (const region of account.regions) {
          checkAccountRegion({ accountId: account.accountId, region });
        }
      }
    }
  }

  async readInventory(
    options: { signal?: AbortSignal } = {},
  ): Promise<InventorySnapshot> {
    const { scope } = this.options;
    return scope.mode === 'aggregator'
      ? this.readAggregator(scope.aggregator, options.signal)
      : this.readAccounts(scope.accounts, options.signal);
  }

  private async readAggregator(
    aggregator: AccountRegion & { name: string },
    signal?: AbortSignal,
  ): Promise<InventorySnapshot> {
    const client = await this.options.clients.config(aggregator);
    const select: Select = (expression, nextToken, pageSignal) =>
      client.send(
        new SelectAggregateResourceConfigCommand({
          ConfigurationAggregatorName: aggregator.name,
          Expression: expression,
          Limit: this.pageSize,
          NextToken: nextToken,
        }),
        { abortSignal: pageSignal },
      );
    const limiter = createLimiter(this.concurrency);
    try {
      const { queries, problems } = await this.planAggregatorRead(
        client,
        aggregator,
        limiter,
        signal,
      );
      const result = await this.readScope(
        select,
        queries,
        undefined,
        limiter,
        signal,
      );
      return { ...result, problems: [...problems, ...result.problems] };
    } catch (error) {
      throw new ForwardedError(
        `AWS Config aggregator '${aggregator.name}' in ${scopeName(
          aggregator,
        )} could not be read`,
        error,
      );
    }
  }

  /**
   * The aggregator's cluster queries: one per account partition, planned
   * from the per-account cluster counts. Without permission to read the
   * counts, the whole fleet is one query (the read is slower, not wrong),
   * and a problem says which permission is missing.
   */
  private async planAggregatorRead(
    client: ConfigServiceClient,
    aggregator: AccountRegion & { name: string },
    limiter: Limiter,
    signal?: AbortSignal,
  ): Promise<{ queries: string[]; problems: InventoryProblem[] }> {
    let counts;
    try {
      counts = await readClusterCountsByAccount(
        client,
        aggregator.name,
        limiter,
        signal,
      );
    } catch (error) {
      if ((error as Error)?.name !== 'AccessDeniedException') throw error;
      return {
        queries: [buildClusterQuery(this.tagFilters)],
        problems: [
          {
            source: this.id,
            resource: `aggregator ${aggregator.name}`,
            message:
              'config:GetAggregateDiscoveredResourceCounts is denied, so the clusters were read in one query, page after page, instead of per account at once; allow it to read large fleets faster',
          },
        ],
      };
    }
    const plan = planAccountPartitions(counts, {
      pageSize: this.pageSize,
      tagFilters: this.tagFilters,
    });
    return {
      queries: plan.queries,
      problems: plan.exhaustive
        ? []
        : [
            {
              source: this.id,
              resource: `aggregator ${aggregator.name}`,
              message: `Too many accounts (${counts.length}) to name in one query: clusters in accounts the aggregator's counts did not list were not looked for`,
            },
          ],
    };
  }

  private async readAccounts(
    accounts: Array<{ accountId: string; regions: string[] }>,
    signal?: AbortSignal,
  ): Promise<InventorySnapshot> {
    const scopes = accounts.flatMap(account =>
      account.regions.map(region => ({ accountId: account.accountId, region })),
    );
    const limiter = createLimiter(this.concurrency);
    const results = await mapWithConcurrency(
      scopes,
      this.concurrency,
      async target => {
        const client = await this.options.clients.config(target);
        return this.readScope(
          selectIn(client, this.pageSize),
          [buildClusterQuery(this.tagFilters)],
          target,
          limiter,
          signal,
        );
      },
      { signal },
    );
    const snapshot: InventorySnapshot = {
      clusters: [],
      subnets: [],
      problems: [],
    };
    const incompleteScopes: AccountRegion[] = [];
    results.forEach((result, index) => {
      if (result.ok) {
        snapshot.clusters.push(...result.value.clusters);
        snapshot.subnets.push(...result.value.subnets);
        snapshot.problems.push(...result.value.problems);
      } else {
        incompleteScopes.push(scopes[index]);
        snapshot.problems.push({
          source: this.id,
          resource: scopeName(scopes[index]),
          message: `AWS Config could not be read in ${scopeName(
            scopes[index],
          )}: ${result.error.message}`,
        });
      }
    });
    if (incompleteScopes.length === scopes.length) {
      const first = results.find(result => !result.ok);
      throw new ForwardedError(
        `AWS Config could not be read in any of ${scopes.length} account/region(s)`,
        first && !first.ok ? first.error : undefined,
      );
    }
    return incompleteScopes.length > 0
      ? { ...snapshot, incompleteScopes }
      : snapshot;
  }

  private readScope(
    select: Select,
    clusterQueries: readonly string[],
    expected: AccountRegion | undefined,
    limiter: Limiter,
    signal?: AbortSignal,
  ): Promise<ScopeResult> {
    return readConfigScope({
      select,
      clusterQueries,
      expected,
      limiter,
      signal,
      sourceId: this.id,
      pageSize: this.pageSize,
      allowInsecureEndpoints: this.options.allowInsecureEndpoints ?? false,
    });
  }
}

function selectIn(client: ConfigServiceClient, pageSize: number): Select {
  return (expression, nextToken, signal) =>
    client.send(
      new SelectResourceConfigCommand({
        Expression: expression,
        Limit: pageSize,
        NextToken: nextToken,
      }),
      { abortSignal: signal },
    );
}
