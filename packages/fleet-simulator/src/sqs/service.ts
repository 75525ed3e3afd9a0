/**
 * Amazon SQS (signing name `sqs`, protocol awsJson1_0): CreateQueue,
 * GetQueueUrl, SendMessage, ReceiveMessage (long polling) and DeleteMessage
 * on standard queues. A queue belongs to the caller's account (named by the
 * access key, as for the other services) and the region the request is
 * signed for; its URL is `<simulator origin>/<account>/<queue name>`.
 *
 * Long polls wait in real time (`WaitTimeSeconds`, like an HTTP client
 * experiences it) and answer as soon as a message is visible; visibility
 * timeouts, delays and retention follow the simulated clock.
 */
import type {
  AwsCaller,
  AwsServiceHandler,
  SimRequest,
  SimResponse,
} from '../http';
import { accountNamedBy } from '../aws/common/caller';
import { AwsApiError } from '../aws/common/errors';
import {
  optionalInteger,
  optionalString,
  optionalStringList,
  parseJsonBody,
  type JsonObject,
} from '../aws/common/input';
import { isJsonObject } from '../json';
import {
  invalid,
  queueAttributes,
  queueDoesNotExist,
  queueName,
  seconds,
} from './input';
import { longPoll } from './longPoll';
import {
  QUEUE_ATTRIBUTE_RANGES,
  type ReceivedMessage,
  type SimQueue,
  type SqsQueues,
} from './queues';
import {
  SQS_CONTENT_TYPE,
  SQS_TARGET_PREFIX,
  sqsError,
  sqsOutput,
} from './wire';

/** 1 MiB: SQS's message size limit (raised from 256 KiB in 2025). */
export const MAX_MESSAGE_BYTES = 1_048_576;
/** XML 1.0 characters: what SQS accepts in a message body. */
const INVALID_BODY_CHARACTER =
  /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const MESSAGE_SYSTEM_ATTRIBUTES = [
  'SentTimestamp',
  'ApproximateReceiveCount',
  'ApproximateFirstReceiveTimestamp',
] as const;

export interface SqsServiceOptions {
  queues: SqsQueues;
  /** The fleet's accounts, in fleet order (the caller's account is named by its key). */
  accountIds(): string[];
  /** The simulator's origin, for queue URLs. */
  baseUrl(): string;
}

/**
 * The simulated SQS service (awsJson1_0).
 *
 * @public
 */
export interface SqsService extends AwsServiceHandler {
  queueUrl(queue: SimQueue): string;
  /** Answers every waiting long poll with no messages (the simulator is stopping). */
  cancelLongPolls(): void;
}

function messageJson(message: ReceivedMessage, wanted: Set<string>) {
  const all = wanted.has('All');
  const attributes = Object.fromEntries(
    MESSAGE_SYSTEM_ATTRIBUTES.filter(name => all || wanted.has(name)).map(
      name => [name, message.attributes[name]],
    ),
  );
  return {
    MessageId: message.MessageId,
    ReceiptHandle: message.ReceiptHandle,
    MD5OfBody: message.MD5OfBody,
    Body: message.Body,
    ...(Object.keys(attributes).length > 0 ? { Attributes: attributes } : {}),
  };
}

