/**
 * `GET /preflight` (this replica's latest report) and `POST /preflight`
 * (202: starts a run, or joins the one in progress). Both need
 * `fleet-resilience.preflight` (a basic permission; 403 otherwise). POST is
 * open to users and the services named in
 * `fleetResilience.actions.allowedServices` only, as the other routes that
 * make the backend call AWS on demand (see mutatingCaller.ts).
 */
import type {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  fleetResiliencePreflightPermission,
  type PreflightReport,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type express from 'express';
import Router from 'express-promise-router';
import { mutatingCaller } from './mutatingCaller';
import { parseNoQuery, type RawQuery } from './parseQuery';

/** What the routes need of the preflight service. */
export interface PreflightRunner {
  report(): PreflightReport;
  start(): { started: boolean };
}

export interface PreflightRoutesOptions {
  preflight: PreflightRunner;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  allowedServices: ReadonlySet<string>;
}

export function createPreflightRoutes(
  options: PreflightRoutesOptions,
): express.Router {
  const { preflight, httpAuth, permissions } = options;
  const router = Router();

  async function authorize(credentials: BackstageCredentials) {
    const [decision] = await permissions.authorize(
      [{ permission: fleetResiliencePreflightPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed to see or run the preflight (${fleetResiliencePreflightPermission.name})`,
      );
    }
  }

  router.get('/preflight', async (req, res) => {
    await authorize(
      await httpAuth.credentials(req, { allow: ['user', 'service'] }),
    );
    parseNoQuery(req.query as RawQuery);
    const body: PreflightReport = preflight.report();
    res.json(body);
  });

  router.post('/preflight', async (req, res) => {
    await authorize(await mutatingCaller(req, options));
    parseNoQuery(req.query as RawQuery);
    preflight.start();
    const body: PreflightReport = preflight.report();
    res.status(202).json(body);
  });

  return router;
}
