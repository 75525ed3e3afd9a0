/**
 * `GET /inventory`: the stored inventory (what the inventory sources reported
 * of each cluster, tags and API server included, plus the cluster's AZ
 * readiness verdict, which the catalog module labels) with each source's last
 * read, paged by `limit` and `offset`, ordered by name then ARN. Read
 * permission: the clusters the caller may read, filtered in SQL. The catalog
 * module builds its entities from it as a service principal (which
 * Backstage's permission client allows everything), so AWS Config is read
 * once, by the backend's refresh.
 */
import type { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  FLEET_INVENTORY_PATH,
  type FleetInventoryCluster,
  type FleetInventoryResponse,
  type FleetInventorySourceStatus,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type express from 'express';
import Router from 'express-promise-router';
import type { ClusterQueries } from '../database/ClusterQueries';
import type { ClusterAuthorizer } from '../permissions/ClusterAuthorizer';
import type { RefreshResultStore } from '../database/RefreshResultStore';
import type { StoredCluster, StoredRefreshResult } from '../domain/records';
import { REFRESH_SOURCES } from '../ingestion/RefreshRecorder';
import { parseInventoryQuery, type RawQuery } from './parseQuery';
import { readAccess } from './readAccess';
import { pagingOf } from './views';

const INVENTORY_PREFIX = REFRESH_SOURCES.inventory('');

/** What the route reads: the clusters and the refresh results. */
export interface InventoryReads {
  clusters: Pick<ClusterQueries, 'listClusters'>;
  refreshResults: Pick<RefreshResultStore, 'listRefreshResults'>;
}

export interface InventoryRoutesOptions {
  stores: InventoryReads;
  httpAuth: HttpAuthService;
  clusterAuthorizer: Pick<ClusterAuthorizer, 'access'>;
}

export function toInventoryCluster(
  cluster: StoredCluster,
): FleetInventoryCluster {
  return {
    ref: { ...cluster.ref },
    sourceId: cluster.sourceId,
    ...(cluster.version !== undefined && { version: cluster.version }),
    ...(cluster.status !== undefined && { status: cluster.status }),
    ...(cluster.endpoint !== undefined && { endpoint: cluster.endpoint }),
    ...(cluster.certificateAuthorityData !== undefined && {
      certificateAuthorityData: cluster.certificateAuthorityData,
    }),
    tags: { ...cluster.tags },
    ...(cluster.owner !== undefined && { owner: cluster.owner }),
    ...(cluster.system !== undefined && { system: cluster.system }),
    // 'unknown' until the cluster's documents were rebuilt with readiness.
    readiness: cluster.readiness ?? 'unknown',
    firstSeenAt: cluster.firstSeenAt,
    lastSeenAt: cluster.lastSeenAt,
  };
}

/** The inventory sources' results among all refresh results, by id. */
export function toInventorySources(
  results: readonly StoredRefreshResult[],
): FleetInventorySourceStatus[] {
  return results
    .filter(result => result.source.startsWith(INVENTORY_PREFIX))
    .map(result => ({
      id: result.source.slice(INVENTORY_PREFIX.length),
      lastAttemptAt: result.startedAt,
      ok: result.ok,
      ...(result.lastSuccessAt && { lastSuccessAt: result.lastSuccessAt }),
      ...(!result.ok &&
        result.errorMessage && { errorMessage: result.errorMessage }),
    }))
    .sort((a, b) => (a.id < b.id ? -1 : Number(a.id > b.id)));
}

export function createInventoryRoutes(
  options: InventoryRoutesOptions,
): express.Router {
  const { stores, httpAuth, clusterAuthorizer } = options;
  const router = Router();

  router.get(FLEET_INVENTORY_PATH, async (req, res) => {
    const access = await readAccess(req, { httpAuth, clusterAuthorizer });
    const page = parseInventoryQuery(req.query as RawQuery);
    // A client reading several pages compares `sources` across them: a
    // source read in between changes its lastAttemptAt.
    const sources = toInventorySources(
      await stores.refreshResults.listRefreshResults({}),
    );
    const { items, totalCount } = await stores.clusters.listClusters(
      { filter: {}, sort: { field: 'name', order: 'asc' }, page },
      access,
    );
    const body: FleetInventoryResponse = {
      items: items.map(toInventoryCluster),
      totalCount,
      paging: pagingOf(page, totalCount),
      sources,
    };
    res.json(body);
  });

  return router;
}
