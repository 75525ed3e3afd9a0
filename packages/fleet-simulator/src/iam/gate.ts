/**
 * The one place every AWS request passes after its signature was read and
 * its service found (startServer's `beforeAws`): it is counted in the request
 * log, then refused when an IAM denial covers it.
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
  awsRequests(): AwsRequestCount[];
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
    awsRequests: () => log.list(),
    clearAwsRequests: () => log.clear(),
    denies: () => current.map(deny => ({ ...deny })),
    setDenies(next) {
      current = next.map(deny => ({ ...deny }));
    },
  };
}
