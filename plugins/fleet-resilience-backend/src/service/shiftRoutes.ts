/**
 * The shift action routes and the audit trail:
 * `POST /clusters/:clusterArn/shifts`,
 * `PATCH|DELETE /clusters/:clusterArn/shifts/:zonalShiftId`,
 * `POST /fleet-shifts`, `GET /audit`. Thin: authenticate (users, and only
 * the services named in `fleetResilience.actions.allowedServices`: see
 * mutatingCaller.ts), parse, hand over to ShiftActions (which authorizes per
 * cluster and audits), answer with the route's status. `POST /fleet-shifts`
 * and `GET /audit` decide first which clusters the caller may read (one
 * decision, applied in SQL; none at all is a 403): the plan and the trail
 * name only those.
 */
import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import express, {
  type NextFunction,
  type Request,
  type Response,
} from 'express';
import Router from 'express-promise-router';
import type { ShiftActions } from '../actions/ShiftActions';
import type { FleetReads } from './FleetReads';
import {
  parseFleetShiftInput,
  parseZonalShiftId,
  startShiftInput,
  updateShiftInput,
} from './parseActionInput';
import { parseClusterArn, type RawQuery } from './parseQuery';
import { routeCaller } from './mutatingCaller';

const OK = 200;
const CREATED = 201;
/** The single-cluster action routes, whose refusals are audited. */
const CLUSTER_ACTION_PATH = /^\/clusters\/[^/]+\/shifts(\/[^/]+)?\/?$/;

export interface ShiftRoutesOptions {
  shiftActions: ShiftActions;
  /** The audit trail and the caller's access to clusters (what a plan may name). */
  reads: Pick<FleetReads, 'auditEvents' | 'access'>;
  httpAuth: HttpAuthService;
  /** Service principals that may act (fleetResilience.actions.allowedServices). */
  allowedServices?: ReadonlySet<string>;
}

export function createShiftRoutes(options: ShiftRoutesOptions): express.Router {
  const { shiftActions, reads, httpAuth } = options;
  const allowedServices = options.allowedServices ?? new Set<string>();
  const router = Router();
  router.use(express.json({ limit: '64kb' }));
  // A body that is not JSON is the caller's mistake: a 400 in Backstage's
  // format. On a single-cluster action it is still an attempt on that
  // cluster: the route goes on, and ShiftSteps throws it once the caller is
  // authorized, audited (see clusterCaller).
  router.use(
    (error: unknown, req: Request, res: Response, next: NextFunction) => {
      const type = (error as { type?: string })?.type;
      let refusal = error;
      if (type === 'entity.parse.failed') {
        refusal = new InputError('The request body is not valid JSON');
      } else if (type === 'entity.too.large') {
        refusal = new InputError('The request body is too large');
      }
      if (type !== undefined && CLUSTER_ACTION_PATH.test(req.path)) {
        res.locals.bodyRefusal = refusal;
        req.body = undefined;
        next();
      } else {
        next(refusal);
      }
    },
  );

  /**
   * The caller of a single-cluster action. Unauthenticated is a 401 at
   * once; anything else wrong (a service the config does not name, a query,
   * a bad Idempotency-Key, shift ID or body) is handed to ShiftSteps, which
   * throws it after the authorization and audits it on a known cluster.
   * `POST /fleet-shifts` throws it at once.
   */
  const clusterCaller = (req: Request, res: Response, answerStatus: number) =>
    routeCaller(req, {
      httpAuth,
      allowedServices,
      answerStatus,
      earlier: res.locals.bodyRefusal,
      check: () => {
        if (req.params.zonalShiftId !== undefined) {
          parseZonalShiftId(req.params.zonalShiftId);
        }
      },
    });

  const clusterArnOf = (req: Request) =>
    parseClusterArn(req.params.clusterArn, 'cluster ARN').arn;
  // Checked by clusterCaller; as given (bounded) for the audit of a refusal.
  const shiftIdOf = (req: Request) => req.params.zonalShiftId.slice(0, 64);

  router.post('/clusters/:clusterArn/shifts', async (req, res) => {
    const body = await shiftActions.start(
      await clusterCaller(req, res, CREATED),
      clusterArnOf(req),
      startShiftInput(req.body),
    );
    res.status(CREATED).json(body);
  });

  router.patch(
    '/clusters/:clusterArn/shifts/:zonalShiftId',
    async (req, res) => {
      const body = await shiftActions.update(
        await clusterCaller(req, res, OK),
        clusterArnOf(req),
        shiftIdOf(req),
        updateShiftInput(req.body),
      );
      res.status(OK).json(body);
    },
  );

  router.delete(
    '/clusters/:clusterArn/shifts/:zonalShiftId',
    async (req, res) => {
      const body = await shiftActions.cancel(
        await clusterCaller(req, res, OK),
        clusterArnOf(req),
        shiftIdOf(req),
      );
      res.status(OK).json(body);
    },
  );

  // A dry run and a run both answer 200: the items say what happened.
  router.post('/fleet-shifts', async (req, res) => {
    // Before the body is read: the plan names clusters.
    const access = await reads.access(
      await httpAuth.credentials(req, { allow: ['user', 'service'] }),
    );
    // No single cluster to audit a refusal on: thrown at once.
    const { denied, refused, ...caller } = await clusterCaller(req, res, OK);
    if (denied ?? refused) {
      throw denied ?? refused;
    }
    const body = await shiftActions.fleetShift(
      caller,
      parseFleetShiftInput(req.body),
      access,
    );
    res.status(OK).json(body);
  });

  router.get('/audit', async (req, res) => {
    res.json(
      await reads.auditEvents(
        await httpAuth.credentials(req),
        req.query as RawQuery,
      ),
    );
  });

  return router;
}
