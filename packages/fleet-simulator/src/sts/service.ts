/**
 * AWS STS (signing name `sts`, awsQuery, API 2011-06-15): AssumeRole and
 * GetCallerIdentity, with AWS's input constraints and errors.
 *
 * AssumeRole refuses (AccessDenied, as AWS words it) a role in an account
 * outside the fleet, a role its account does not declare when the account
 * declares roles (`accounts[].roles` in the fleet file), and an ExternalId
 * that does not match the one the role declares. Credentials expire on the
 * wall clock (SDKs compare the expiry with their own clock); the simulator
 * does not refuse expired ones.
 */
import type { AwsCaller, AwsServiceHandler, SimRequest } from '../http';
import { accountNamedBy } from '../aws/common/caller';
import { AwsApiError } from '../aws/common/errors';
import { answering } from '../aws/common/protocols';
import { randomBytes } from 'node:crypto';
import {
  identify,
  uniqueIdTail,
  type CallerIdentity,
  type RoleSessions,
} from './sessions';
import {
  queryParameters,
  STS_VERSION,
  stsError,
  stsOutput,
  xmlMembers,
} from './wire';

/** A role an account declares: only declared roles are assumable in that account. */
export interface DeclaredRole {
  name: string;
  externalId?: string;
}

export interface StsServiceOptions {
  /** The fleet's accounts in fleet order; `roles` absent = any role name is assumable. */
  accounts: () => ReadonlyArray<{ id: string; roles?: DeclaredRole[] }>;
  sessions: RoleSessions;
}

const ROLE_ARN =
  /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/((?:[\x21-\x7e]+\/)*)([\w+=,.@-]{1,64})$/;
const SESSION_NAME = /^[\w+=,.@-]*$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]*$/;
const DEFAULT_DURATION = 3600;
const MIN_DURATION = 900;
const MAX_DURATION = 43200;

/** A RoleArn split into its parts; undefined when it is not an IAM role ARN. */
export function parseRoleArn(
  arn: string,
): { partition: string; accountId: string; roleName: string } | undefined {
  const match = ROLE_ARN.exec(arn);
  return match
    ? { partition: match[1], accountId: match[2], roleName: match[4] }
    : undefined;
}

/** AWS's "N validation error(s) detected: ...; ..." over every failed constraint. */
function validationError(problems: string[]): AwsApiError {
  const count = problems.length;
  return new AwsApiError(
    'ValidationError',
    `${count} validation error${
      count === 1 ? '' : 's'
    } detected: ${problems.join('; ')}`,
  );
}

const constraint = (member: string, value: string | undefined, text: string) =>
  `Value ${
    value === undefined ? 'null' : `'${value}'`
  } at '${member}' failed to satisfy constraint: ${text}`;

function lengthProblem(
  member: string,
  value: string | undefined,
  min: number,
  max: number,
  pattern: RegExp | undefined,
  patternText: string,
): string | undefined {
  if (value === undefined) return undefined;
  if (value.length < min)
    return constraint(
      member,
      value,
      `Member must have length greater than or equal to ${min}`,
    );
  if (value.length > max)
    return constraint(
      member,
      value,
      `Member must have length less than or equal to ${max}`,
    );
  if (pattern && !pattern.test(value))
    return constraint(
      member,
      value,
      `Member must satisfy regular expression pattern: ${patternText}`,
    );
  return undefined;
}

