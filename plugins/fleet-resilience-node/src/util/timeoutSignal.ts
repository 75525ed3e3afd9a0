/**
 * A signal that aborts with a `TimeoutError` after `timeoutMs`, or with the
 * parent's reason when `parent` aborts, and `release()` to clear both once
 * the work is done.
 *
 * Why not `AbortSignal.timeout` (+ `AbortSignal.any`): its timer cannot be
 * cleared, so every signal made for a request that ended long ago still
 * fires at its full timeout and aborts its dependents. A refresh makes tens
 * of thousands of them; measured on bench:backend, they fired together after
 * the refresh and held the event loop for seconds (88 % of the CPU in abort
 * callbacks, load-generator connections reset).
 *
 * @public
 */
export interface TimeoutSignal {
  readonly signal: AbortSignal;
  /** True when the timeout (not the parent) aborted the signal. */
  timedOut(): boolean;
  /** Clears the timer and the parent listener; call it when the work ends. */
  release(): void;
}

/** {@inheritDoc TimeoutSignal} @public */
export function timeoutSignal(
  timeoutMs: number,
  parent?: AbortSignal,
): TimeoutSignal {
  const controller = new AbortController();
  let timedOut = false;
  const onParentAbort = () => controller.abort(parent?.reason);
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(
      new DOMException(
        `The operation timed out after ${timeoutMs} ms`,
        'TimeoutError',
      ),
    );
  }, timeoutMs);
  timer.unref?.();
  if (parent?.aborted) {
    onParentAbort();
  } else {
    parent?.addEventListener('abort', onParentAbort, { once: true });
  }
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    release: () => {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}
