import type { AwsCaller } from '../../http';
import type { FleetModel } from '../../model/types';

/**
 * Which fleet account a request acts in. The simulator has no IAM: the
 * account is named by the access key ID. When the key contains an account's
 * 12-digit ID (e.g. `AKIA111122223333ABCD` for account 111122223333) the
 * caller is in that account; any other key acts in the fleet's first account.
 * Returns undefined only for a fleet without accounts.
 */
export function callerAccountId(
  model: FleetModel,
  caller: AwsCaller,
): string | undefined {
  const accounts = model.accounts();
  const named = accounts.find(account =>
    caller.accessKeyId.includes(account.accountId),
  );
  return (named ?? accounts[0])?.accountId;
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

export function callerScope(model: FleetModel, caller: AwsCaller): CallerScope {
  const accountId = callerAccountId(model, caller);
  const { region } = caller;
  return {
    accountId,
    region,
    key: `${accountId}/${region}`,
    holds: resource =>
      resource.accountId === accountId && resource.region === region,
  };
}
