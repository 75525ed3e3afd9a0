/**
 * The role sessions STS hands out, and who a request's access key names.
 *
 * AssumeRole credentials carry the role's account in their access key ID
 * (`ASIA<accountId><suffix>`), so the services that only ask "which account"
 * (aws/common/caller.ts) keep working; the store remembers the rest (role,
 * session, partition) for GetCallerIdentity, the request log, IAM denials and
 * Kubernetes RBAC rules bound to a role.
 */
import { createHash, randomBytes } from 'node:crypto';

/** One AssumeRole session. */
export interface RoleSession {
  accessKeyId: string;
  accountId: string;
  partition: string;
  /** The role's name (the last segment of its ARN, without the path). */
  roleName: string;
  /** The role's ARN as the caller asked for it (path included). */
  roleArn: string;
  sessionName: string;
  /** Wall-clock epoch ms: SDKs compare it with their own clock. */
  expiresAt: number;
}

/** Who signed a request: a role session or a static (long-term) key. */
export type CallerIdentity =
  | {
      kind: 'role';
      accountId: string;
      partition: string;
      session: RoleSession;
      /** `arn:<partition>:sts::<acct>:assumed-role/<role>/<session>` */
      arn: string;
      /** `arn:<partition>:iam::<acct>:role/<role>`: the request log's principal. */
      principal: string;
      userId: string;
    }
  | {
      kind: 'static';
      accountId: string | undefined;
      partition: string;
      /** `arn:<partition>:iam::<acct>:user/fleet-simulator` */
      arn: string;
      /** `static:<accessKeyId>` */
      principal: string;
      userId: string;
    };

/** The name of the IAM user static keys act as. */
export const STATIC_USER_NAME = 'fleet-simulator';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function randomBase32(length: number): string {
  const bytes = randomBytes(length);
  return [...bytes].map(byte => BASE32[byte % 32]).join('');
}

/** A stable 17-character unique-ID tail (IAM IDs are a 4-letter prefix and 17 more). */
export function uniqueIdTail(seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  return [...digest.subarray(0, 17)].map(byte => BASE32[byte % 32]).join('');
}

/** The partition of a region, as AWS names it. */
export function partitionOfRegion(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export interface RoleSessions {
  /** Starts a session; its access key ID is `ASIA<accountId>` and 4 random characters. */
  start(session: Omit<RoleSession, 'accessKeyId'>): RoleSession;
  get(accessKeyId: string): RoleSession | undefined;
}

export function createRoleSessions(): RoleSessions {
  const sessions = new Map<string, RoleSession>();
  return {
    start(fields) {
      let accessKeyId: string;
      do {
        accessKeyId = `ASIA${fields.accountId}${randomBase32(4)}`;
      } while (sessions.has(accessKeyId));
      const session = { ...fields, accessKeyId };
      sessions.set(accessKeyId, session);
      return session;
    },
    get: accessKeyId => sessions.get(accessKeyId),
  };
}

/**
 * Who a request signed with `accessKeyId` in `region` is: the role session
 * the key belongs to, or a static key acting in `accountOfKey` (the account
 * the key names, see aws/common/caller.ts).
 */
export function identify(
  sessions: RoleSessions,
  accessKeyId: string,
  region: string,
  accountOfKey: string | undefined,
): CallerIdentity {
  const session = sessions.get(accessKeyId);
  if (session) {
    const { accountId, partition, roleName, sessionName } = session;
    return {
      kind: 'role',
      accountId,
      partition,
      session,
      arn: `arn:${partition}:sts::${accountId}:assumed-role/${roleName}/${sessionName}`,
      principal: `arn:${partition}:iam::${accountId}:role/${roleName}`,
      userId: `AROA${uniqueIdTail(session.roleArn)}:${sessionName}`,
    };
  }
  const partition = partitionOfRegion(region);
  const account = accountOfKey ?? '000000000000';
  return {
    kind: 'static',
    accountId: accountOfKey,
    partition,
    arn: `arn:${partition}:iam::${account}:user/${STATIC_USER_NAME}`,
    principal: `static:${accessKeyId}`,
    userId: `AIDA${uniqueIdTail(`${account}/${STATIC_USER_NAME}`)}`,
  };
}
