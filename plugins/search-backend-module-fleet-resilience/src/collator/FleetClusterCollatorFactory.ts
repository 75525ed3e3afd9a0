/**
 * Collates one search document per EKS cluster from the Fleet Resilience
 * backend's fleet list (`GET /api/fleet-resilience/clusters`, page by page),
 * calling it as the search plugin with a plugin-to-plugin token.
 */
import { Readable } from 'node:stream';
import type {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { DocumentCollatorFactory } from '@backstage/plugin-search-common';
import {
  FLEET_LIST_QUERY,
  fleetResilienceClusterReadPermission,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { clusterDocument } from '../document/clusterDocument';
import {
  FLEET_CLUSTER_DOCUMENT_TYPE,
  FleetClusterDocument,
} from '../document/types';
import { parseFleetListPage } from './parseFleetListPage';

/** The plugin id of the Fleet Resilience backend. */
export const FLEET_RESILIENCE_PLUGIN_ID = 'fleet-resilience';

/**
 * What {@link FleetClusterCollatorFactory} needs: the services to reach the
 * Fleet Resilience backend with and the size of the pages it reads.
 *
 * @public
 */
export interface FleetClusterCollatorFactoryOptions {
  /** Finds the Fleet Resilience backend's base URL. */
  discovery: DiscoveryService;
  /** Issues the plugin-to-plugin token the fleet list is read with. */
  auth: AuthService;
  /** Where clusters that cannot be indexed are reported. */
  logger: LoggerService;
  /** How many clusters each request of the fleet list asks for. */
  pageSize: number;
}

/**
 * Collates one search document per EKS cluster of the Fleet Resilience
 * backend's fleet list.
 *
 * @public
 */
export class FleetClusterCollatorFactory implements DocumentCollatorFactory {
  readonly type = FLEET_CLUSTER_DOCUMENT_TYPE;
  /**
   * A hit is shown to whoever may read its cluster: a conditional decision
   * is resolved per document through its `authorization.resourceRef`.
   */
  readonly visibilityPermission = fleetResilienceClusterReadPermission;

  constructor(private readonly options: FleetClusterCollatorFactoryOptions) {}

  async getCollator(): Promise<Readable> {
    return Readable.from(this.documents());
  }

  /** Every cluster as a document, in the API's order, each ARN once. */
  async *documents(): AsyncGenerator<FleetClusterDocument> {
    const { logger } = this.options;
    const seen = new Set<string>();
    let offset: number | undefined = 0;
    let skipped = 0;
    while (offset !== undefined) {
      const page = parseFleetListPage(await this.fetchPage(offset), offset);
      for (const problem of page.problems) {
        logger.warn(`Fleet cluster not indexed: ${problem}`);
      }
      skipped += page.problems.length;
      for (const cluster of page.clusters) {
        // A refresh between two pages can move a cluster across the boundary.
        if (!seen.has(cluster.ref.arn)) {
          seen.add(cluster.ref.arn);
          yield clusterDocument(cluster);
        }
      }
      const empty = page.clusters.length + page.problems.length === 0;
      offset = empty ? undefined : page.nextOffset;
    }
    logger.info(`Indexed ${seen.size} fleet cluster(s), ${skipped} skipped`);
  }

  private async fetchPage(offset: number): Promise<unknown> {
    const { discovery, auth, pageSize } = this.options;
    const baseUrl = await discovery.getBaseUrl(FLEET_RESILIENCE_PLUGIN_ID);
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: FLEET_RESILIENCE_PLUGIN_ID,
    });
    const query = new URLSearchParams({
      [FLEET_LIST_QUERY.limit]: String(pageSize),
      [FLEET_LIST_QUERY.offset]: String(offset),
    });
    const response = await fetch(`${baseUrl}/clusters?${query}`, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    try {
      return await response.json();
    } catch (error) {
      throw new Error(
        `Fleet list page at offset ${offset} is not JSON: ${String(error)}`,
      );
    }
  }
}
