/**
 * Standard SQS queues in memory: messages with delays, a visibility timeout
 * per receive, receipt handles that change on every receive, and retention.
 * Times come from the simulated clock, so a test moves the clock past a
 * visibility timeout instead of waiting for it. Ordering is best effort as in
 * SQS: oldest visible first. FIFO queues are not emulated.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { SimClock } from '../clock';

/**
 * Queue attributes the emulator honours (seconds, as SQS counts them).
 *
 * @public
 */
export interface QueueAttributes {
  VisibilityTimeout: number;
  ReceiveMessageWaitTimeSeconds: number;
  DelaySeconds: number;
  MessageRetentionPeriod: number;
}

export const DEFAULT_QUEUE_ATTRIBUTES: QueueAttributes = {
  VisibilityTimeout: 30,
  ReceiveMessageWaitTimeSeconds: 0,
  DelaySeconds: 0,
  MessageRetentionPeriod: 345_600,
};

/** Each attribute's inclusive range, from the SQS API reference. */
export const QUEUE_ATTRIBUTE_RANGES: Record<
  keyof QueueAttributes,
  [number, number]
> = {
  VisibilityTimeout: [0, 43_200],
  ReceiveMessageWaitTimeSeconds: [0, 20],
  DelaySeconds: [0, 900],
  MessageRetentionPeriod: [60, 1_209_600],
};

interface StoredMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  sentAt: number;
  visibleAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
  /** The handle of the latest receive; only it deletes the message. */
  receiptHandle?: string;
}

/**
 * A message as ReceiveMessage returns it.
 *
 * @public
 */
export interface ReceivedMessage {
  MessageId: string;
  ReceiptHandle: string;
  MD5OfBody: string;
  Body: string;
  attributes: {
    SentTimestamp: string;
    ApproximateReceiveCount: string;
    ApproximateFirstReceiveTimestamp: string;
  };
}

/**
 * A simulated SQS queue.
 *
 * @public
 */
export interface SimQueue {
  readonly accountId: string;
  readonly region: string;
  readonly name: string;
  readonly attributes: QueueAttributes;
  readonly createdAt: number;
}

export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

const queueKey = (accountId: string, region: string, name: string) =>
  `${accountId}/${region}/${name}`;

/** Receipt handles name their queue and message; the random part makes each receive's unique. */
function newReceiptHandle(key: string, messageId: string): string {
  return Buffer.from(
    `${key}\n${messageId}\n${randomBytes(12).toString('hex')}`,
  ).toString('base64url');
}

export function parseReceiptHandle(
  handle: string,
): { key: string; messageId: string } | undefined {
  if (!/^[A-Za-z0-9_-]{16,1024}$/.test(handle)) return undefined;
  const parts = Buffer.from(handle, 'base64url').toString('utf8').split('\n');
  if (parts.length !== 3 || !/^[0-9a-f]{24}$/.test(parts[2])) return undefined;
  return { key: parts[0], messageId: parts[1] };
}

class QueueState implements SimQueue {
  readonly messages: StoredMessage[] = [];
  readonly waiters = new Set<() => void>();
  constructor(
    readonly accountId: string,
    readonly region: string,
    readonly name: string,
    readonly attributes: QueueAttributes,
    readonly createdAt: number,
  ) {}
  get key() {
    return queueKey(this.accountId, this.region, this.name);
  }
}

/**
 * What deleting a message by its receipt handle did.
 *
 * @public
 */
export type DeleteOutcome = 'deleted' | 'stale' | 'invalid';

/**
 * Every queue of the simulated accounts and regions.
 *
 * @public
 */
export class SqsQueues {
  private readonly queues = new Map<string, QueueState>();

  constructor(private readonly clock: SimClock) {}

  get(accountId: string, region: string, name: string): SimQueue | undefined {
    return this.queues.get(queueKey(accountId, region, name));
  }

