/**
 * Credentials for clients of the simulator. It has no IAM: a request acts in
 * the account whose 12-digit ID its access key contains (see
 * aws/common/caller.ts), so each account gets a key of its own. The secret
 * is never checked; it only has to let the SDK sign.
 *
 * @public
 */

export const SIMULATOR_SECRET_ACCESS_KEY = 'fleet-simulator-secret-not-checked';

/**
 * `AKIA<accountId>SIMU`: an access key ID that acts in `accountId`.
 *
 * @public
 */
export function accessKeyIdFor(accountId: string): string {
  return `AKIA${accountId}SIMU`;
}
