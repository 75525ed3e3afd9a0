/** Control routes for the SQS queue ARC's EventBridge events are delivered to. */
import { DEFAULT_ARC_EVENT_QUEUE_NAME } from '../sqs';
import type { ControlApiOptions } from './api';
import { ControlError, readBody, type Route } from './requests';

export function arcEventQueueRoutes(
  options: ControlApiOptions,
): Record<string, Route> {
  const { fleet } = options;

  function arcEventQueue() {
    const sqs = options.sqs;
    if (!sqs)
      throw new ControlError(
        404,
        'NotFound',
        'this simulator has no SQS emulator',
      );
    const target = sqs.arcEvents.target();
    const queue =
      target &&
      sqs.queues.get(target.accountId, target.region, target.queueName);
    return {
      sqs,
      body: {
        target: target ?? null,
        queueUrl: queue ? sqs.service.queueUrl(queue) : null,
        delivered: sqs.arcEvents.delivered(),
      },
    };
  }

  function setArcEventQueue(body: Buffer) {
    const { sqs } = arcEventQueue();
    const accounts = fleet.accounts().map(account => account.accountId);
    const target = readBody(body, (r, value) => {
      const fields = r.object(value, '', ['accountId', 'region', 'queueName']);
      if (!fields) return undefined;
      const accountId =
        r.string(fields, 'accountId', '', { oneOf: accounts }) ?? accounts[0];
      const region =
        r.string(fields, 'region', '', {
          pattern: /^[a-z]{2}(-[a-z]+)+-\d+$/,
          hint: 'a region such as us-east-1',
        }) ?? 'us-east-1';
      const queueName =
        r.string(fields, 'queueName', '', {
          pattern: /^[A-Za-z0-9_-]{1,80}$/,
          hint: 'a standard queue name (1 to 80 letters, digits, - and _)',
        }) ?? DEFAULT_ARC_EVENT_QUEUE_NAME;
      return accountId
        ? { accountId, region, queueName }
        : r.fail('accountId', 'the fleet has no account');
    });
    sqs.arcEvents.setTarget(target);
    return { body: arcEventQueue().body };
  }

  return {
    'GET arc-event-queue': () => ({ body: arcEventQueue().body }),
    'PUT arc-event-queue': setArcEventQueue,
    'DELETE arc-event-queue': () => {
      arcEventQueue().sqs.arcEvents.setTarget(undefined);
      return { body: arcEventQueue().body };
    },
  };
}
