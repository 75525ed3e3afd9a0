/**
 * `GET /reconcile` (every cluster's reconcile status, optionally `?state=`)
 * and `GET /clusters/:clusterArn/reconcile`. Read permission; Backstage errors
 * (400 InputError for bad parameters, 403, 404 for an unknown cluster).
 */
import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type {
  ClusterReconcileStatus,
  ReconcileStatusResponse,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type express from 'express';
import type { Request } from 'express';
import Router from 'express-promise-router';
import type { ClusterQueries } from '../database/ClusterQueries';
import { requireRead as requireReadPermission } from './requireRead';
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
  permissions: PermissionsService;
  now?: () => number;
}

export function createReconcileRoutes(
  options: ReconcileRoutesOptions,
): express.Router {
  const { store, fleetStore, modeSettings, httpAuth, permissions } = options;
  const now = options.now ?? Date.now;
  const router = Router();

  const requireRead = (req: Request) =>
    requireReadPermission(req, { httpAuth, permissions });

  router.get('/reconcile', async (req, res) => {
    await requireRead(req);
    const states = parseReconcileQuery(req.query as RawQuery);
    const records = await store.list();
    const body: ReconcileStatusResponse = {
      items: records
        .filter(record => !states || states.has(record.state))
        .map(toClusterReconcileStatus),
    };
    res.json(body);
  });

  router.get('/clusters/:clusterArn/reconcile', async (req, res) => {
    await requireRead(req);
    parseNoQuery(req.query as RawQuery);
    const { arn } = parseClusterArn(req.params.clusterArn, 'cluster ARN');
    const record = await store.get(arn);
    if (record) {
      res.json(toClusterReconcileStatus(record));
      return;
    }
    const cluster = await fleetStore.getCluster(arn);
    if (!cluster) {
      throw new NotFoundError(`No cluster ${arn} in the fleet`);
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
