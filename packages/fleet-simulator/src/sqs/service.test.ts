/**
 * The SQS emulator through the real @aws-sdk/client-sqs over HTTP (which
 * checks MD5OfBody and MD5OfMessageBody itself), and raw signed requests for
 * what no client sends.
 */
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { createManualClock, type SimClock } from '../clock';
import {
  accessKeyIdFor,
  SIMULATOR_SECRET_ACCESS_KEY,
} from '../control/credentials';
import type { SimulatorServer } from '../server';
import { signedFetch } from '../__testUtils__/signedFetch';
import { startTestServer } from '../__testUtils__/testServer';
import { createSqsEmulator, type SqsEmulator } from '.';

const A = '111122223333';
const B = '444455556666';

describe('SQS emulator', () => {
  let clock: SimClock;
  let sqs: SqsEmulator;
  let server: SimulatorServer;
  let baseUrl = '';

  const client = (accountId = A, region = 'us-east-1') =>
    new SQSClient({
      endpoint: server.url,
      region,
      credentials: {
        accessKeyId: accessKeyIdFor(accountId),
        secretAccessKey: SIMULATOR_SECRET_ACCESS_KEY,
      },
      maxAttempts: 1,
    });
  const createQueue = async (
    name: string,
    attributes?: Record<string, string>,
  ) =>
    (
      await client().send(
        new CreateQueueCommand({ QueueName: name, Attributes: attributes }),
      )
    ).QueueUrl!;
  const receive = (
    QueueUrl: string,
    extra: Partial<ConstructorParameters<typeof ReceiveMessageCommand>[0]> = {},
  ) =>
    client().send(
      new ReceiveMessageCommand({
        QueueUrl,
        MessageSystemAttributeNames: ['All'],
        ...extra,
      }),
    );

  beforeEach(async () => {
    clock = createManualClock();
    sqs = createSqsEmulator({
      clock,
      accountIds: () => [A, B],
      baseUrl: () => baseUrl,
    });
    server = await startTestServer({ aws: [sqs.service] });
    baseUrl = server.url;
  });
  afterEach(async () => {
    sqs.dispose();
    await server.close();
  });

  it('creates a queue idempotently, finds it by name, and refuses other attributes for the same name', async () => {
    const url = await createQueue('events', { VisibilityTimeout: '10' });
    expect(url).toBe(`${server.url}/${A}/events`);
    expect(await createQueue('events', { VisibilityTimeout: '10' })).toBe(url);
    expect(
      (await client().send(new GetQueueUrlCommand({ QueueName: 'events' })))
        .QueueUrl,
    ).toBe(url);
    await expect(
      createQueue('events', { VisibilityTimeout: '20' }),
    ).rejects.toMatchObject({ name: 'QueueNameExists' });
    await expect(
      client().send(new GetQueueUrlCommand({ QueueName: 'nope' })),
    ).rejects.toMatchObject({
      name: 'QueueDoesNotExist',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it.each([
    ['a FIFO queue', 'events.fifo', undefined, 'UnsupportedOperation'],
    ['a name with a dot', 'a.b', undefined, 'InvalidParameterValue'],
    ['an unknown attribute', 'q', { Policy: '{}' }, 'InvalidAttributeName'],
    [
      'a visibility timeout over 12 hours',
      'q',
      { VisibilityTimeout: '43201' },
      'InvalidAttributeValue',
    ],
    [
      'a wait time that is not a number',
      'q',
      { ReceiveMessageWaitTimeSeconds: 'x' },
      'InvalidAttributeValue',
    ],
  ])('refuses %s', async (_, name, attributes, error) => {
    await expect(createQueue(name, attributes)).rejects.toMatchObject({
      name: error,
    });
  });

  it('keeps queues per account and region', async () => {
    const url = await createQueue('events');
    await client().send(
      new SendMessageCommand({ QueueUrl: url, MessageBody: 'a' }),
    );
    await expect(
      client(B).send(new ReceiveMessageCommand({ QueueUrl: url })),
    ).rejects.toMatchObject({
      name: 'QueueDoesNotExist',
    });
    await expect(
      client(A, 'eu-west-1').send(new ReceiveMessageCommand({ QueueUrl: url })),
    ).rejects.toMatchObject({
      name: 'QueueDoesNotExist',
    });
    expect((await receive(url)).Messages).toHaveLength(1);
  });

  it('hides a received message for the visibility timeout, then delivers it again with a new receipt handle', async () => {
    const url = await createQueue('events', { VisibilityTimeout: '30' });
    const sent = await client().send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: '{"hello":"wörld"}',
      }),
    );
    const first = (await receive(url)).Messages!;
    expect(first).toEqual([
      {
        MessageId: sent.MessageId,
        ReceiptHandle: expect.any(String),
        MD5OfBody: sent.MD5OfMessageBody,
        Body: '{"hello":"wörld"}',
        Attributes: {
          SentTimestamp: String(clock.now()),
          ApproximateReceiveCount: '1',
          ApproximateFirstReceiveTimestamp: String(clock.now()),
        },
      },
    ]);
    expect((await receive(url)).Messages).toBeUndefined();
    clock.advance(29_000);
    expect((await receive(url)).Messages).toBeUndefined();
    clock.advance(1_000);
    const second = (await receive(url)).Messages!;
    expect(second[0].Attributes?.ApproximateReceiveCount).toBe('2');
    expect(second[0].ReceiptHandle).not.toBe(first[0].ReceiptHandle);

    // The older handle succeeds and deletes nothing; the latest one deletes.
    await client().send(
      new DeleteMessageCommand({
        QueueUrl: url,
        ReceiptHandle: first[0].ReceiptHandle,
      }),
    );
    expect(sqs.queues.depth(sqs.queues.get(A, 'us-east-1', 'events')!)).toBe(1);
    await client().send(
      new DeleteMessageCommand({
        QueueUrl: url,
        ReceiptHandle: second[0].ReceiptHandle,
      }),
    );
    expect(sqs.queues.depth(sqs.queues.get(A, 'us-east-1', 'events')!)).toBe(0);
    // Deleting again is not an error, a made-up handle is.
    await client().send(
      new DeleteMessageCommand({
        QueueUrl: url,
        ReceiptHandle: second[0].ReceiptHandle,
      }),
    );
    await expect(
      client().send(
        new DeleteMessageCommand({
          QueueUrl: url,
          ReceiptHandle: 'not-a-handle',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ReceiptHandleIsInvalid' });
  });

  it('takes a visibility timeout per receive and up to MaxNumberOfMessages, oldest first', async () => {
    const url = await createQueue('events');
    for (const body of ['1', '2', '3'])
      await client().send(
        new SendMessageCommand({ QueueUrl: url, MessageBody: body }),
      );
    const two = await receive(url, {
      MaxNumberOfMessages: 2,
      VisibilityTimeout: 5,
    });
    expect(two.Messages!.map(m => m.Body)).toEqual(['1', '2']);
    expect(
      (await receive(url, { MaxNumberOfMessages: 10 })).Messages!.map(
        m => m.Body,
      ),
    ).toEqual(['3']);
    clock.advance(5_000);
    expect(
      (await receive(url, { MaxNumberOfMessages: 10 })).Messages!.map(
        m => m.Body,
      ),
    ).toEqual(['1', '2']);
    await expect(
      receive(url, { MaxNumberOfMessages: 11 }),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
  });

  it('delays a message by DelaySeconds on the simulated clock', async () => {
    const url = await createQueue('events');
    await client().send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: 'later',
        DelaySeconds: 60,
      }),
    );
    expect((await receive(url)).Messages).toBeUndefined();
    clock.advance(60_000);
    expect((await receive(url)).Messages![0].Body).toBe('later');
  });

  it('drops messages older than the retention period', async () => {
    const url = await createQueue('events', { MessageRetentionPeriod: '60' });
    await client().send(
      new SendMessageCommand({ QueueUrl: url, MessageBody: 'old' }),
    );
    clock.advance(61_000);
    expect((await receive(url)).Messages).toBeUndefined();
  });

  it('refuses message bodies SQS refuses', async () => {
    const url = await createQueue('events');
    const send = (MessageBody: string) =>
      client().send(new SendMessageCommand({ QueueUrl: url, MessageBody }));
    await expect(send('bell \u0007')).rejects.toMatchObject({
      name: 'InvalidMessageContents',
    });
    await expect(send('x'.repeat(1_048_577))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
    await expect(send('')).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
    expect((await send('x'.repeat(1_048_576))).MessageId).toEqual(
      expect.any(String),
    );
  });

  describe('long polling', () => {
    it('answers as soon as a message is sent', async () => {
      const url = await createQueue('events');
      const started = Date.now();
      const polling = receive(url, { WaitTimeSeconds: 10 });
      await new Promise(resolve => setTimeout(resolve, 100));
      await client().send(
        new SendMessageCommand({ QueueUrl: url, MessageBody: 'now' }),
      );
      expect((await polling).Messages![0].Body).toBe('now');
      expect(Date.now() - started).toBeLessThan(3_000);
    });

    it('answers empty after WaitTimeSeconds of real time', async () => {
      const url = await createQueue('events');
      const started = Date.now();
      expect(
        (await receive(url, { WaitTimeSeconds: 1 })).Messages,
      ).toBeUndefined();
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    });

    it('answers when the clock makes a hidden message visible again', async () => {
      const url = await createQueue('events', {
        ReceiveMessageWaitTimeSeconds: '10',
      });
      await client().send(
        new SendMessageCommand({ QueueUrl: url, MessageBody: 'again' }),
      );
      await receive(url, { VisibilityTimeout: 30 });
      const polling = receive(url);
      await new Promise(resolve => setTimeout(resolve, 100));
      clock.advance(30_000);
      expect(
        (await polling).Messages![0].Attributes?.ApproximateReceiveCount,
      ).toBe('2');
    });

    it('takes nothing for a caller that hung up', async () => {
      const url = await createQueue('events');
      const abort = new AbortController();
      const polling = client().send(
        new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 10 }),
        {
          abortSignal: abort.signal,
        },
      );
      await new Promise(resolve => setTimeout(resolve, 100));
      abort.abort();
      await expect(polling).rejects.toThrow();
      await new Promise(resolve => setTimeout(resolve, 100));
      await client().send(
        new SendMessageCommand({ QueueUrl: url, MessageBody: 'kept' }),
      );
      expect((await receive(url)).Messages![0]).toMatchObject({
        Body: 'kept',
        Attributes: { ApproximateReceiveCount: '1' },
      });
    });

    it('ends waiting polls when the emulator is disposed', async () => {
      const url = await createQueue('events');
      const started = Date.now();
      const polling = receive(url, { WaitTimeSeconds: 20 });
      await new Promise(resolve => setTimeout(resolve, 100));
      sqs.service.cancelLongPolls();
      expect((await polling).Messages).toBeUndefined();
      expect(Date.now() - started).toBeLessThan(3_000);
    });
  });

  describe('on the wire', () => {
    const call = (
      target: string | undefined,
      body: unknown,
      contentType = 'application/x-amz-json-1.0',
    ) =>
      signedFetch(`${server.url}/`, 'sqs', {
        credentials: { accessKeyId: accessKeyIdFor(A), secretAccessKey: 'x' },
        headers: {
          'content-type': contentType,
          ...(target ? { 'x-amz-target': target } : {}),
        },
        body: JSON.stringify(body),
      });

    it('answers errors with a namespaced __type and the query error code', async () => {
      const response = await call('AmazonSQS.GetQueueUrl', {
        QueueName: 'missing',
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toBe(
        'application/x-amz-json-1.0',
      );
      expect(response.headers.get('x-amzn-query-error')).toBe(
        'AWS.SimpleQueueService.NonExistentQueue;Sender',
      );
      expect(await response.json()).toEqual({
        __type: 'com.amazonaws.sqs#QueueDoesNotExist',
        message: 'The specified queue does not exist.',
      });
    });

    it('refuses an unknown target, a missing one and another content type', async () => {
      expect(
        (await (await call('AmazonSQS.PurgeQueue', {})).json()).__type,
      ).toBe('com.amazonaws.sqs#UnknownOperationException');
      expect((await (await call(undefined, {})).json()).__type).toBe(
        'com.amazonaws.sqs#UnknownOperationException',
      );
      expect((await (await call('AmazonSQS.toString', {})).json()).__type).toBe(
        'com.amazonaws.sqs#UnknownOperationException',
      );
      const wrongType = await call(
        'AmazonSQS.GetQueueUrl',
        { QueueName: 'q' },
        'application/x-amz-json-1.1',
      );
      expect(wrongType.status).toBe(400);
    });

    it('refuses an unsigned request', async () => {
      const response = await fetch(`${server.url}/`, {
        method: 'POST',
        headers: {
          'x-amz-target': 'AmazonSQS.GetQueueUrl',
          'content-type': 'application/x-amz-json-1.0',
        },
        body: '{"QueueName":"q"}',
      });
      expect(response.status).toBe(403);
    });
  });
});
