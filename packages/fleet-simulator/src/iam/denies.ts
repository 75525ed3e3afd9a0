/**
 * IAM denials: which requests answer AccessDenied, and the refusal each
 * service sends, in its own protocol and worded as AWS words it:
 *
 *   User: <caller ARN> is not authorized to perform: <action> on resource: <ARN>
 */
import { randomUUID } from 'node:crypto';
import {
  jsonResponse,
  type AwsServiceHandler,
  type SimRequest,
  type SimResponse,
} from '../http';
import type { IamDenySpec } from '../model/spec';
import { parseRoleArn, queryParameters, type CallerIdentity } from '../sts';

/** Whether `deny` covers a request for `action` by `caller` (and, for sts:AssumeRole, the role it assumes). */
export function denies(
  deny: IamDenySpec,
  action: string,
  caller: CallerIdentity,
  assumedRole?: { accountId: string; roleName: string },
): boolean {
  if (deny.action !== action) return false;
  const byCaller =
    (deny.accountId === undefined || deny.accountId === caller.accountId) &&
    (deny.roleName === undefined ||
      (caller.kind === 'role' && caller.session.roleName === deny.roleName));
  const byTarget =
    assumedRole !== undefined &&
    (deny.accountId === undefined ||
      deny.accountId === assumedRole.accountId) &&
    (deny.roleName === undefined || deny.roleName === assumedRole.roleName);
  return byCaller || byTarget;
}

/** The role an sts:AssumeRole request asks for, when its RoleArn is one. */
export function assumedRoleOf(request: SimRequest) {
  const roleArn = queryParameters(request).get('RoleArn');
  const parsed = roleArn ? parseRoleArn(roleArn) : undefined;
  return parsed && roleArn ? { ...parsed, roleArn } : undefined;
}

function decoded(segment: string | undefined): string | undefined {
  if (segment === undefined) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function jsonMember(request: SimRequest, member: string): string | undefined {
  try {
    const body = JSON.parse(request.body.toString('utf8') || '{}');
    return typeof body?.[member] === 'string' ? body[member] : undefined;
  } catch {
    return undefined;
  }
}

/** The resource a refusal names: the ARN AWS authorizes the action on, `*` when it has none. */
export function resourceArnOf(
  action: string,
  request: SimRequest,
  caller: CallerIdentity,
  region: string,
): string {
  const p = caller.partition;
  const account = caller.accountId ?? '000000000000';
  const label = decoded(request.url.pathname.split('/')[2]);
  switch (action) {
    case 'eks:DescribeCluster':
    case 'eks:UpdateClusterConfig':
    case 'eks:DescribeUpdate':
    case 'eks:ListUpdates':
      return `arn:${p}:eks:${region}:${account}:cluster/${label}`;
    case 'eks:ListClusters':
      return `arn:${p}:eks:${region}:${account}:cluster/*`;
    case 'sts:AssumeRole':
      return assumedRoleOf(request)?.roleArn ?? '*';
    case 'arc-zonal-shift:GetManagedResource':
    case 'arc-zonal-shift:UpdateZonalAutoshiftConfiguration':
    case 'arc-zonal-shift:UpdatePracticeRunConfiguration':
    case 'arc-zonal-shift:DeletePracticeRunConfiguration':
      return label ?? '*';
    case 'arc-zonal-shift:StartZonalShift':
    case 'arc-zonal-shift:StartPracticeRun':
    case 'arc-zonal-shift:CreatePracticeRunConfiguration':
      return jsonMember(request, 'resourceIdentifier') ?? '*';
    default:
      break;
  }
  if (action.startsWith('sqs:')) {
    const queueUrl = jsonMember(request, 'QueueUrl');
    const name = queueUrl?.split('/').pop() ?? jsonMember(request, 'QueueName');
    return name ? `arn:${p}:sqs:${region}:${account}:${name}` : '*';
  }
  return '*';
}

/** The AccessDenied answer of `service`, in its protocol. */
export function accessDeniedResponse(
  service: AwsServiceHandler,
  message: string,
): SimResponse {
  switch (service.signingName) {
    case 'sts':
      return service.error('AccessDenied', message, 403);
    case 'config':
      // awsJson1_1 front ends answer client errors, this one included, with 400.
      return service.error('AccessDeniedException', message, 400);
    case 'sqs':
      // SQS's JSON protocol: the coral type in the body, the query code beside it.
      return jsonResponse(
        403,
        { __type: 'com.amazon.coral.service#AccessDeniedException', message },
        'application/x-amz-json-1.0',
        {
          'x-amzn-requestid': randomUUID(),
          'x-amzn-query-error': 'AccessDenied;Sender',
        },
      );
    default:
      return service.error('AccessDeniedException', message, 403);
  }
}
