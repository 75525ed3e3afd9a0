import { ConfigReader, type Config } from '@backstage/config';
import { ForwardedError, InputError } from '@backstage/errors';
import {
  DefaultAwsCredentialsManager,
  type AwsCredentialsManager,
} from '@backstage/integration-aws-node';
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
} from '@smithy/types';
import { readOperatorRole } from './awsSettings';
import { isAccountId } from './identifiers';

/**
 * Which identity a client acts as: the `reader` (every read, the standard
 * `aws` integration config) or the `operator` (ARC shift writes and NodePool
 * patches, `fleetResilience.aws.operatorRole`).
 *
 * @public
 */
export type AwsRole = 'reader' | 'operator';

/** Temporary credentials are renewed this long before they expire. */
export const CREDENTIALS_REFRESH_BEFORE_MS = 5 * 60_000;

/**
 * One identity per refresh: integration-aws-node's role providers call STS
 * AssumeRole on every call, and our ARC client and EKS tokens ask for
 * credentials on every request. Kept until 5 minutes before they expire
 * (static credentials, without an expiry, for good); a failure is not kept.
 */
export function memoizeCredentials(
  provider: AwsCredentialIdentityProvider,
  now: () => number = Date.now,
): AwsCredentialIdentityProvider {
  let current: Promise<AwsCredentialIdentity> | undefined;
  const fetchNew = (props?: Record<string, unknown>) => {
    const next = Promise.resolve().then(() => provider(props));
    current = next;
    next.catch(() => {
      if (current === next) current = undefined;
    });
    return next;
  };
  return async props => {
    const held = current;
    if (!held) return fetchNew(props);
    let identity: AwsCredentialIdentity;
    try {
      identity = await held;
    } catch {
      return current && current !== held ? current : fetchNew(props);
    }
    const expiresAt = identity.expiration?.getTime();
    if (
      expiresAt === undefined ||
      expiresAt - now() > CREDENTIALS_REFRESH_BEFORE_MS
    ) {
      return identity;
    }
    // Another caller may have started the renewal already.
    return current && current !== held ? current : fetchNew(props);
  };
}

/**
 * The `aws` integration config the operator's credentials come from: the
 * same main account (the backend's own identity) and the account defaults'
 * partition and STS region, with the operator role as the role of every
 * account. No account is listed, so none falls back to other credentials.
 */
export function operatorAwsConfig(config: Config): Config | undefined {
  const operator = readOperatorRole(config);
  if (!operator) {
    return undefined;
  }
  const defaults = config.getOptionalConfig('aws.accountDefaults');
  const copied = ['partition', 'region', 'webIdentityTokenFile'] as const;
  const accountDefaults: Record<string, string> = {
    roleName: operator.roleName,
  };
  for (const key of copied) {
    const value = defaults?.getOptionalString(key);
    if (value !== undefined) accountDefaults[key] = value;
  }
  if (operator.externalId !== undefined) {
    accountDefaults.externalId = operator.externalId;
  }
  const mainAccount = config.getOptionalConfig('aws.mainAccount')?.get();
  return new ConfigReader({
    aws: { ...(mainAccount ? { mainAccount } : {}), accountDefaults },
  });
}

/**
 * The accounts listed under `aws.accounts` with neither a role, keys nor a
 * profile while `aws.accountDefaults.roleName` is set. integration-aws-node
 * applies the defaults only to accounts that are not listed, so these use
 * the backend's own identity: their calls land in the wrong account.
 *
 * @public
 */
export function findAccountsWithoutRole(config: Config): string[] {
  if (!config.getOptionalString('aws.accountDefaults.roleName')) {
    return [];
  }
  return (config.getOptionalConfigArray('aws.accounts') ?? [])
    .filter(
      account =>
        !account.getOptionalString('roleName') &&
        !account.getOptionalString('accessKeyId') &&
        !account.getOptionalString('profile'),
    )
    .map(account => account.getString('accountId'));
}

/**
 * AWS credentials per account, from Backstage's AWS integration config
 * (`aws.mainAccount`, `aws.accounts[]` with `roleName`/`externalId` for role
 * assumption, `aws.accountDefaults`). The operator's come from the same
 * integration over a derived config: `fleetResilience.aws.operatorRole`
 * assumed in every account from `aws.mainAccount`; without it the operator
 * acts with the reader's. Providers are what the SDK calls to get (and
 * refresh) credentials; nothing here ever logs or returns a secret.
 *
 * @public
 */
export class AwsAccountCredentials {
  static fromConfig(
    config: Config,
    options: { role?: AwsRole } = {},
  ): AwsAccountCredentials {
    const source =
      options.role === 'operator'
        ? operatorAwsConfig(config) ?? config
        : config;
    return new AwsAccountCredentials(
      DefaultAwsCredentialsManager.fromConfig(source),
    );
  }

  private readonly providers = new Map<
    string,
    Promise<AwsCredentialIdentityProvider>
  >();

  constructor(private readonly manager: AwsCredentialsManager) {}

  async forAccount(accountId: string): Promise<AwsCredentialIdentityProvider> {
    if (!isAccountId(accountId)) {
      throw new InputError(`'${accountId}' is not a 12-digit AWS account ID`);
    }
    let provider = this.providers.get(accountId);
    if (!provider) {
      provider = this.resolve(accountId);
      this.providers.set(accountId, provider);
      provider.catch(() => this.providers.delete(accountId));
    }
    return provider;
  }

  private async resolve(
    accountId: string,
  ): Promise<AwsCredentialIdentityProvider> {
    try {
      const { sdkCredentialProvider } =
        await this.manager.getCredentialProvider({ accountId });
      return memoizeCredentials(sdkCredentialProvider);
    } catch (error) {
      throw new ForwardedError(
        `No AWS credentials for account ${accountId} (configure it under aws.accounts or aws.accountDefaults)`,
        error,
      );
    }
  }
}
