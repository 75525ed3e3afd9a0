import type { Config } from '@backstage/config';
import { ForwardedError, InputError } from '@backstage/errors';
import {
  DefaultAwsCredentialsManager,
  type AwsCredentialsManager,
} from '@backstage/integration-aws-node';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { isAccountId } from './identifiers';

/**
 * AWS credentials per account, from Backstage's AWS integration config
 * (`aws.mainAccount`, `aws.accounts[]` with `roleName`/`externalId` for role
 * assumption, `aws.accountDefaults`). Providers are what the SDK calls to
 * get (and refresh) credentials; nothing here ever logs or returns a secret.
 *
 * @public
 */
export class AwsAccountCredentials {
  static fromConfig(config: Config): AwsAccountCredentials {
    return new AwsAccountCredentials(
      DefaultAwsCredentialsManager.fromConfig(config),
    );
  }

  constructor(private readonly manager: AwsCredentialsManager) {}

  async forAccount(accountId: string): Promise<AwsCredentialIdentityProvider> {
    if (!isAccountId(accountId)) {
      throw new InputError(`'${accountId}' is not a 12-digit AWS account ID`);
    }
    try {
      const { sdkCredentialProvider } =
        await this.manager.getCredentialProvider({ accountId });
      return sdkCredentialProvider;
    } catch (error) {
      throw new ForwardedError(
        `No AWS credentials for account ${accountId} (configure it under aws.accounts or aws.accountDefaults)`,
        error,
      );
    }
  }
}
