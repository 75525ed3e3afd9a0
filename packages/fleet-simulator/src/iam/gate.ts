/**
 * The one place every AWS request passes after its signature was read and
 * its service found (startServer's `beforeAws`): it is counted in the request
 * log, then refused when an IAM denial covers it. The simulator also tells
 * it when the service starts and ends handling a request it let through, so
 * the log holds the services' own time per IAM action (no injected latency
 * or hangs: those happen before and after).
 */
import type {
  AwsCaller,
  AwsServiceHandler,
  SimRequest,
  SimResponse,
} from '../http';
import type { IamDenySpec } from '../model/spec';
import { stsCallerIdentity, type StsServiceOptions } from '../sts';
import {
  accessDeniedResponse,
  assumedRoleOf,
  denies,
  resourceArnOf,
} from './denies';
import { iamActionOf } from './operations';
import { createAwsRequestLog, type AwsRequestCount } from './requestLog';

export interface IamGate {
  /** Logs the request; returns AccessDenied when a denial covers it. */
  check(
    service: AwsServiceHandler,
    request: SimRequest,
    caller: AwsCaller,
  ): SimResponse | undefined;
  /** The service starts handling a request `check` let through (and no fault answered). */
  handling(request: SimRequest): void;
  /** The service has answered it: its wall time goes to the request's IAM action. */
  handled(request: SimRequest): void;
  awsRequests(): AwsRequestCount[];
  /** Per IAM action, the ms the services spent handling its requests. */
  awsHandlerMs(): Record<string, number>;
  clearAwsRequests(): void;
  denies(): IamDenySpec[];
  /** Replaces the denials. */
  setDenies(denies: IamDenySpec[]): void;
}

export function createIamGate(
  options: Pick<StsServiceOptions, 'accounts' | 'sessions'>,
  initialDenies: IamDenySpec[] = [],
): IamGate {
  const log = createAwsRequestLog();
  /** Requests checked and not yet handled: their action, and when handling began. */
  const pending = new WeakMap<
    SimRequest,
    { action: string; startedAt?: number }
  >();
  let current = initialDenies.map(deny => ({ ...deny }));
  return {
    check(service, request, awsCaller) {
      const action = iamActionOf(service.signingName, request);
      if (!action) return undefined;
      const caller = stsCallerIdentity(options, awsCaller);
      log.record({
        principal: caller.principal,
        accountId: caller.accountId ?? '',
        region: awsCaller.region,
        action,
      });
      pending.set(request, { action });
      const assumed =
        action === 'sts:AssumeRole' ? assumedRoleOf(request) : undefined;
      if (!current.some(deny => denies(deny, action, caller, assumed)))
        return undefined;
      const resource = resourceArnOf(action, request, caller, awsCaller.region);
      return accessDeniedResponse(
        service,
        `User: ${caller.arn} is not authorized to perform: ${action} on resource: ${resource}`,
      );
    },
    handling(request) {
      const entry = pending.get(request);
      if (entry) entry.startedAt = performance.now();
    },
    handled(request) {
      const entry = pending.get(request);
      pending.delete(request);
      if (entry?.startedAt !== undefined) {
        log.addHandlerTime(entry.action, performance.now() - entry.startedAt);
      }
    },
    awsRequests: () => log.list(),
    awsHandlerMs: () => log.handlerMs(),
    clearAwsRequests: () => log.clear(),
    denies: () => current.map(deny => ({ ...deny })),
    setDenies(next) {
      current = next.map(deny => ({ ...deny }));
    },
  };
}