export function createSqsService(options: SqsServiceOptions): SqsService {
  const { queues } = options;
  const pendingPolls = new Set<() => void>();

  const callerAccount = (caller: AwsCaller) =>
    accountNamedBy(caller.accessKeyId, options.accountIds()) ?? '000000000000';

  /** The queue a `QueueUrl` names, in the caller's account and signed region. */
  function queueOf(input: JsonObject, caller: AwsCaller): SimQueue {
    const url = optionalString(input, 'QueueUrl');
    if (url === undefined)
      throw invalid(
        'Value for parameter QueueUrl is invalid. Reason: Must be specified.',
      );
    let path: string;
    try {
      path = new URL(url).pathname;
    } catch {
      throw new AwsApiError(
        'InvalidAddress',
        `The address ${url} is not valid for this endpoint.`,
      );
    }
    const match = /^\/(\d{12})\/([A-Za-z0-9_-]{1,80})$/.exec(path);
    if (!match)
      throw new AwsApiError(
        'InvalidAddress',
        `The address ${url} is not valid for this endpoint.`,
      );
    const [, accountId, name] = match;
    // No queue policies: a queue is reachable from its own account only.
    if (accountId !== callerAccount(caller)) throw queueDoesNotExist();
    const queue = queues.get(accountId, caller.region, name);
    if (!queue) throw queueDoesNotExist();
    return queue;
  }

  const queueUrl = (queue: SimQueue) =>
    `${options.baseUrl()}/${queue.accountId}/${queue.name}`;

  const operations: Record<
    string,
    (input: JsonObject, caller: AwsCaller, request: SimRequest) => unknown
  > = {
    CreateQueue(input, caller) {
      const name = queueName(input);
      if (
        input.tags !== undefined &&
        input.tags !== null &&
        !isJsonObject(input.tags)
      ) {
        throw new AwsApiError(
          'SerializationException',
          "Cannot deserialize member 'tags': expected a map",
        );
      }
      const { queue, conflict } = queues.create(
        callerAccount(caller),
        caller.region,
        name,
        queueAttributes(input),
      );
      if (conflict) {
        throw new AwsApiError(
          'QueueNameExists',
          `A queue already exists with the same name and a different value for attribute(s).`,
        );
      }
      return { QueueUrl: queueUrl(queue) };
    },
    GetQueueUrl(input, caller) {
      const name = queueName(input);
      const owner =
        optionalString(input, 'QueueOwnerAWSAccountId') ??
        callerAccount(caller);
      if (owner !== callerAccount(caller)) throw queueDoesNotExist();
      const queue = queues.get(owner, caller.region, name);
      if (!queue) throw queueDoesNotExist();
      return { QueueUrl: queueUrl(queue) };
    },
    SendMessage(input, caller) {
      const queue = queueOf(input, caller);
      const body = optionalString(input, 'MessageBody');
      if (body === undefined || body.length === 0) {
        throw invalid('The request must contain the parameter MessageBody.');
      }
      if (Buffer.byteLength(body, 'utf8') > MAX_MESSAGE_BYTES) {
        throw invalid(
          `One or more parameters are invalid. Reason: Message must be shorter than ${MAX_MESSAGE_BYTES} bytes.`,
        );
      }
      if (INVALID_BODY_CHARACTER.test(body)) {
        throw new AwsApiError(
          'InvalidMessageContents',
          'Invalid binary character in the message body.',
        );
      }
      if (
        input.MessageAttributes !== undefined ||
        input.MessageSystemAttributes !== undefined
      ) {
        throw new AwsApiError(
          'UnsupportedOperation',
          'The fleet simulator does not emulate message attributes.',
        );
      }
      const delay = seconds(
        input,
        'DelaySeconds',
        QUEUE_ATTRIBUTE_RANGES.DelaySeconds,
      );
      const sent = queues.send(queue, body, delay);
      return { MessageId: sent.messageId, MD5OfMessageBody: sent.md5OfBody };
    },
    async ReceiveMessage(input, caller, request) {
      const queue = queueOf(input, caller);
      const max = optionalInteger(input, 'MaxNumberOfMessages') ?? 1;
      if (max < 1 || max > 10) {
        throw invalid(
          `Value ${max} for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.`,
        );
      }
      const visibility = seconds(
        input,
        'VisibilityTimeout',
        QUEUE_ATTRIBUTE_RANGES.VisibilityTimeout,
      );
      const wait =
        seconds(
          input,
          'WaitTimeSeconds',
          QUEUE_ATTRIBUTE_RANGES.ReceiveMessageWaitTimeSeconds,
        ) ?? queue.attributes.ReceiveMessageWaitTimeSeconds;
      const wanted = new Set([
        ...(optionalStringList(input, 'AttributeNames') ?? []),
        ...(optionalStringList(input, 'MessageSystemAttributeNames') ?? []),
      ]);
      optionalStringList(input, 'MessageAttributeNames');
      const messages = await longPoll(
        queues,
        pendingPolls,
        queue,
        () => queues.receive(queue, max, visibility),
        wait,
        request.signal,
      );
      return messages.length > 0
        ? { Messages: messages.map(message => messageJson(message, wanted)) }
        : {};
    },
    DeleteMessage(input, caller) {
      const queue = queueOf(input, caller);
      const receiptHandle = optionalString(input, 'ReceiptHandle');
      if (receiptHandle === undefined)
        throw invalid(
          'Value for parameter ReceiptHandle is invalid. Reason: Must be specified.',
        );
      if (queues.delete(queue, receiptHandle) === 'invalid') {
        throw new AwsApiError(
          'ReceiptHandleIsInvalid',
          `The input receipt handle "${receiptHandle}" is not a valid receipt handle.`,
        );
      }
      return {};
    },
  };

  async function handle(
    request: SimRequest,
    caller: AwsCaller,
  ): Promise<SimResponse> {
    const target = request.headers['x-amz-target'];
    const name =
      typeof target === 'string' && target.startsWith(SQS_TARGET_PREFIX)
        ? target.slice(SQS_TARGET_PREFIX.length)
        : '';
    const operation = Object.hasOwn(operations, name)
      ? operations[name]
      : undefined;
    if (
      request.method !== 'POST' ||
      request.url.pathname !== '/' ||
      !operation
    ) {
      return sqsError(
        'UnknownOperationException',
        `The simulated SQS has no operation ${String(
          target ?? request.method,
        )}`,
        400,
      );
    }
    const contentType = String(request.headers['content-type'] ?? '')
      .split(';')[0]
      .trim();
    if (contentType !== SQS_CONTENT_TYPE) {
      return sqsError(
        'InvalidParameterValue',
        `The SQS JSON protocol needs Content-Type ${SQS_CONTENT_TYPE}`,
        400,
      );
    }
    try {
      return sqsOutput(
        await operation(parseJsonBody(request.body), caller, request),
      );
    } catch (error) {
      if (error instanceof AwsApiError)
        return sqsError(error.type, error.message, error.status, error.extra);
      throw error;
    }
  }

  const service: SqsService = {
    signingName: 'sqs',
    handle,
    error: sqsError,
    queueUrl,
    cancelLongPolls() {
      for (const cancel of [...pendingPolls]) cancel();
    },
  };
  return service;
}
