export {
  ARC_EVENT_SOURCE,
  parseArcEvent,
  type ArcEvent,
  type ArcEventKind,
  type ArcEventParseResult,
} from './arcEvent';
export {
  ArcEventQueueConsumer,
  type ArcEventContext,
  type ArcEventHandler,
  type ArcEventPollResult,
  type ArcEventQueueConsumerOptions,
} from './ArcEventQueueConsumer';
export {
  ARC_EVENT_QUEUE_CONFIG_KEY,
  checkArcEventQueueSettings,
  readArcEventQueueSettings,
  type ArcEventQueueSettings,
} from './eventQueueSettings';
