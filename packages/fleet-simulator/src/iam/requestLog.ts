/** Every AWS request the simulator answered, counted by principal, account, region and IAM action. */

/**
 * One line of the request log.
 *
 * @public
 */
export interface AwsRequestCount {
  /** `arn:<partition>:iam::<acct>:role/<role>` for AssumeRole credentials, `static:<accessKeyId>` otherwise. */
  principal: string;
  /** The account the request acted in. */
  accountId: string;
  /** The region of the request's credential scope. */
  region: string;
  /** The IAM action, e.g. `arc-zonal-shift:StartZonalShift`. */
  action: string;
  count: number;
}

export interface AwsRequestLog {
  record(entry: Omit<AwsRequestCount, 'count'>): void;
  /** Lines in the order their first request came. */
  list(): AwsRequestCount[];
  clear(): void;
}

export function createAwsRequestLog(): AwsRequestLog {
  const counts = new Map<string, AwsRequestCount>();
  return {
    record(entry) {
      const key = JSON.stringify([
        entry.principal,
        entry.accountId,
        entry.region,
        entry.action,
      ]);
      const line = counts.get(key);
      if (line) line.count++;
      else counts.set(key, { ...entry, count: 1 });
    },
    list: () => [...counts.values()].map(line => ({ ...line })),
    clear: () => counts.clear(),
  };
}
