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
  InventoryCluster,
  InventoryProblem,
  InventorySnapshot,
  InventorySubnet,
} from '../sources/types';
import { mapWithConcurrency } from '../util/mapWithConcurrency';
import type { AwsClients } from './AwsClientFactory';
import { checkPositiveInteger } from './awsSettings';
import {
  buildClusterQuery,
  buildSubnetQueries,
  checkTagFilter,
  type TagFilter,
} from './configQuery';
import {
  AWS_CONFIG_SOURCE,
  parseClusterRow,
  parseSubnetRow,
} from './configRows';
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
  /** Account/regions read at once in `accounts` mode; default 4. */
  concurrency?: number;
  /** Accept `http://` API server URLs (the embedded simulator only); default false. */
  allowInsecureEndpoints?: boolean;
  /** Rows per page, 1..100; default 100. */
  pageSize?: number;
  /** Default `aws-config`. */
  id?: string;
}

interface Page {
  Results?: string[];
  NextToken?: string;
}

type Select = (expression: string, nextToken?: string) => Promise<Page>;

/** Scope-level results, merged into the snapshot. */
interface ScopeResult {
  clusters: InventoryCluster[];
  subnets: InventorySubnet[];
  problems: InventoryProblem[];
}

/**
 * The fleet's EKS clusters and their subnets from AWS Config's advanced
 * queries: one aggregator (SelectAggregateResourceConfig) or each account's
 * recorder per region (SelectResourceConfig, a bounded number at a time).
 * Subnets are read by ID, only those the clusters use.
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
    const select: Select = (expression, nextToken) =>
      client.send(
        new SelectAggregateResourceConfigCommand({
          ConfigurationAggregatorName: aggregator.name,
          Expression: expression,
          Limit: this.pageSize,
          NextToken: nextToken,
        }),
        { abortSignal: signal },
      );
    try {
      return await this.readScope(select, undefined, signal);
    } catch (error) {
      throw new ForwardedError(
        `AWS Config aggregator '${aggregator.name}' in ${scopeName(
          aggregator,
        )} could not be read`,
        error,
      );
    }
  }

  private async readAccounts(
    accounts: Array<{ accountId: string; regions: string[] }>,
    signal?: AbortSignal,
  ): Promise<InventorySnapshot> {
    const scopes = accounts.flatMap(account =>
      account.regions.map(region => ({ accountId: account.accountId, region })),
    );
    const results = await mapWithConcurrency(
      scopes,
      this.concurrency,
      async target => {
        const client = await this.options.clients.config(target);
        return this.readScope(
          selectIn(client, this.pageSize, signal),
          target,
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

  /** Clusters, then the subnets they use; `expected` is the account/region rows must belong to. */
  private async readScope(
    select: Select,
    expected: AccountRegion | undefined,
    signal?: AbortSignal,
  ): Promise<ScopeResult> {
    const result: ScopeResult = { clusters: [], subnets: [], problems: [] };
    const outside = (item: { accountId: string; region: string }) =>
      expected !== undefined &&
      (item.accountId !== expected.accountId ||
        item.region !== expected.region);
    const seen = new Set<string>();
    for (const row of await selectAll(
      select,
      buildClusterQuery(this.tagFilters),
      signal,
    )) {
      const parsed = parseClusterRow(row, {
        allowInsecureEndpoints: this.options.allowInsecureEndpoints ?? false,
      });
      if (!parsed.ok) {
        result.problems.push(parsed.problem);
      } else if (outside(parsed.value.ref)) {
        result.problems.push({
          source: this.id,
          resource: parsed.value.ref.arn,
          message: `EKS cluster row skipped: it belongs to ${
            parsed.value.ref.accountId
          }/${parsed.value.ref.region}, not ${scopeName(expected!)}`,
        });
      } else if (!seen.has(parsed.value.ref.arn)) {
        seen.add(parsed.value.ref.arn);
        result.clusters.push(parsed.value);
        result.problems.push(...parsed.problems);
      }
    }
    const subnetIds = result.clusters.flatMap(cluster => cluster.subnetIds);
    for (const query of buildSubnetQueries(subnetIds)) {
      for (const row of await selectAll(select, query, signal)) {
        const parsed = parseSubnetRow(row);
        if (!parsed.ok) result.problems.push(parsed.problem);
        else if (!outside(parsed.value)) result.subnets.push(parsed.value);
      }
    }
    return result;
  }
}

function selectIn(
  client: ConfigServiceClient,
  pageSize: number,
  signal?: AbortSignal,
): Select {
  return (expression, nextToken) =>
    client.send(
      new SelectResourceConfigCommand({
        Expression: expression,
        Limit: pageSize,
        NextToken: nextToken,
      }),
      { abortSignal: signal },
    );
}

/** Every row of a query, page by page; a NextToken seen twice is an error, not a loop. */
async function selectAll(
  select: Select,
  expression: string,
  signal?: AbortSignal,
): Promise<string[]> {
  const rows: string[] = [];
  const seen = new Set<string>();
  let nextToken: string | undefined;
  do {
    signal?.throwIfAborted();
    const page = await select(expression, nextToken);
    rows.push(...(page.Results ?? []));
    nextToken = page.NextToken || undefined;
    if (nextToken !== undefined) {
      if (seen.has(nextToken))
        throw new Error('AWS Config returned the same NextToken twice');
      seen.add(nextToken);
    }
  } while (nextToken !== undefined);
  return rows;
}
