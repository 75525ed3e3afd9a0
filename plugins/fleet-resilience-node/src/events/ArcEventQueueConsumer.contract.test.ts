/**
 * ArcEventQueueConsumer against the simulator: ARC (through the project's
 * ARC client) publishes its EventBridge events to the simulated SQS queue,
 * the consumer reads them with the real @aws-sdk/client-sqs, with the
 * account's credentials from the real credentials manager.
 */
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import {
  accessKeyIdFor,
  SIMULATOR_SECRET_ACCESS_KEY,
  startSimulator,
  type RunningSimulator,
} from '@fleet-resilience/fleet-simulator';
import {
  clusterArn,
  DEMO_FLEET,
  PROD,
  simulatorConfig,
} from '../__testUtils__/simulator';
import { AwsClientFactory } from '../aws/AwsClientFactory';
import type { ArcEvent } from './arcEvent';
import {
  ArcEventQueueConsumer,
  type ArcEventContext,
  type ArcEventHandler,
} from './ArcEventQueueConsumer';
import { checkArcEventQueueSettings } from './eventQueueSettings';

const PAYMENTS = clusterArn(PROD, 'us-east-1', 'payments-prod-use1');
const logger = () => ({
  debug: jest.fn(),
  info: jest.fn(),
  warn: jest.fn(),
  error: jest.fn(),
});