function accessDenied(caller: CallerIdentity, roleArn: string): AwsApiError {
  return new AwsApiError(
    'AccessDenied',
    `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
    403,
  );
}

function assumeRole(
  options: StsServiceOptions,
  params: URLSearchParams,
  caller: CallerIdentity,
): string {
  const roleArn = params.get('RoleArn') ?? undefined;
  const sessionName = params.get('RoleSessionName') ?? undefined;
  const externalId = params.get('ExternalId') ?? undefined;
  const durationText = params.get('DurationSeconds') ?? undefined;
  const problems: string[] = [];
  if (roleArn === undefined)
    problems.push(constraint('roleArn', roleArn, 'Member must not be null'));
  if (sessionName === undefined)
    problems.push(
      constraint('roleSessionName', sessionName, 'Member must not be null'),
    );
  const duration =
    durationText === undefined ? DEFAULT_DURATION : Number(durationText);
  if (durationText !== undefined && !/^-?\d+$/.test(durationText)) {
    throw new AwsApiError(
      'MalformedInput',
      `Value '${durationText}' for parameter DurationSeconds is not a valid integer`,
    );
  }
  for (const problem of [
    lengthProblem('roleArn', roleArn, 20, 2048, undefined, ''),
    lengthProblem(
      'roleSessionName',
      sessionName,
      2,
      64,
      SESSION_NAME,
      '[\\w+=,.@-]*',
    ),
    lengthProblem(
      'externalId',
      externalId,
      2,
      1224,
      EXTERNAL_ID,
      '[\\w+=,.@:\\/-]*',
    ),
  ]) {
    if (problem) problems.push(problem);
  }
  if (duration < MIN_DURATION)
    problems.push(
      constraint(
        'durationSeconds',
        durationText,
        `Member must have value greater than or equal to ${MIN_DURATION}`,
      ),
    );
  if (duration > MAX_DURATION)
    problems.push(
      constraint(
        'durationSeconds',
        durationText,
        `Member must have value less than or equal to ${MAX_DURATION}`,
      ),
    );
  if (problems.length > 0) throw validationError(problems);
  const arn = parseRoleArn(roleArn!);
  if (!arn) throw new AwsApiError('ValidationError', 'Request ARN is invalid');
  const account = options.accounts().find(a => a.id === arn.accountId);
  if (!account) throw accessDenied(caller, roleArn!);
  if (account.roles) {
    const role = account.roles.find(r => r.name === arn.roleName);
    if (!role) throw accessDenied(caller, roleArn!);
    if (role.externalId !== undefined && role.externalId !== externalId)
      throw accessDenied(caller, roleArn!);
  }
  const session = options.sessions.start({
    accountId: arn.accountId,
    partition: arn.partition,
    roleName: arn.roleName,
    roleArn: roleArn!,
    sessionName: sessionName!,
    expiresAt: Date.now() + duration * 1000,
  });
  const expiration = new Date(session.expiresAt)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z');
  return (
    `<AssumedRoleUser>${xmlMembers([
      [
        'Arn',
        `arn:${arn.partition}:sts::${arn.accountId}:assumed-role/${arn.roleName}/${sessionName}`,
      ],
      ['AssumedRoleId', `AROA${uniqueIdTail(roleArn!)}:${sessionName}`],
    ])}</AssumedRoleUser>` +
    `<Credentials>${xmlMembers([
      ['AccessKeyId', session.accessKeyId],
      ['SecretAccessKey', randomBytes(30).toString('base64')],
      ['SessionToken', randomBytes(96).toString('base64')],
      ['Expiration', expiration],
    ])}</Credentials>`
  );
}

function getCallerIdentity(caller: CallerIdentity): string {
  return xmlMembers([
    ['UserId', caller.userId],
    ['Account', caller.accountId ?? '000000000000'],
    ['Arn', caller.arn],
  ]);
}

/** Who signed the request (a role session or a static key naming an account). */
export function stsCallerIdentity(
  options: Pick<StsServiceOptions, 'accounts' | 'sessions'>,
  caller: AwsCaller,
): CallerIdentity {
  const accountIds = options.accounts().map(account => account.id);
  return identify(
    options.sessions,
    caller.accessKeyId,
    caller.region,
    accountNamedBy(caller.accessKeyId, accountIds),
  );
}

export function createStsService(
  options: StsServiceOptions,
): AwsServiceHandler {
  const operate = (request: SimRequest, awsCaller: AwsCaller) => {
    const params = queryParameters(request);
    const action = params.get('Action');
    if (!action) throw new AwsApiError('MissingAction', 'Missing Action');
    const version = params.get('Version');
    const caller = stsCallerIdentity(options, awsCaller);
    if (version === STS_VERSION && action === 'AssumeRole')
      return stsOutput(action, assumeRole(options, params, caller));
    if (version === STS_VERSION && action === 'GetCallerIdentity')
      return stsOutput(action, getCallerIdentity(caller));
    throw new AwsApiError(
      'InvalidAction',
      `Could not find operation ${action} for version ${
        version ?? 'NO_VERSION_SPECIFIED'
      }`,
    );
  };
  return {
    signingName: 'sts',
    error: (type, message, status) => stsError(type, message, status),
    handle: (request, caller) =>
      answering(() => operate(request, caller), stsError),
  };
}
