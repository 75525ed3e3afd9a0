import {
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { AwsClients } from '../aws/AwsClientFactory';
import { DEFAULT_AWS_MAX_ATTEMPTS } from '../aws/awsSettings';
import { describeError } from '../util/errors';
import { abortableSleep } from '../util/retry';
import { parseArcEvent, type ArcEvent } from './arcEvent';
import {
  readArcEventQueueSettings,
  type ArcEventQueueSettings,
} from './eventQueueSettings';

/**
 * What the handler learns about the message besides the event.
 *
 * @public
 */
export interface ArcEventContext {
  messageId: string;
  /** 1 on the first delivery; more when an earlier handling failed or timed out. */
  receiveCount: number;
  /** Aborts when the consumer stops; the consumer still waits for the handler. */
  signal: AbortSignal;
}

/**
 * Acts on one ARC event. Resolving means done: the message is deleted.
 * Rejecting leaves it in the queue to come back after the visibility
 * timeout. SQS delivers at least once: the same event can come twice.
 *
 * @public
 */
export type ArcEventHandler = (
  event: ArcEvent,
  context: ArcEventContext,
) => Promise<void>;

/** @public */
export interface ArcEventQueueConsumerOptions {
  settings: ArcEventQueueSettings;
  /** The project's AWS clients: the queue account's credentials come from them. */
  clients: Pick<AwsClients, 'credentials'>;
  handler: ArcEventHandler;
  logger: Pick<LoggerService, 'debug' | 'info' | 'warn' | 'error'>;
  /** Told once per message that is not an ARC event (it is deleted). */
  onMalformed?: (problem: { messageId: string; reason: string }) => void;
  /** SDK attempts per SQS call; default 5. */
  maxAttempts?: number;
  /** Wait after a failed ReceiveMessage; default 1 s doubling up to 60 s. */
  errorDelay?: { baseMs: number; maxMs: number };
}

/**
 * What one poll did.
 *
 * @public
 */
export interface ArcEventPollResult {
  received: number;
  handled: number;
  failed: number;
  ignored: number;
  malformed: number;
}

/** Message IDs already reported as malformed, bounded. */
const REPORTED_LIMIT = 1000;

/**
 * Reads ARC's EventBridge events from an SQS queue and hands each to a
 * handler. A message is deleted only after the handler resolved (a failure
 * leaves it for redelivery after the visibility timeout); a message that is
 * not an ARC event is deleted and reported once, so it never blocks the
 * queue; an ARC detail-type this version does not know is deleted quietly.
 * Messages of one receive are handled in order, one at a time. Several
 * replicas may consume the same queue: SQS hands each message to one at a
 * time, and handlers must be idempotent anyway (at-least-once delivery).
 *
 * @public
 */
export class ArcEventQueueConsumer {
  /**
   * From `fleetResilience.events.sqs`; undefined when that is not
   * configured (the event path is optional).
   */
  static fromConfig(
    config: Config,
    options: Omit<ArcEventQueueConsumerOptions, 'settings'>,
  ): ArcEventQueueConsumer | undefined {
    const settings = readArcEventQueueSettings(config);
    return settings
      ? new ArcEventQueueConsumer({ ...options, settings })
      : undefined;
  }

  private client?: Promise<SQSClient>;
  private running?: Promise<void>;
  private abort = new AbortController();
  private readonly reported = new Set<string>();

  constructor(private readonly options: ArcEventQueueConsumerOptions) {}

  /** Starts polling in the background; a second call does nothing. */
  start(): void {
    if (this.running) return;
    this.abort = new AbortController();
    this.running = this.run(this.abort.signal);
  }

  /**
   * Cancels the long poll in flight, waits for a handler that is running,
   * and releases the client. Safe to call twice or before start.
   */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
    this.running = undefined;
    const client = this.client;
    this.client = undefined;
    (await client?.catch(() => undefined))?.destroy();
  }

  /** One ReceiveMessage (a long poll) and the handling of what it returned. */
  async pollOnce(signal?: AbortSignal): Promise<ArcEventPollResult> {
    const { settings } = this.options;
    const client = await this.sqs();
    const { Messages: messages = [] } = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: settings.queueUrl,
        MaxNumberOfMessages: settings.maxMessages,
        WaitTimeSeconds: settings.waitTimeSeconds,
        MessageSystemAttributeNames: ['ApproximateReceiveCount'],
        ...(settings.visibilityTimeoutSeconds !== undefined
          ? { VisibilityTimeout: settings.visibilityTimeoutSeconds }
          : {}),
      }),
      { abortSignal: signal },
    );
    const result: ArcEventPollResult = {
      received: messages.length,
      handled: 0,
      failed: 0,
      ignored: 0,
      malformed: 0,
    };
    for (const message of messages) {
      // Stopping: the rest come back after their visibility timeout.
      if (signal?.aborted) break;
      result[await this.process(client, message, signal)] += 1;
    }
    return result;
  }

  private async process(
    client: SQSClient,
    message: Message,
    signal?: AbortSignal,
  ): Promise<'handled' | 'failed' | 'ignored' | 'malformed'> {
    const { logger } = this.options;
    const messageId = message.MessageId ?? '(no message id)';
    const parsed = parseArcEvent(message.Body);
    if (parsed.type === 'rejected') {
      if (!this.reported.has(messageId)) {
        this.remember(messageId);
        logger.warn(
          `ARC event queue: message ${messageId} is not an ARC event and is dropped: ${parsed.reason}`,
        );
        this.options.onMalformed?.({ messageId, reason: parsed.reason });
      }
      await this.delete(client, message);
      return 'malformed';
    }
    if (parsed.type === 'ignored') {
      logger.debug(
        `ARC event queue: message ${messageId} ignored: ${parsed.reason}`,
      );
      await this.delete(client, message);
      return 'ignored';
    }
    const receiveCount = Number(
      message.Attributes?.ApproximateReceiveCount ?? 1,
    );
    try {
      await this.options.handler(parsed.event, {
        messageId,
        receiveCount: Number.isInteger(receiveCount) ? receiveCount : 1,
        signal: signal ?? new AbortController().signal,
      });
    } catch (error) {
      logger.warn(
        `ARC event queue: ${
          parsed.event.detailType
        } (${messageId}, delivery ${receiveCount}) was not handled and comes back after the visibility timeout: ${describeError(
          error,
        )}`,
      );
      return 'failed';
    }
    await this.delete(client, message);
    return 'handled';
  }

  /** Not tied to stop(): a handled message is deleted even while stopping. */
  private async delete(client: SQSClient, message: Message) {
    try {
      await client.send(
        new DeleteMessageCommand({
          QueueUrl: this.options.settings.queueUrl,
          ReceiptHandle: message.ReceiptHandle,
        }),
      );
    } catch (error) {
      // It comes back after the visibility timeout; handling is idempotent.
      this.options.logger.warn(
        `ARC event queue: message ${
          message.MessageId
        } could not be deleted and will be delivered again: ${describeError(
          error,
        )}`,
      );
    }
  }

  private remember(messageId: string) {
    if (this.reported.size >= REPORTED_LIMIT) {
      this.reported.delete(this.reported.values().next().value!);
    }
    this.reported.add(messageId);
  }

  private async run(signal: AbortSignal) {
    const { settings, logger } = this.options;
    const delay = this.options.errorDelay ?? { baseMs: 1_000, maxMs: 60_000 };
    logger.info(
      `ARC event queue: reading ${settings.queueUrl} as account ${settings.accountId} in ${settings.region}`,
    );
    let failures = 0;
    while (!signal.aborted) {
      try {
        await this.pollOnce(signal);
        failures = 0;
      } catch (error) {
        if (signal.aborted) break;
        failures += 1;
        const waitMs = Math.min(
          delay.maxMs,
          delay.baseMs * 2 ** Math.min(failures - 1, 20),
        );
        logger.warn(
          `ARC event queue: receiving from ${
            settings.queueUrl
          } failed (${failures} in a row), retrying in ${waitMs} ms: ${describeError(
            error,
          )}`,
        );
        await abortableSleep(waitMs, signal).catch(() => undefined);
      }
    }
  }

  private sqs(): Promise<SQSClient> {
    if (!this.client) {
      const { settings, clients } = this.options;
      this.client = clients.credentials(settings.accountId).then(
        credentials =>
          new SQSClient({
            region: settings.region,
            credentials,
            ...(settings.endpoint
              ? {
                  endpoint: settings.endpoint.replace(
                    /\{region\}/g,
                    settings.region,
                  ),
                }
              : {}),
            maxAttempts: this.options.maxAttempts ?? DEFAULT_AWS_MAX_ATTEMPTS,
            retryMode: 'standard',
            // A long poll holds the request open for WaitTimeSeconds.
            requestHandler: {
              connectionTimeout: 10_000,
              requestTimeout: (settings.waitTimeSeconds + 10) * 1000,
            },
          }),
      );
      this.client.catch(() => {
        this.client = undefined;
      });
    }
    return this.client;
  }
}