  /**
   * Creates a queue; an existing queue with the same attributes is returned
   * as is (CreateQueue is idempotent), with other attributes it is `conflict`.
   */
  create(
    accountId: string,
    region: string,
    name: string,
    attributes: Partial<QueueAttributes> = {},
  ): { queue: SimQueue; conflict: boolean } {
    const wanted = { ...DEFAULT_QUEUE_ATTRIBUTES, ...attributes };
    const existing = this.queues.get(queueKey(accountId, region, name));
    if (existing) {
      const same = (Object.keys(wanted) as Array<keyof QueueAttributes>).every(
        key => existing.attributes[key] === wanted[key],
      );
      return { queue: existing, conflict: !same };
    }
    const queue = new QueueState(
      accountId,
      region,
      name,
      wanted,
      this.clock.now(),
    );
    this.queues.set(queue.key, queue);
    return { queue, conflict: false };
  }

  send(
    queue: SimQueue,
    body: string,
    delaySeconds?: number,
  ): { messageId: string; md5OfBody: string } {
    const state = this.state(queue);
    const now = this.clock.now();
    const message: StoredMessage = {
      messageId: randomUUID(),
      body,
      md5OfBody: md5Hex(body),
      sentAt: now,
      visibleAt: now + (delaySeconds ?? state.attributes.DelaySeconds) * 1000,
      receiveCount: 0,
    };
    state.messages.push(message);
    this.wake(state);
    return { messageId: message.messageId, md5OfBody: message.md5OfBody };
  }

  /** Up to `max` visible messages, hidden for `visibilityTimeout` seconds from now. */
  receive(
    queue: SimQueue,
    max: number,
    visibilityTimeout?: number,
  ): ReceivedMessage[] {
    const state = this.state(queue);
    const now = this.clock.now();
    this.expire(state, now);
    const hideFor =
      (visibilityTimeout ?? state.attributes.VisibilityTimeout) * 1000;
    const received: ReceivedMessage[] = [];
    for (const message of state.messages) {
      if (received.length >= max) break;
      if (message.visibleAt > now) continue;
      message.receiveCount += 1;
      message.firstReceivedAt ??= now;
      message.visibleAt = now + hideFor;
      message.receiptHandle = newReceiptHandle(state.key, message.messageId);
      received.push({
        MessageId: message.messageId,
        ReceiptHandle: message.receiptHandle,
        MD5OfBody: message.md5OfBody,
        Body: message.body,
        attributes: {
          SentTimestamp: String(message.sentAt),
          ApproximateReceiveCount: String(message.receiveCount),
          ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt),
        },
      });
    }
    return received;
  }

  /**
   * SQS semantics: the latest receipt handle deletes the message; an older
   * handle, or one of a message already deleted, succeeds and deletes
   * nothing; a handle that is not this queue's is invalid.
   */
  delete(queue: SimQueue, receiptHandle: string): DeleteOutcome {
    const state = this.state(queue);
    const parsed = parseReceiptHandle(receiptHandle);
    if (!parsed || parsed.key !== state.key) return 'invalid';
    const index = state.messages.findIndex(
      message => message.receiptHandle === receiptHandle,
    );
    if (index < 0) return 'stale';
    state.messages.splice(index, 1);
    return 'deleted';
  }

  /** Messages in the queue, visible or not (ApproximateNumberOfMessages* together). */
  depth(queue: SimQueue): number {
    const state = this.state(queue);
    this.expire(state, this.clock.now());
    return state.messages.length;
  }

  /** Calls `listener` when the queue may have a visible message; returns the unsubscribe. */
  onMaybeVisible(queue: SimQueue, listener: () => void): () => void {
    const state = this.state(queue);
    state.waiters.add(listener);
    return () => state.waiters.delete(listener);
  }

  /** Wakes every long poll: the clock moved, hidden or delayed messages may be visible now. */
  wakeAll(): void {
    for (const state of this.queues.values()) this.wake(state);
  }

  private wake(state: QueueState) {
    for (const waiter of [...state.waiters]) waiter();
  }

  private expire(state: QueueState, now: number) {
    const oldest = now - state.attributes.MessageRetentionPeriod * 1000;
    for (let i = state.messages.length - 1; i >= 0; i--) {
      if (state.messages[i].sentAt < oldest) state.messages.splice(i, 1);
    }
  }

  private state(queue: SimQueue): QueueState {
    const state = this.queues.get(
      queueKey(queue.accountId, queue.region, queue.name),
    );
    if (!state) throw new Error(`no queue ${queue.name}`);
    return state;
  }
}
