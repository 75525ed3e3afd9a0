/**
 * The readiness fix routes: `POST /clusters/:clusterArn/readiness-fixes`
 * and `POST /fleet-readiness-fixes`. Thin, as the shift routes: authenticate
 * (users, and only the services named in
 * `fleetResilience.actions.allowedServices`), parse, hand over to
 * ReadinessActions (which authorizes per cluster and audits), answer 200
 * (the body's `status` and items say what happened). The fleet route
 * decides first which clusters the caller may read: naming any other is a
 * 400, as naming an unknown one.
 */
import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import express, {
  type NextFunction,
  type Request,
  type Response,
} from 'express';
import Router from 'express-promise-router';
import type { ReadinessActions } from '../actions/ReadinessActions';
import type { FleetReads } from './FleetReads';
import { routeCaller } from './mutatingCaller';
import { parseClusterArn } from './parseQuery';
import {
  parseFleetReadinessFixInput,
  parseReadinessFix,
  readinessFixInput,
} from './parseReadinessFixInput';

const OK = 200;

export interface ReadinessFixRoutesOptions {
  readinessActions: ReadinessActions;
  /** The caller's access to clusters (which clusters a fleet fix may name). */
  reads: Pick<FleetReads, 'access'>;
  httpAuth: HttpAuthService;
  /** Service principals that may act (fleetResilience.actions.allowedServices). */
  allowedServices?: ReadonlySet<string>;
}

export function createReadinessFixRoutes(
  options: ReadinessFixRoutesOptions,
): express.Router {
  const { readinessActions, reads, httpAuth } = options;
  const allowedServices = options.allowedServices ?? new Set<string>();
  const router = Router();
  router.use(express.json({ limit: '64kb' }));
  // A body that is not JSON is a 400 in Backstage's format, before anything
  // else: without it the fix, and so the audit action, is unknown.
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

  /**
   * The caller: unauthenticated is a 401 at once; a service the config
   * does not name, a query or a bad Idempotency-Key is handed to the
   * actions, which throw it once the caller is authorized (audited).
   */
  const caller = (req: Request) =>
    routeCaller(req, { httpAuth, allowedServices, answerStatus: OK });

  router.post('/clusters/:clusterArn/readiness-fixes', async (req, res) => {
    // Authenticated first (401), then the fix: the audit action follows from it.
    const who = await caller(req);
    const arn = parseClusterArn(req.params.clusterArn, 'cluster ARN').arn;
    const fix = parseReadinessFix(req.body);
    const body = await readinessActions.fix(
      who,
      arn,
      fix,
      readinessFixInput(req.body, fix),
    );
    res.status(OK).json(body);
  });

  router.post('/fleet-readiness-fixes', async (req, res) => {
    const access = await reads.access(
      await httpAuth.credentials(req, { allow: ['user', 'service'] }),
    );
    // No single cluster to audit a refusal on: thrown at once.
    const { denied, refused, ...rest } = await caller(req);
    if (denied ?? refused) {
      throw denied ?? refused;
    }
    const body = await readinessActions.fleetFix(
      rest,
      parseFleetReadinessFixInput(req.body),
      access,
    );
    res.status(OK).json(body);
  });

  return router;
}