describe('ArcEventQueueConsumer against the simulator', () => {
  let sim: RunningSimulator;
  let factory: AwsClientFactory;
  let sqs: SQSClient;
  let consumers: ArcEventQueueConsumer[];

  const consumer = (
    handler: ArcEventHandler,
    extra: { waitTimeSeconds?: number; log?: ReturnType<typeof logger> } = {},
  ) => {
    const created = new ArcEventQueueConsumer({
      settings: checkArcEventQueueSettings({
        queueUrl: sim.arcEventQueueUrl()!,
        region: 'us-east-1',
        endpoint: sim.url,
        waitTimeSeconds: extra.waitTimeSeconds ?? 1,
      }),
      clients: factory,
      handler,
      logger: extra.log ?? logger(),
      maxAttempts: 1,
    });
    consumers.push(created);
    return created;
  };
  const startShift = async () => {
    const arc = await factory.arc({ accountId: PROD, region: 'us-east-1' });
    return arc.startZonalShift({
      resourceIdentifier: PAYMENTS,
      awayFrom: 'use1-az2',
      expiresIn: '1h',
      comment: 'consumer test',
    });
  };
  const depth = () => {
    const queue = sim.sqs.queues.get(
      PROD,
      'us-east-1',
      'fleet-resilience-arc-events',
    )!;
    return sim.sqs.queues.depth(queue);
  };

  beforeEach(async () => {
    sim = await startSimulator({ fleet: DEMO_FLEET, arcEventQueue: {} });
    factory = AwsClientFactory.fromConfig(simulatorConfig(sim.url));
    sqs = new SQSClient({
      endpoint: sim.url,
      region: 'us-east-1',
      credentials: {
        accessKeyId: accessKeyIdFor(PROD),
        secretAccessKey: SIMULATOR_SECRET_ACCESS_KEY,
      },
      maxAttempts: 1,
    });
    consumers = [];
  });
  afterEach(async () => {
    await Promise.all(consumers.map(c => c.stop()));
    sqs.destroy();
    await sim.stop();
  });

  it('hands a shift started through ARC to the handler once, then the message is gone', async () => {
    const shift = await startShift();
    const seen: Array<[ArcEvent, number]> = [];
    const reader = consumer(async (event, context) => {
      seen.push([event, context.receiveCount]);
    });

    expect(await reader.pollOnce()).toEqual({
      received: 1,
      handled: 1,
      failed: 0,
      ignored: 0,
      malformed: 0,
    });
    expect(seen).toEqual([
      [
        {
          kind: 'manualShiftStarted',
          detailType: 'Manual Shift Started',
          shiftType: 'ZONAL_SHIFT',
          phase: 'started',
          id: expect.any(String),
          accountId: PROD,
          region: 'us-east-1',
          resources: [PAYMENTS],
          awayFrom: 'use1-az2',
          notes: 'consumer test',
          time: new Date(shift.startTime).toISOString(),
        },
        1,
      ],
    ]);
    expect(depth()).toBe(0);
    // Even after the visibility timeout: deleted, not hidden.
    sim.advance(60_000);
    expect((await reader.pollOnce()).received).toBe(0);
    expect(seen).toHaveLength(1);
  });

  it('leaves a message whose handler failed, and gets it again after the visibility timeout', async () => {
    await startShift();
    const log = logger();
    let fail = true;
    const contexts: ArcEventContext[] = [];
    const reader = consumer(
      async (_event, context) => {
        contexts.push(context);
        if (fail) throw new Error('the reconciler is busy');
      },
      { log },
    );

    expect(await reader.pollOnce()).toMatchObject({ received: 1, failed: 1 });
    expect(depth()).toBe(1);
    expect(log.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /Manual Shift Started .*delivery 1.*comes back after the visibility timeout: the reconciler is busy/,
      ),
    );
    // Hidden until the queue's 30 s visibility timeout has passed.
    expect((await reader.pollOnce()).received).toBe(0);
    sim.advance(30_000);
    fail = false;
    expect(await reader.pollOnce()).toMatchObject({ received: 1, handled: 1 });
    expect(contexts.map(c => c.receiveCount)).toEqual([1, 2]);
    expect(depth()).toBe(0);
  });

  it('drops a malformed message, reports it once, and handles the next one', async () => {
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: sim.arcEventQueueUrl(),
        MessageBody:
          '{"source": "aws.ec2", "detail-type": "EC2 Instance State-change Notification"}',
      }),
    );
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: sim.arcEventQueueUrl(),
        MessageBody: 'not json at all',
      }),
    );
    await startShift();
    const log = logger();
    const malformed: string[] = [];
    const handled: string[] = [];
    const reader = new ArcEventQueueConsumer({
      settings: checkArcEventQueueSettings({
        queueUrl: sim.arcEventQueueUrl()!,
        region: 'us-east-1',
        endpoint: sim.url,
        waitTimeSeconds: 1,
      }),
      clients: factory,
      handler: async event => {
        handled.push(event.kind);
      },
      logger: log,
      onMalformed: ({ reason }) => malformed.push(reason),
    });
    consumers.push(reader);

    expect(await reader.pollOnce()).toEqual({
      received: 3,
      handled: 1,
      failed: 0,
      ignored: 0,
      malformed: 2,
    });
    expect(handled).toEqual(['manualShiftStarted']);
    expect(malformed).toEqual([
      expect.stringMatching(/source is 'aws.ec2'/),
      'the message body is not JSON',
    ]);
    expect(log.warn).toHaveBeenCalledTimes(2);
    expect(depth()).toBe(0);
  });

  it('deletes an ARC event of an unknown detail-type without calling the handler', async () => {
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: sim.arcEventQueueUrl(),
        MessageBody: JSON.stringify({
          version: '0',
          id: 'x',
          'detail-type': 'Something ARC Adds Later',
          source: 'aws.arc-zonal-shift',
          account: PROD,
          time: '2026-11-22T08:00:00Z',
          region: 'us-east-1',
          resources: [],
          detail: {},
        }),
      }),
    );
    const handler = jest.fn(async () => undefined);
    expect(await consumer(handler).pollOnce()).toMatchObject({
      received: 1,
      ignored: 1,
    });
    expect(handler).not.toHaveBeenCalled();
    expect(depth()).toBe(0);
  });

  it('runs in the background until stopped; stop() cancels the long poll and takes nothing more', async () => {
    const kinds: string[] = [];
    const reader = consumer(
      async event => {
        kinds.push(event.kind);
      },
      { waitTimeSeconds: 20 },
    );
    reader.start();
    reader.start();
    const shift = await startShift();
    const arc = await factory.arc({ accountId: PROD, region: 'us-east-1' });
    await arc.cancelZonalShift(shift.zonalShiftId);
    const deadline = Date.now() + 5_000;
    while (kinds.length < 2 && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    expect(kinds).toEqual(['manualShiftStarted', 'manualShiftCanceled']);

    // The consumer is in a 20 s long poll now.
    await new Promise(resolve => setTimeout(resolve, 100));
    const stopping = Date.now();
    await reader.stop();
    expect(Date.now() - stopping).toBeLessThan(2_000);
    await reader.stop();

    await startShift();
    await new Promise(resolve => setTimeout(resolve, 200));
    expect(kinds).toHaveLength(2);
    expect(depth()).toBe(1);
  });

  it('keeps polling after a failed receive and says why', async () => {
    const log = logger();
    const reader = new ArcEventQueueConsumer({
      settings: checkArcEventQueueSettings({
        queueUrl: `${sim.url}/${PROD}/no-such-queue`,
        region: 'us-east-1',
        endpoint: sim.url,
        waitTimeSeconds: 1,
      }),
      clients: factory,
      handler: async () => undefined,
      logger: log,
      maxAttempts: 1,
      errorDelay: { baseMs: 20, maxMs: 40 },
    });
    consumers.push(reader);
    reader.start();
    const deadline = Date.now() + 5_000;
    while (log.warn.mock.calls.length < 2 && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 20));
    }
    expect(log.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /receiving from .*no-such-queue failed \(1 in a row\), retrying in 20 ms: .*queue does not exist/i,
      ),
    );
    expect(log.warn).toHaveBeenCalledWith(
      expect.stringMatching(/failed \(2 in a row\), retrying in 40 ms/),
    );
  });

  it('is built from config, and not at all without it', () => {
    expect(
      ArcEventQueueConsumer.fromConfig(simulatorConfig(sim.url), {
        clients: factory,
        handler: async () => undefined,
        logger: logger(),
      }),
    ).toBeUndefined();
    expect(
      ArcEventQueueConsumer.fromConfig(
        simulatorConfig(sim.url, {
          fleetResilience: {
            events: {
              sqs: { queueUrl: sim.arcEventQueueUrl(), region: 'us-east-1' },
            },
          },
        }),
        { clients: factory, handler: async () => undefined, logger: logger() },
      ),
    ).toBeInstanceOf(ArcEventQueueConsumer);
  });
});
