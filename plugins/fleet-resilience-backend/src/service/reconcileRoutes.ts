/**
 * `GET /reconcile` (the reconcile status of every cluster the caller may
 * read, optionally `?state=`, filtered in SQL) and
 * `GET /clusters/:clusterArn/reconcile`. Read permission; Backstage errors
 * (400 InputError for bad parameters, 403 when the caller may read no
 * cluster, 404 for a cluster that is unknown or that it may not read).
 */
import type { HttpAuthService } from '@backstage/backend-plugin-api';
import type {
  ClusterReconcileStatus,
  ReconcileStatusResponse,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type express from 'express';
import type { Request } from 'express';
import Router from 'express-promise-router';
import type { ClusterQueries } from '../database/ClusterQueries';
import {
  clusterNotFound,
  type ClusterAuthorizer,
} from '../permissions/ClusterAuthorizer';
import { readAccess } from './readAccess';
import {
  toClusterReconcileStatus,
  type ReconcileStore,
} from '../database/ReconcileStore';
import {
  awayZoneIdsAt,
  observeStoredCluster,
} from '../reconciler/arcObservation';
import { effectiveMode, type ModeSettings } from '../reconciler/effectiveMode';
import {
  parseClusterArn,
  parseNoQuery,
  parseReconcileQuery,
  type RawQuery,
} from './parseQuery';

export interface ReconcileRoutesOptions {
  store: Pick<ReconcileStore, 'list' | 'get'>;
  fleetStore: Pick<ClusterQueries, 'getCluster'>;
  modeSettings: ModeSettings;
  httpAuth: HttpAuthService;
  clusterAuthorizer: Pick<ClusterAuthorizer, 'access'>;
  now?: () => number;
}

export function createReconcileRoutes(
  options: ReconcileRoutesOptions,
): express.Router {
  const { store, fleetStore, modeSettings, httpAuth, clusterAuthorizer } =
    options;
  const now = options.now ?? Date.now;
  const router = Router();

  const readable = (req: Request) =>
    readAccess(req, { httpAuth, clusterAuthorizer });

  router.get('/reconcile', async (req, res) => {
    const access = await readable(req);
    const states = parseReconcileQuery(req.query as RawQuery);
    const records = await store.list({ access, states });
    const body: ReconcileStatusResponse = {
      items: records.map(toClusterReconcileStatus),
    };
    res.json(body);
  });

  router.get('/clusters/:clusterArn/reconcile', async (req, res) => {
    const access = await readable(req);
    parseNoQuery(req.query as RawQuery);
    const { arn } = parseClusterArn(req.params.clusterArn, 'cluster ARN');
    const record = await store.get(arn, access);
    if (record) {
      res.json(toClusterReconcileStatus(record));
      return;
    }
    const cluster = await fleetStore.getCluster(arn, access);
    if (!cluster) {
      throw clusterNotFound(arn);
    }
    // Known but not reconciled yet: what the reconciler will do, from the stored state.
    const mode = effectiveMode(
      { arn, tags: cluster.tags, karpenter: cluster.karpenter },
      modeSettings,
    );
    const body: ClusterReconcileStatus = {
      cluster: cluster.ref,
      mode: mode.mode,
      ...(mode.reason ? { modeReason: mode.reason } : {}),
      awayZoneIds: awayZoneIdsAt(observeStoredCluster(cluster), now()),
      state: 'pending',
      nodePools: [],
      markedNodeCount: 0,
    };
    res.json(body);
  });

  return router;
}
