/**
 * An overall deadline per call of an AWS SDK client. The SDK bounds each
 * attempt (the HTTP handler's timeouts) but not the whole call: retries with
 * backoff can run for minutes. This middleware fails the call when the
 * deadline passes; the attempt still running ends at its own timeout.
 */
import type { MiddlewareStack } from '@smithy/types';

/**
 * An AWS call that did not finish within its deadline.
 *
 * @public
 */
export class AwsDeadlineError extends Error {
  constructor(readonly service: string, readonly deadlineMs: number) {
    super(
      `${service} did not answer within the call's deadline (${deadlineMs} ms)`,
    );
    this.name = 'TimeoutError';
  }
}

/** Adds the deadline to every call of `client`. */
export function addDeadline(
  client: { middlewareStack: unknown },
  service: string,
  deadlineMs: number,
): void {
  // Every SDK v3 client has one; its type parameters differ per client.
  (client.middlewareStack as MiddlewareStack<any, any>).add(
    next => args => {
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new AwsDeadlineError(service, deadlineMs)),
          deadlineMs,
        );
      });
      return Promise.race([next(args), expired]).finally(() =>
        clearTimeout(timer),
      );
    },
    { step: 'initialize', name: 'fleetResilienceDeadline' },
  );
}
