/**
 * The SQS emulator: queues, the awsJson1_0 service, and the delivery of
 * ARC's EventBridge events to a queue.
 */
import type { SimClock } from '../clock';
import {
  createArcEventDelivery,
  type ArcEventDelivery,
} from './arcEventDelivery';
import { SqsQueues } from './queues';
import { createSqsService, type SqsService } from './service';

export {
  DEFAULT_ARC_EVENT_QUEUE_NAME,
  eventBridgeEnvelope,
  type ArcEventDelivery,
  type ArcEventQueueTarget,
} from './arcEventDelivery';
export {
  DEFAULT_QUEUE_ATTRIBUTES,
  md5Hex,
  SqsQueues,
  type QueueAttributes,
  type SimQueue,
} from './queues';
export { MAX_MESSAGE_BYTES, type SqsService } from './service';

/**
 * The SQS emulator: the service, its queues and the delivery of ARC's events.
 *
 * @public
 */
export interface SqsEmulator {
  service: SqsService;
  queues: SqsQueues;
  arcEvents: ArcEventDelivery;
  /** Stops following the clock and answers waiting long polls. */
  dispose(): void;
}

export function createSqsEmulator(options: {
  clock: SimClock;
  accountIds(): string[];
  baseUrl(): string;
}): SqsEmulator {
  const queues = new SqsQueues(options.clock);
  const service = createSqsService({
    queues,
    accountIds: options.accountIds,
    baseUrl: options.baseUrl,
  });
  // Hidden and delayed messages become visible as simulated time moves.
  const unsubscribe = options.clock.onAdvance(() => queues.wakeAll());
  return {
    service,
    queues,
    arcEvents: createArcEventDelivery(queues),
    dispose() {
      unsubscribe();
      service.cancelLongPolls();
    },
  };
}
