/**
 * The shift action routes and the audit trail:
 * `POST /clusters/:clusterArn/shifts`,
 * `PATCH|DELETE /clusters/:clusterArn/shifts/:zonalShiftId`,
 * `POST /fleet-shifts`, `GET /audit`. Thin: parse, authenticate, hand over to
 * ShiftActions (which authorizes per cluster and audits), answer.
 */
import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  IDEMPOTENCY_KEY_HEADER,
  type AuditEventsResponse,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import express, {
  type NextFunction,
  type Request,
  type Response,
} from 'express';
import Router from 'express-promise-router';
import { parseIdempotencyKey } from '../actions/idempotency';
import { parseZonalShiftId } from '../actions/parseActionInput';
import type { ShiftActions } from '../actions/ShiftActions';
import type { ActionStore } from '../database/ActionStore';
import { parseAuditQuery, parseClusterArn, type RawQuery } from './parseQuery';
import { requireRead } from './requireRead';
import { pagingOf } from './views';

export interface ShiftRoutesOptions {
  shiftActions: ShiftActions;
  actionStore: ActionStore;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}

export function createShiftRoutes(options: ShiftRoutesOptions): express.Router {
  const { shiftActions, actionStore, httpAuth, permissions } = options;
  const router = Router();
  router.use(express.json({ limit: '64kb' }));
  // A body that is not JSON is the caller's mistake: a 400 in Backstage's format.
  router.use(
    (error: unknown, _req: Request, _res: Response, next: NextFunction) => {
      const type = (error as { type?: string })?.type;
      if (type === 'entity.parse.failed') {
        next(new InputError('The request body is not valid JSON'));
      } else if (type === 'entity.too.large') {
        next(new InputError('The request body is too large'));
      } else {
        next(error);
      }
    },
  );

  async function caller(req: Request) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const idempotencyKey = parseIdempotencyKey(
      req.header(IDEMPOTENCY_KEY_HEADER),
    );
    return { credentials, ...(idempotencyKey ? { idempotencyKey } : {}) };
  }

  const clusterArnOf = (req: Request) =>
    parseClusterArn(req.params.clusterArn, 'cluster ARN').arn;

  router.post('/clusters/:clusterArn/shifts', async (req, res) => {
    const answer = await shiftActions.start(
      await caller(req),
      clusterArnOf(req),
      req.body,
    );
    res.status(answer.status).json(answer.body);
  });

  router.patch(
    '/clusters/:clusterArn/shifts/:zonalShiftId',
    async (req, res) => {
      const answer = await shiftActions.update(
        await caller(req),
        clusterArnOf(req),
        parseZonalShiftId(req.params.zonalShiftId),
        req.body,
      );
      res.status(answer.status).json(answer.body);
    },
  );

  router.delete(
    '/clusters/:clusterArn/shifts/:zonalShiftId',
    async (req, res) => {
      const answer = await shiftActions.cancel(
        await caller(req),
        clusterArnOf(req),
        parseZonalShiftId(req.params.zonalShiftId),
      );
      res.status(answer.status).json(answer.body);
    },
  );

  router.post('/fleet-shifts', async (req, res) => {
    const answer = await shiftActions.fleetShift(await caller(req), req.body);
    res.status(answer.status).json(answer.body);
  });

  router.get('/audit', async (req, res) => {
    await requireRead(req, { httpAuth, permissions }, 'the audit trail');
    const { filter, page } = parseAuditQuery(req.query as RawQuery);
    const { items, totalCount } = await actionStore.listAuditEvents(
      filter,
      page,
    );
    const body: AuditEventsResponse = {
      items,
      totalCount,
      paging: pagingOf(page, totalCount),
    };
    res.json(body);
  });

  return router;
}
