/**
 * Faults injected into STS (`PUT /_sim/faults` with `services.sts`), seen
 * through @aws-sdk/client-sts: added latency, throttling and server errors
 * in STS's awsQuery shape, and the SDK retrying them.
 */
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import { ACCOUNT_A, accessFleet, roleArn } from '../__testUtils__/accessFleet';
import { rejectionOf } from '../__testUtils__/rejection';
import { signedFetch } from '../__testUtils__/signedFetch';
import { startSimulator, type RunningSimulator } from '../simulator';

describe('STS faults', () => {
  let sim: RunningSimulator;
  const clients: STSClient[] = [];
  const sts = (maxAttempts = 1) => {
    const client = new STSClient({ ...sim.clientSettings(), maxAttempts });
    clients.push(client);
    return client;
  };
  const putFaults = async (services: Record<string, unknown>, seed = 1) => {
    const response = await fetch(`${sim.url}/_sim/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ seed, services }),
    });
    expect(response.status).toBe(200);
  };

  beforeAll(async () => {
    sim = await startSimulator({ fleet: accessFleet() });
  });
  afterEach(async () => {
    await fetch(`${sim.url}/_sim/faults`, { method: 'DELETE' });
    sim.clearAwsRequests();
  });
  afterAll(async () => {
    clients.forEach(client => client.destroy());
    await sim.stop();
  });

  it('adds latency to every STS answer', async () => {
    const client = sts();
    await client.send(new GetCallerIdentityCommand({})); // warm the connection
    await putFaults({ sts: { latencyMs: 250 } });
    const started = performance.now();
    await client.send(
      new AssumeRoleCommand({
        RoleArn: roleArn(ACCOUNT_A, 'fleet-resilience-reader'),
        RoleSessionName: 'latency',
      }),
    );
    await client.send(new GetCallerIdentityCommand({}));
    expect(performance.now() - started).toBeGreaterThanOrEqual(2 * 250 - 5);
  });

  it('throttles as STS does: Throttling, 400, Sender, "Rate exceeded"', async () => {
    await putFaults({ sts: { throttleRate: 1 } });
    const error = await rejectionOf(
      sts().send(new GetCallerIdentityCommand({})),
    );
    expect(error).toMatchObject({
      name: 'Throttling',
      message: 'Rate exceeded',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
    });
    const raw = await signedFetch(sim.url, 'sts', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
      credentials: sim.clientSettings().credentials,
    });
    expect(raw.status).toBe(400);
    expect(raw.headers.get('content-type')).toBe('text/xml');
    expect(await raw.text()).toContain(
      '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error>',
    );
  });

  it('answers server errors with InternalFailure 500 (Receiver)', async () => {
    await putFaults({ sts: { errorRate: 1 } });
    const error = await rejectionOf(
      sts().send(new GetCallerIdentityCommand({})),
    );
    expect(error).toMatchObject({
      name: 'InternalFailure',
      $fault: 'server',
      $metadata: { httpStatusCode: 500 },
    });
  });

  it('is throttled often enough that the SDK retries, and the retries succeed', async () => {
    await putFaults({ sts: { throttleRate: 0.5 } }, 7);
    const client = sts(5);
    let attempts = 0;
    for (let i = 0; i < 4; i++) {
      const out = await client.send(new GetCallerIdentityCommand({}));
      expect(out.Account).toBe(ACCOUNT_A);
      attempts += out.$metadata.attempts ?? 1;
    }
    expect(attempts).toBeGreaterThan(4);
    // Every attempt reached the simulator (the request log counts each).
    const logged = sim
      .awsRequests()
      .filter(line => line.action === 'sts:GetCallerIdentity')
      .reduce((sum, line) => sum + line.count, 0);
    expect(logged).toBe(attempts);
  }, 30_000);
});
