import { useCallback, useRef, useState } from 'react';
import { newIdempotencyKey } from '../api/idempotencyKey';

/**
 * One user submission of a mutating call: the idempotency key is made when
 * the submission starts and reused when the user retries it after an error,
 * so a retry never starts a second shift. `reset` begins a new submission.
 */
export function useSubmission<T>() {
  const key = useRef<string | undefined>(undefined);
  const [state, setState] = useState<{
    running: boolean;
    error?: unknown;
    result?: T;
  }>({ running: false });

  const run = useCallback(
    async (call: (idempotencyKey: string) => Promise<T>) => {
      if (!key.current) key.current = newIdempotencyKey();
      setState({ running: true });
      try {
        const result = await call(key.current);
        setState({ running: false, result });
        return result;
      } catch (error) {
        setState({ running: false, error });
        return undefined;
      }
    },
    [],
  );

  const reset = useCallback(() => {
    key.current = undefined;
    setState({ running: false });
  }, []);

  return { ...state, run, reset };
}
