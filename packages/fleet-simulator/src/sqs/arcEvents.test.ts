/**
 * ARC's EventBridge events delivered to SQS by the whole simulator: shifts
 * started, updated and canceled through ARC's API, autoshifts, practice runs
 * and FIS experiments through the control API, read back with the real SQS
 * client. A manual shift that expires sends nothing, as on AWS.
 */
import {
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { resolve } from 'node:path';
import {
  accessKeyIdFor,
  SIMULATOR_SECRET_ACCESS_KEY,
} from '../control/credentials';
import { signedFetch } from '../__testUtils__/signedFetch';
import { startSimulator, type RunningSimulator } from '../simulator';

const DEMO = resolve(__dirname, '../../../../examples/fleets/demo.yaml');
const PROD = '111122223333';
const PAYMENTS = `arn:aws:eks:us-east-1:${PROD}:cluster/payments-prod-use1`;
const MINUTE = 60_000;

describe('ARC events delivered to SQS', () => {
  let sim: RunningSimulator;
  let sqs: SQSClient;

  const arc = async (method: string, path: string, body?: unknown) => {
    const response = await signedFetch(`${sim.url}${path}`, 'arc-zonal-shift', {
      method,
      credentials: {
        accessKeyId: accessKeyIdFor(PROD),
        secretAccessKey: SIMULATOR_SECRET_ACCESS_KEY,
      },
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.status).toBeLessThan(300);
    return (await response.json()) as Record<string, any>;
  };
  const control = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${sim.url}/_sim/${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: response.status,
      body: (await response.json()) as Record<string, any>,
    };
  };
  /** Every message in the queue now, parsed, deleted after reading. */
  const drain = async () => {
    const events: Array<Record<string, any>> = [];
    for (;;) {
      const { Messages } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: sim.arcEventQueueUrl(),
          MaxNumberOfMessages: 10,
        }),
      );
      if (!Messages) return events;
      for (const message of Messages) {
        events.push(JSON.parse(message.Body!));
        await sqs.send(
          new DeleteMessageCommand({
            QueueUrl: sim.arcEventQueueUrl(),
            ReceiptHandle: message.ReceiptHandle,
          }),
        );
      }
    }
  };

  beforeEach(async () => {
    sim = await startSimulator({ fleet: DEMO, arcEventQueue: {} });
    sqs = new SQSClient({
      ...sim.clientSettings({ accountId: PROD }),
      maxAttempts: 1,
    });
  });
  afterEach(() => sim.stop());

  it('delivers a started, updated and canceled manual shift as EventBridge envelopes', async () => {
    expect(sim.arcEventQueueUrl()).toBe(
      `${sim.url}/${PROD}/fleet-resilience-arc-events`,
    );
    const shift = await arc('POST', '/zonalshifts', {
      resourceIdentifier: PAYMENTS,
      awayFrom: 'use1-az2',
      expiresIn: '1h',
      comment: 'bad deploy',
    });
    await arc('PATCH', `/zonalshifts/${shift.zonalShiftId}`, {
      expiresIn: '2h',
    });
    await arc('DELETE', `/zonalshifts/${shift.zonalShiftId}`);
    const events = await drain();
    expect(events.map(e => e['detail-type'])).toEqual([
      'Manual Shift Started',
      'Manual Shift Updated',
      'Manual Shift Canceled',
    ]);
    expect(events[0]).toEqual({
      version: '0',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      'detail-type': 'Manual Shift Started',
      source: 'aws.arc-zonal-shift',
      account: PROD,
      time: new Date(sim.clock.now()).toISOString(),
      region: 'us-east-1',
      resources: [PAYMENTS],
      detail: {
        version: expect.any(String),
        metadata: { awayFrom: 'use1-az2', notes: 'bad deploy' },
      },
    });
    expect(new Set(events.map(e => e.id)).size).toBe(3);
  });

  it('sends nothing when a manual shift expires', async () => {
    await arc('POST', '/zonalshifts', {
      resourceIdentifier: PAYMENTS,
      awayFrom: 'use1-az2',
      expiresIn: '30m',
      comment: 'x',
    });
    expect((await drain()).map(e => e['detail-type'])).toEqual([
      'Manual Shift Started',
    ]);
    sim.advance(31 * MINUTE);
    expect(await drain()).toEqual([]);
  });

  it('delivers autoshifts, practice runs and FIS experiments, start and end', async () => {
    await control('POST', 'autoshifts/start', { awayFrom: 'use1-az1' });
    await control('POST', 'autoshifts/end', { awayFrom: 'use1-az1' });
    const practice = await control('POST', 'practice-runs/start', {
      resourceArn: PAYMENTS,
      awayFrom: 'use1-az4',
    });
    expect(practice.status).toBe(201);
    await control('POST', 'practice-runs/end', {
      zonalShiftId: practice.body.zonalShiftId,
    });
    const fis = await control('POST', 'fis-experiments/start', {
      resourceArn: PAYMENTS,
      awayFrom: 'use1-az1',
      duration: '10m',
    });
    expect(fis.status).toBe(201);
    await control('POST', 'fis-experiments/end', {
      zonalShiftId: fis.body.zonalShiftId,
    });
    const events = (await drain()).filter(e => e.resources.includes(PAYMENTS));
    expect(
      events.map(e => [e['detail-type'], e.detail.metadata.awayFrom]),
    ).toEqual([
      ['Autoshift In Progress', 'use1-az1'],
      ['Autoshift Completed', 'use1-az1'],
      ['Practice Run Started', 'use1-az4'],
      ['Practice Run Interrupted', 'use1-az4'],
      ['FIS Experiment Autoshift In Progress', 'use1-az1'],
      ['FIS Experiment Autoshift Canceled', 'use1-az1'],
    ]);
  });

  it('is set, read and turned off through the control API', async () => {
    expect((await control('GET', 'arc-event-queue')).body).toEqual({
      target: {
        accountId: PROD,
        region: 'us-east-1',
        queueName: 'fleet-resilience-arc-events',
      },
      queueUrl: `${sim.url}/${PROD}/fleet-resilience-arc-events`,
      delivered: 0,
    });
    const moved = await control('PUT', 'arc-event-queue', {
      region: 'eu-west-1',
      queueName: 'central',
    });
    expect(moved.body).toMatchObject({
      target: { accountId: PROD, region: 'eu-west-1', queueName: 'central' },
      queueUrl: `${sim.url}/${PROD}/central`,
    });
    await arc('POST', '/zonalshifts', {
      resourceIdentifier: PAYMENTS,
      awayFrom: 'use1-az2',
      expiresIn: '1h',
      comment: 'x',
    });
    const central = new SQSClient({
      ...sim.clientSettings({ accountId: PROD, region: 'eu-west-1' }),
      maxAttempts: 1,
    });
    const { Messages } = await central.send(
      new ReceiveMessageCommand({ QueueUrl: `${sim.url}/${PROD}/central` }),
    );
    expect(JSON.parse(Messages![0].Body!).region).toBe('us-east-1');

    expect(
      (await control('PUT', 'arc-event-queue', { accountId: '999999999999' }))
        .status,
    ).toBe(400);
    expect(
      (await control('PUT', 'arc-event-queue', { queueName: 'a.fifo' })).status,
    ).toBe(400);
    expect((await control('DELETE', 'arc-event-queue')).body).toMatchObject({
      target: null,
      queueUrl: null,
      delivered: 1,
    });
    expect(sim.arcEventQueueUrl()).toBeUndefined();
  });
});
