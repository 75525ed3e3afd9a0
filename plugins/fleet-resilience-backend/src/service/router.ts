/**
 * The HTTP API (`/api/fleet-resilience`). Every read route needs
 * `fleetResilienceClusterReadPermission` on the clusters it shows, decided
 * once per request before anything is parsed or looked up (readAccess.ts): a
 * definitive deny is a 403, a conditional decision filters the store's query
 * in SQL, and a cluster the caller may not read answers 404 like an unknown
 * one. `POST /refresh` has its own permission (refreshRoute.ts), and so do
 * `GET /preflight` and `POST /preflight` (preflightRoutes.ts: this replica's
 * latest preflight report; a run started, or joined when one is running).
 * Errors are
 * thrown and answered by the plugin's error handler (errorHandler.ts) in
 * Backstage's format, classified: no SQL, stack or internal detail.
 */
import type {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  assessShiftImpact,
  type ActiveShiftsResponse,
  type Paging,
  type RefreshStatusResponse,
  type ShiftHistoryResponse,
  type ShiftImpact,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import express, { type Request, type Response } from 'express';
import Router from 'express-promise-router';
import type { FleetStores } from '../database';
import {
  clusterNotFound,
  type ClusterAuthorizer,
} from '../permissions/ClusterAuthorizer';
import { readAccess } from './readAccess';
import {
  parseActiveShiftsQuery,
  parseClusterArn,
  parseClusterListQuery,
  parseNoQuery,
  parseShiftHistoryQuery,
  parseShiftImpactQuery,
  shiftImpactZone,
  type RawQuery,
} from './parseQuery';
import { pagingOf, toRefreshStatus, toShiftRecord } from './views';
import { buildActiveShifts } from './activeShifts';
import { createInventoryRoutes } from './inventoryRoutes';
import { detailJson, summaryJson } from '../domain/clusterDocuments';
import { createErrorHandler } from './errorHandler';
import {
  createRefreshRoute,
  DEFAULT_REFRESH_COOLDOWN_MS,
} from './refreshRoute';

export interface RouterOptions {
  stores: Pick<
    FleetStores,
    'clusters' | 'kubernetes' | 'arc' | 'refreshResults'
  >;
  httpAuth: HttpAuthService;
  /** For `POST /refresh` (a basic permission). */
  permissions: PermissionsService;
  /** Decides which clusters a caller may read. */
  clusterAuthorizer: Pick<ClusterAuthorizer, 'access'>;
  logger: LoggerService;
  /** Asks the scheduler to run the refresh tasks soon. */
  triggerRefresh: () => Promise<boolean>;
  /** Service principals that may use the mutating routes (see mutatingCaller.ts). */
  allowedServices?: ReadonlySet<string>;
  /** `POST /refresh` answers 429 for this long after an accepted request. */
  refreshCooldownMs?: number;
  now?: () => Date;
  /** The shift action and audit routes (shiftRoutes.ts), when wired. */
  shiftRoutes?: express.Router;
  /** `GET /reconcile` and `GET /clusters/:clusterArn/reconcile` (reconcileRoutes.ts), when wired. */
  reconcileRoutes?: express.Router;
  /** `GET /preflight` and `POST /preflight` (preflightRoutes.ts), when wired. */
  preflightRoutes?: express.Router;
}

/**
 * Sends JSON assembled from stored documents as it is (`res.send` would
 * hash every body for an ETag).
 */
function sendJson(res: Response, body: string): void {
  res.status(200);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const {
    stores,
    httpAuth,
    permissions,
    clusterAuthorizer,
    logger,
    triggerRefresh,
  } = options;
  const now = options.now ?? (() => new Date());
  const router = Router();
  if (options.shiftRoutes) {
    router.use(options.shiftRoutes);
  }
  if (options.reconcileRoutes) {
    router.use(options.reconcileRoutes);
  }
  if (options.preflightRoutes) {
    router.use(options.preflightRoutes);
  }
  router.use(createInventoryRoutes({ stores, httpAuth, clusterAuthorizer }));
  router.use(
    createRefreshRoute({
      httpAuth,
      permissions,
      logger,
      triggerRefresh,
      allowedServices: options.allowedServices ?? new Set(),
      cooldownMs: options.refreshCooldownMs ?? DEFAULT_REFRESH_COOLDOWN_MS,
    }),
  );

  const readable = (req: Request) =>
    readAccess(req, { httpAuth, clusterAuthorizer });

  router.get('/clusters', async (req, res) => {
    const access = await readable(req);
    const query = parseClusterListQuery(req.query as RawQuery);
    const { items, totalCount } = await stores.clusters.listClusterDocuments(
      query,
      access,
    );
    const at = now();
    // Assembled from the stored documents: no parse and stringify per cluster.
    const paging: Paging = pagingOf(query.page, totalCount);
    sendJson(
      res,
      `{"items":[${items
        .map(item => summaryJson(item.summary, item.status, at))
        .join(',')}],"totalCount":${totalCount},"paging":${JSON.stringify(
        paging,
      )}}`,
    );
  });

  router.get('/clusters/:clusterArn', async (req, res) => {
    const access = await readable(req);
    parseNoQuery(req.query as RawQuery);
    const { arn } = parseClusterArn(req.params.clusterArn, 'cluster ARN');
    const documents = await stores.clusters.getClusterDocuments(arn, access);
    if (!documents) {
      throw clusterNotFound(arn);
    }
    sendJson(
      res,
      detailJson(documents.summary, documents.detail, documents.status, now()),
    );
  });

  // What a shift away from one AZ would do, for the start dialog's confirm
  // step: the function that answers the fleet dry run and the cluster's
  // documents while the shift applies, on the same stored data.
  router.get('/clusters/:clusterArn/shift-impact', async (req, res) => {
    const access = await readable(req);
    const { arn } = parseClusterArn(req.params.clusterArn, 'cluster ARN');
    const awayFrom = parseShiftImpactQuery(req.query as RawQuery);
    const cluster = await stores.clusters.getCluster(arn, access);
    if (!cluster) {
      throw clusterNotFound(arn);
    }
    const zone = shiftImpactZone(awayFrom, {
      name: cluster.ref.name,
      zones: cluster.zones,
    });
    const [snapshot, nodePools] = await Promise.all([
      stores.kubernetes.getLatestSnapshot(arn),
      stores.kubernetes.listNodePools(arn),
    ]);
    const body: ShiftImpact = assessShiftImpact({
      capacity: snapshot?.capacity,
      zones: cluster.zones,
      awayFrom: zone.id,
      nodePools,
    });
    res.json(body);
  });

  router.get('/shifts', async (req, res) => {
    const access = await readable(req);
    const { filter, page } = parseShiftHistoryQuery(req.query as RawQuery);
    const { items, totalCount } = await stores.arc.listShifts(
      filter,
      page,
      access,
    );
    const body: ShiftHistoryResponse = {
      items: items.map(toShiftRecord),
      totalCount,
      paging: pagingOf(page, totalCount),
    };
    res.json(body);
  });

  router.get('/active-shifts', async (req, res) => {
    const access = await readable(req);
    const page = parseActiveShiftsQuery(req.query as RawQuery);
    // Decided at request time: a shift past its expiry is over now, whatever
    // the last ARC read said. The list is small (one entry per shift and
    // autoshift applying to a cluster), so it is paged after sorting.
    const entries = buildActiveShifts(
      await stores.arc.listActiveShiftSources(access),
      now(),
    );
    const body: ActiveShiftsResponse = {
      items: entries.slice(page.offset, page.offset + page.limit),
      totalCount: entries.length,
      paging: pagingOf(page, entries.length),
    };
    res.json(body);
  });

  router.get('/refresh-status', async (req, res) => {
    const access = await readable(req);
    parseNoQuery(req.query as RawQuery);
    // The cluster counts are of the clusters the caller may read. The
    // sources (inventory, ARC and Resilience Hub per account and region, the
    // refresh runs) are fleet-wide rows, not clusters: every reader sees them
    // all, errors included, whatever clusters it may read.
    const [results, counts] = await Promise.all([
      stores.refreshResults.listRefreshResults({}),
      stores.clusters.countByFreshness(access),
    ]);
    const body: RefreshStatusResponse = toRefreshStatus(results, counts);
    res.json(body);
  });

  // Last: answers every error of the routes above.
  router.use(createErrorHandler(logger));

  return router;
}
