/**
 * The HTTP API (`/api/fleet-resilience`). Every route needs
 * `fleetResilienceReadPermission`; `POST /refresh` too (it only reads the
 * sources again). Errors are thrown and rendered by Backstage's error
 * middleware in its standard format.
 */
import type {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  fleetResilienceReadPermission,
  type FleetClusterDetail,
  type FleetListResponse,
  type Paging,
  type RefreshStatusResponse,
  type RefreshTriggerResponse,
  type ShiftHistoryResponse,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import express, { type Request } from 'express';
import Router from 'express-promise-router';
import type { FleetStore } from '../database/FleetStore';
import {
  parseClusterArn,
  parseClusterListQuery,
  parseNoQuery,
  parseShiftHistoryQuery,
  type RawQuery,
} from './parseQuery';
import {
  toClusterDetail,
  toClusterSummary,
  toRefreshStatus,
  toShiftRecord,
} from './views';

/** Shifts of one cluster shown in its detail (newest first). */
const SHIFTS_IN_DETAIL = 50;

export interface RouterOptions {
  store: FleetStore;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  logger: LoggerService;
  /** Asks the scheduler to run the refresh tasks soon. */
  triggerRefresh: () => Promise<boolean>;
  now?: () => Date;
}

function paging(limit: number, offset: number, total: number): Paging {
  return {
    limit,
    offset,
    ...(offset + limit < total ? { nextOffset: offset + limit } : {}),
  };
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { store, httpAuth, permissions, logger, triggerRefresh } = options;
  const now = options.now ?? (() => new Date());
  const router = Router();

  async function requireRead(req: Request) {
    const credentials = await httpAuth.credentials(req);
    const [decision] = await permissions.authorize(
      [{ permission: fleetResilienceReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed to read the fleet (${fleetResilienceReadPermission.name})`,
      );
    }
  }

  router.get('/clusters', async (req, res) => {
    await requireRead(req);
    const query = parseClusterListQuery(req.query as RawQuery);
    const { items, totalCount } = await store.listClusters(query);
    const at = now();
    const body: FleetListResponse = {
      items: items.map(cluster => toClusterSummary(cluster, at)),
      totalCount,
      paging: paging(query.page.limit, query.page.offset, totalCount),
    };
    res.json(body);
  });

  router.get('/clusters/:clusterArn', async (req, res) => {
    await requireRead(req);
    parseNoQuery(req.query as RawQuery);
    const { arn } = parseClusterArn(req.params.clusterArn, 'cluster ARN');
    const cluster = await store.getCluster(arn);
    if (!cluster) {
      throw new NotFoundError(`No cluster ${arn} in the fleet`);
    }
    const [snapshot, nodePools, shifts, arcResource, autoshifts, apps, refresh] =
      await Promise.all([
        store.getLatestSnapshot(arn),
        store.listNodePools(arn),
        store.listShiftsOfCluster(arn, SHIFTS_IN_DETAIL),
        store.getArcResource(arn),
        store.listAutoshifts(cluster.ref.accountId, cluster.ref.region),
        store.listResilienceAppsOfCluster(arn),
        store.listRefreshResults({ clusterArn: arn }),
      ]);
    const body: FleetClusterDetail = toClusterDetail(
      {
        cluster,
        snapshot,
        nodePools,
        shifts,
        arcResource,
        autoshifts,
        resilienceApps: apps,
        refresh,
      },
      now(),
    );
    res.json(body);
  });

  router.get('/shifts', async (req, res) => {
    await requireRead(req);
    const { filter, page } = parseShiftHistoryQuery(req.query as RawQuery);
    const { items, totalCount } = await store.listShifts(filter, page);
    const body: ShiftHistoryResponse = {
      items: items.map(toShiftRecord),
      totalCount,
      paging: paging(page.limit, page.offset, totalCount),
    };
    res.json(body);
  });

  router.get('/refresh-status', async (req, res) => {
    await requireRead(req);
    parseNoQuery(req.query as RawQuery);
    const [results, counts] = await Promise.all([
      store.listRefreshResults({}),
      store.countByFreshness(),
    ]);
    const body: RefreshStatusResponse = toRefreshStatus(results, counts);
    res.json(body);
  });

  router.post('/refresh', async (req, res) => {
    await requireRead(req);
    parseNoQuery(req.query as RawQuery);
    const triggered = await triggerRefresh();
    logger.info(`Fleet refresh requested; triggered: ${triggered}`);
    const body: RefreshTriggerResponse = { triggered };
    res.status(202).json(body);
  });

  return router;
}
