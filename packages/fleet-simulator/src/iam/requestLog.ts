/**
 * Every AWS request the simulator answered, counted by principal, account,
 * region and IAM action, and per IAM action the time the services spent
 * handling them.
 */

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
  /** Adds `ms` of a service's handling of a request to `action`'s total. */
  addHandlerTime(action: string, ms: number): void;
  /** Lines in the order their first request came. */
  list(): AwsRequestCount[];
  /** Per IAM action (sorted), the handling time in ms, to 0.1 ms. */
  handlerMs(): Record<string, number>;
  clear(): void;
}

export function createAwsRequestLog(): AwsRequestLog {
  const counts = new Map<string, AwsRequestCount>();
  const handling = new Map<string, number>();
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
    addHandlerTime(action, ms) {
      handling.set(action, (handling.get(action) ?? 0) + ms);
    },
    list: () => [...counts.values()].map(line => ({ ...line })),
    handlerMs: () =>
      Object.fromEntries(
        [...handling.keys()]
          .sort()
          .map(action => [action, Math.round(handling.get(action)! * 10) / 10]),
      ),
    clear() {
      counts.clear();
      handling.clear();
    },
  };
}
