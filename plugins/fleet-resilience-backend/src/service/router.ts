/**
 * The HTTP API (`/api/fleet-resilience`). Every read route needs
 * `fleetResilienceClusterReadPermission` on the clusters it shows, decided
 * once per request before anything is parsed or looked up (FleetReads.ts): a
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
import express, { type Request, type Response } from 'express';
import Router from 'express-promise-router';
import type { FleetStores } from '../database';
import type { ClusterAuthorizer } from '../permissions/ClusterAuthorizer';
import { FleetReads } from './FleetReads';
import type { AnswerBytes } from './documentCache';
import type { RawQuery } from './parseQuery';
import { createInventoryRoutes } from './inventoryRoutes';
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
  /**
   * `POST /clusters/:clusterArn/readiness-fixes` and `POST
   * /fleet-readiness-fixes` (readinessFixRoutes.ts), when wired.
   */
  readinessFixRoutes?: express.Router;
  /** The reads the routes answer from; built from `stores` when not given. */
  reads?: FleetReads;
}

/**
 * Sends JSON assembled from stored documents as it is (`res.send` would
 * hash every body for an ETag). The buffer goes back to its pool once
 * Node has handed the last byte to the operating system ('finish'); an
 * aborted response leaves it to the garbage collector.
 */
function sendJson(res: Response, answer: AnswerBytes): void {
  res.status(200);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', answer.body.length);
  res.once('finish', answer.release);
  res.end(answer.body);
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
  if (options.readinessFixRoutes) {
    router.use(options.readinessFixRoutes);
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

  // The answers come from FleetReads, which the actions registry's tools
  // share: the routes only authenticate and hand over the query.
  const reads =
    options.reads ??
    new FleetReads({ stores, clusterAuthorizer, now: options.now });
  const caller = (req: Request) => httpAuth.credentials(req);
  const query = (req: Request) => req.query as RawQuery;

  router.get('/clusters', async (req, res) => {
    sendJson(res, await reads.listClustersBody(await caller(req), query(req)));
  });

  router.get('/clusters/:clusterArn', async (req, res) => {
    sendJson(
      res,
      await reads.clusterDetailBody(
        await caller(req),
        req.params.clusterArn,
        query(req),
      ),
    );
  });

  // What a shift away from one AZ would do, for the start dialog's confirm
  // step: the function that answers the fleet dry run and the cluster's
  // documents while the shift applies, on the same stored data.
  router.get('/clusters/:clusterArn/shift-impact', async (req, res) => {
    res.json(
      await reads.shiftImpact(
        await caller(req),
        req.params.clusterArn,
        query(req),
      ),
    );
  });

  // The fleet's AZ readiness over the list's filters, counted in SQL.
  router.get('/readiness-summary', async (req, res) => {
    res.json(await reads.readinessSummary(await caller(req), query(req)));
  });

  router.get('/shifts', async (req, res) => {
    res.json(await reads.shiftHistory(await caller(req), query(req)));
  });

  router.get('/active-shifts', async (req, res) => {
    res.json(await reads.activeShifts(await caller(req), query(req)));
  });

  router.get('/refresh-status', async (req, res) => {
    res.json(await reads.refreshStatus(await caller(req), query(req)));
  });

  // Last: answers every error of the routes above.
  router.use(createErrorHandler(logger));

  return router;
}
