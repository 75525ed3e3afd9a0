import type { ReceivedMessage, SimQueue, SqsQueues } from './queues';

/**
 * ReceiveMessage's wait: what `take` finds now, or else the first messages it
 * finds when the queue may have some visible, within `waitSeconds` of real
 * time. `pendingPolls` holds the cancel of every poll still waiting.
 */
export function longPoll(
  queues: SqsQueues,
  pendingPolls: Set<() => void>,
  queue: SimQueue,
  take: () => ReceivedMessage[],
  waitSeconds: number,
  signal: AbortSignal | undefined,
): Promise<ReceivedMessage[]> {
  const first = take();
  if (first.length > 0 || waitSeconds === 0 || signal?.aborted)
    return Promise.resolve(first);
  return new Promise(resolve => {
    const poll = {
      done: false,
      timer: undefined as ReturnType<typeof setTimeout> | undefined,
      unsubscribe: () => {},
      cancel: () => {},
    };
    const finish = (messages: ReceivedMessage[]) => {
      if (poll.done) return;
      poll.done = true;
      clearTimeout(poll.timer);
      poll.unsubscribe();
      pendingPolls.delete(poll.cancel);
      signal?.removeEventListener('abort', poll.cancel);
      resolve(messages);
    };
    poll.cancel = () => finish([]);
    poll.unsubscribe = queues.onMaybeVisible(queue, () => {
      const messages = take();
      if (messages.length > 0) finish(messages);
    });
    poll.timer = setTimeout(poll.cancel, waitSeconds * 1000);
    pendingPolls.add(poll.cancel);
    // A caller that hung up takes nothing: its messages stay visible for the next one.
    signal?.addEventListener('abort', poll.cancel, { once: true });
  });
}
