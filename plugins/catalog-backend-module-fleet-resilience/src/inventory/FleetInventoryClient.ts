/**
 * Reads the Fleet Resilience backend's inventory (`GET
 * /api/fleet-resilience/inventory`, page by page) as the catalog plugin, with
 * a plugin-to-plugin token. The backend's refresh is the only reader of AWS
 * Config and of the sources modules add; this reads what it stored.
 *
 * A read spanning several pages can straddle one of the backend's refreshes.
 * The client notices (a source's last read changed between the first and the
 * last page, the total changed, or the pages do not add up) and reads again;
 * after `maxAttempts` it returns what it read marked `consistent: false`, so
 * that the provider removes nothing on its strength.
 */
import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  FLEET_INVENTORY_PATH,
  FLEET_INVENTORY_QUERY,
  PAGING_LIMITS,
  type FleetInventoryCluster,
  type FleetInventorySourceStatus,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { ClusterReport } from '../mapping/entitiesFromInventory';
import { parseInventoryPage } from './parseInventoryPage';

/** The plugin id of the Fleet Resilience backend. */
export const FLEET_RESILIENCE_PLUGIN_ID = 'fleet-resilience';

/**
 * The backend's whole inventory, as one read saw it.
 *
 * @public
 */
export interface FleetInventoryRead {
  clusters: FleetInventoryCluster[];
  /** Items that were not clusters, left out. */
  problems: ClusterReport[];
  /** Each inventory source's last read, as the backend recorded it. */
  sources: FleetInventorySourceStatus[];
  /** False when the inventory changed under a read of several pages, every attempt. */
  consistent: boolean;
}

/**
 * Reads the whole inventory. {@link FleetInventoryClient} reads the backend's
 * HTTP API; tests and other wirings can supply their own.
 *
 * @public
 */
export interface FleetInventoryReader {
  readInventory(options?: {
    signal?: AbortSignal;
  }): Promise<FleetInventoryRead>;
}

/**
 * Options of {@link FleetInventoryClient}.
 *
 * @public
 */
export interface FleetInventoryClientOptions {
  discovery: DiscoveryService;
  auth: AuthService;
  /** Clusters per request, 1 to 500. Default 500. */
  pageSize?: number;
  /** Whole reads tried when the inventory changes under one. Default 3. */
  maxAttempts?: number;
  /** Default: the global `fetch`. */
  fetch?: typeof fetch;
}

/** Where the sources stood: changes whenever a source is read again. */
function sourcesKey(sources: readonly FleetInventorySourceStatus[]): string {
  return JSON.stringify(sources.map(s => [s.id, s.lastAttemptAt]));
}

/**
 * Reads the Fleet Resilience backend's inventory over HTTP.
 *
 * @public
 */
export class FleetInventoryClient implements FleetInventoryReader {
  readonly #discovery: DiscoveryService;
  readonly #auth: AuthService;
  readonly #pageSize: number;
  readonly #maxAttempts: number;
  readonly #fetch: typeof fetch;

  constructor(options: FleetInventoryClientOptions) {
    this.#discovery = options.discovery;
    this.#auth = options.auth;
    this.#pageSize = Math.min(
      PAGING_LIMITS.maxLimit,
      Math.max(1, Math.floor(options.pageSize ?? PAGING_LIMITS.maxLimit)),
    );
    this.#maxAttempts = Math.max(1, options.maxAttempts ?? 3);
    this.#fetch = options.fetch ?? fetch;
  }

  async readInventory(options?: {
    signal?: AbortSignal;
  }): Promise<FleetInventoryRead> {
    let read: FleetInventoryRead | undefined;
    for (let attempt = 1; attempt <= this.#maxAttempts; attempt++) {
      read = await this.#readOnce(options?.signal);
      if (read.consistent) {
        return read;
      }
    }
    return read!;
  }

  async #readOnce(signal?: AbortSignal): Promise<FleetInventoryRead> {
    const clusters: FleetInventoryCluster[] = [];
    const problems: ClusterReport[] = [];
    const arns = new Set<string>();
    let consistent = true;
    let first: { sources: string; totalCount: number } | undefined;
    let last: FleetInventorySourceStatus[] = [];
    let itemCount = 0;
    let offset: number | undefined = 0;
    while (offset !== undefined) {
      const page = parseInventoryPage(
        await this.#fetchPage(offset, signal),
        offset,
      );
      first ??= {
        sources: sourcesKey(page.sources),
        totalCount: page.totalCount,
      };
      if (page.totalCount !== first.totalCount) {
        consistent = false;
      }
      for (const cluster of page.clusters) {
        if (arns.has(cluster.ref.arn)) {
          // Moved across a page boundary by a refresh in between.
          consistent = false;
        } else {
          arns.add(cluster.ref.arn);
          clusters.push(cluster);
        }
      }
      problems.push(...page.problems);
      itemCount += page.itemCount;
      last = page.sources;
      offset = page.itemCount === 0 ? undefined : page.nextOffset;
    }
    if (
      first === undefined ||
      sourcesKey(last) !== first.sources ||
      itemCount !== first.totalCount
    ) {
      consistent = false;
    }
    return { clusters, problems, sources: last, consistent };
  }

  async #fetchPage(offset: number, signal?: AbortSignal): Promise<unknown> {
    const baseUrl = await this.#discovery.getBaseUrl(
      FLEET_RESILIENCE_PLUGIN_ID,
    );
    const { token } = await this.#auth.getPluginRequestToken({
      onBehalfOf: await this.#auth.getOwnServiceCredentials(),
      targetPluginId: FLEET_RESILIENCE_PLUGIN_ID,
    });
    const query = new URLSearchParams({
      [FLEET_INVENTORY_QUERY.limit]: String(this.#pageSize),
      [FLEET_INVENTORY_QUERY.offset]: String(offset),
    });
    const response = await this.#fetch(
      `${baseUrl}${FLEET_INVENTORY_PATH}?${query}`,
      {
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
        },
        signal,
      },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    try {
      return await response.json();
    } catch (error) {
      throw new Error(
        `Fleet inventory page at offset ${offset} is not JSON: ${String(
          error,
        )}`,
      );
    }
  }
}
