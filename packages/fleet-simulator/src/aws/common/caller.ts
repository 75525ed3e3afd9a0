import type { AwsCaller } from '../../http';
import type { FleetModel } from '../../model/types';

/**
 * Which account a request acts in. The simulator has no IAM: the account is
 * named by the access key ID. When the key contains one of `accountIds`
 * (e.g. `AKIA111122223333ABCD` for account 111122223333) the caller is in
 * that account; any other key acts in the first of `accountIds`. Returns
 * undefined only when there are no accounts.
 */
export function accountNamedBy(
  accessKeyId: string,
  accountIds: readonly string[],
): string | undefined {
  return accountIds.find(id => accessKeyId.includes(id)) ?? accountIds[0];
}

/** The fleet account a request acts in (see accountNamedBy), in fleet order. */
export function callerAccountId(
  model: FleetModel,
  caller: AwsCaller,
): string | undefined {
  return accountNamedBy(
    caller.accessKeyId,
    model.accounts().map(account => account.accountId),
  );
}

/** Where a request acts: the caller's account and the region it signed for. */
export interface CallerScope {
  accountId: string | undefined;
  region: string;
  /** `<accountId>/<region>`: binds page tokens to the scope. */
  key: string;
  /** Whether an account's regional resource (cluster, app) is in the scope. */
  holds(resource: { accountId: string; region: string }): boolean;
}

export function scopeOf(
  accountId: string | undefined,
  region: string,
): CallerScope {
  return {
    accountId,
    region,
    key: `${accountId}/${region}`,
    holds: resource =>
      resource.accountId === accountId && resource.region === region,
  };
}

export function callerScope(model: FleetModel, caller: AwsCaller): CallerScope {
  return scopeOf(callerAccountId(model, caller), caller.region);
}
