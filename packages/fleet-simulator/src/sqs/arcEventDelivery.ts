/**
 * Delivery of ARC's EventBridge events to an SQS queue, as an EventBridge
 * rule matching `source: aws.arc-zonal-shift` with the queue as its target
 * does: the message body is the event JSON, envelope included. One queue
 * takes the events of every account and region (rules in each account
 * forwarding to one central queue). Off until a target is set.
 */
import { randomUUID } from 'node:crypto';
import type { ArcEvent } from '../arc';
import type { SimQueue, SqsQueues } from './queues';

/**
 * The SQS queue ARC's events are delivered to.
 *
 * @public
 */
export interface ArcEventQueueTarget {
  accountId: string;
  region: string;
  queueName: string;
}

export const DEFAULT_ARC_EVENT_QUEUE_NAME = 'fleet-resilience-arc-events';

/** The event as EventBridge hands it to a target: `version` and `id` first. */
export function eventBridgeEnvelope(
  event: ArcEvent,
  id: string = randomUUID(),
) {
  return {
    version: '0',
    id,
    'detail-type': event['detail-type'],
    source: event.source,
    account: event.account,
    time: event.time,
    region: event.region,
    resources: [...event.resources],
    detail: event.detail,
  };
}

/**
 * Delivers ARC's EventBridge events to the configured SQS queue.
 *
 * @public
 */
export interface ArcEventDelivery {
  target(): ArcEventQueueTarget | undefined;
  /** Sets (creating the queue when missing) or clears the target queue. */
  setTarget(target: ArcEventQueueTarget | undefined): SimQueue | undefined;
  deliver(event: ArcEvent): void;
  /** Events delivered since the simulator started. */
  delivered(): number;
}

export function createArcEventDelivery(queues: SqsQueues): ArcEventDelivery {
  let current: { target: ArcEventQueueTarget; queue: SimQueue } | undefined;
  let count = 0;
  return {
    target: () => (current ? { ...current.target } : undefined),
    setTarget(target) {
      if (!target) {
        current = undefined;
        return undefined;
      }
      const queue =
        queues.get(target.accountId, target.region, target.queueName) ??
        queues.create(target.accountId, target.region, target.queueName).queue;
      current = { target: { ...target }, queue };
      return queue;
    },
    deliver(event) {
      if (!current) return;
      queues.send(current.queue, JSON.stringify(eventBridgeEnvelope(event)));
      count += 1;
    },
    delivered: () => count,
  };
}
