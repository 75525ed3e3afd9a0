/**
 * The simulator's control API under `/_sim/` (JSON, not an AWS or Kubernetes
 * surface): read the state and the event log, move the clock, start and end
 * what AWS starts on its own (autoshifts, practice runs, FIS experiments) and
 * set fault injection. A bad request answers 400 with a message and changes
 * nothing. Every route is documented in the package README.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ArcEmulator } from '../arc';
import type { EksUpdates } from '../aws';
import type { SimClock } from '../clock';
import type { IamGate } from '../iam';
import type { SimFleet } from '../model/fleet';
import { CONTROL_PREFIX, type RawHandler } from '../server';
import type { SqsEmulator } from '../sqs';
import { alarmRoutes } from './alarmRoutes';
import { arcEventQueueRoutes } from './arcEventQueueRoutes';
import { arcRoutes } from './arcRoutes';
import { eksRoutes } from './eksRoutes';
import type { FaultInjector } from './faults';
import { faultRoutes } from './faultRoutes';
import { iamRoutes } from './iamRoutes';
import { rbacRoutes } from './rbacRoutes';
import { ControlError, send, type Route } from './requests';
import { stateRoutes } from './stateRoutes';

export interface ControlApiOptions {
  clock: SimClock;
  fleet: SimFleet;
  arc: ArcEmulator;
  faults: FaultInjector;
  /** The default fault seed (`PUT /_sim/faults` without a seed uses it). */
  seed: number;
  /** The SQS emulator, for the ARC event queue routes. */
  sqs?: SqsEmulator;
  /** IAM denials and the AWS request log. */
  iam?: IamGate;
  /** EKS cluster updates, for their duration and armed failures. */
  eksUpdates?: EksUpdates;
}

export function createControlApi(options: ControlApiOptions): RawHandler {
  const routes: Record<string, Route> = {
    ...stateRoutes(options),
    ...arcRoutes(options),
    ...faultRoutes(options),
    ...arcEventQueueRoutes(options),
    ...rbacRoutes(options),
    ...iamRoutes(options),
    ...eksRoutes(options),
    ...alarmRoutes(options),
  };

  return async (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    body: Buffer,
  ) => {
    const path = url.pathname.slice(CONTROL_PREFIX.length).replace(/\/+$/, '');
    const route = routes[`${req.method} ${path}`];
    try {
      if (!route) {
        const known = Object.keys(routes).some(key => key.endsWith(` ${path}`));
        throw known
          ? new ControlError(
              405,
              'MethodNotAllowed',
              `${req.method} is not allowed on ${url.pathname}`,
            )
          : new ControlError(
              404,
              'NotFound',
              `no control route ${url.pathname}; see GET ${CONTROL_PREFIX}state`,
            );
      }
      const result = await route(body, url.searchParams);
      send(res, result.status ?? 200, result.body);
    } catch (error) {
      if (!(error instanceof ControlError)) throw error;
      send(res, error.status, {
        error: error.code,
        message: error.message,
        ...(error.issues ? { issues: error.issues } : {}),
      });
    }
  };
}
