/**
 * The request log's `handlerMs`: per IAM action, the simulator's own time
 * handling requests (what bench:catalog prints per Config page), without
 * injected latency, hangs or denied requests. Through the real SDK clients
 * and the control API; the gate's clock is checked on its own.
 */
import {
  ConfigServiceClient,
  SelectAggregateResourceConfigCommand,
} from '@aws-sdk/client-config-service';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ACCOUNT_A, accessFleet } from '../__testUtils__/accessFleet';
import { rejectionOf } from '../__testUtils__/rejection';
import type { AwsServiceHandler, SimRequest } from '../http';
import { createRoleSessions } from '../sts';
import { startSimulator, type RunningSimulator } from '../simulator';
import { createIamGate } from './gate';

const SELECT = 'config:SelectAggregateResourceConfig';

describe('handler time in the request log', () => {
  let sim: RunningSimulator;
  const clients: Array<{ destroy(): void }> = [];
  const config = (maxAttempts = 1) => {
    const client = new ConfigServiceClient({
      ...sim.clientSettings(),
      maxAttempts,
    });
    clients.push(client);
    return client;
  };
  const select = (client: ConfigServiceClient, abortSignal?: AbortSignal) =>
    client.send(
      new SelectAggregateResourceConfigCommand({
        ConfigurationAggregatorName: 'fleet-aggregator',
        Expression:
          "SELECT resourceId WHERE resourceType = 'AWS::EKS::Cluster'",
      }),
      { abortSignal },
    );
  const control = async (path: string, method = 'GET', body?: unknown) => {
    const response = await fetch(`${sim.url}/_sim/${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    sim = await startSimulator({ fleet: accessFleet() });
  });
  afterEach(async () => {
    sim.setFaults({ seed: 1, services: {} });
    sim.setIamDenies([]);
    await control('aws-requests', 'DELETE');
  });
  afterAll(async () => {
    clients.forEach(client => client.destroy());
    await sim.stop();
  });

  it('reports each action’s handling time beside its count, in both reads, and clears it with the log', async () => {
    const client = config();
    await select(client);
    await select(client);
    const sts = new STSClient({ ...sim.clientSettings(), maxAttempts: 1 });
    clients.push(sts);
    await sts.send(new GetCallerIdentityCommand({}));

    const byAction = await control('aws-requests/by-action');
    expect(byAction).toEqual({
      total: 3,
      actions: { [SELECT]: 2, 'sts:GetCallerIdentity': 1 },
      handlerMs: {
        [SELECT]: expect.any(Number),
        'sts:GetCallerIdentity': expect.any(Number),
      },
    });
    expect(byAction.handlerMs[SELECT]).toBeGreaterThan(0);
    const log = await control('aws-requests');
    expect(log.handlerMs).toEqual(byAction.handlerMs);
    expect(log.requests).toEqual([
      expect.objectContaining({ action: SELECT, count: 2 }),
      expect.objectContaining({ action: 'sts:GetCallerIdentity', count: 1 }),
    ]);

    await control('aws-requests', 'DELETE');
    expect(await control('aws-requests/by-action')).toEqual({
      total: 0,
      actions: {},
      handlerMs: {},
    });
  });

  it('leaves out injected latency', async () => {
    const client = config();
    await select(client); // the first request also resolves the client
    await control('aws-requests', 'DELETE');
    sim.setFaults({ seed: 1, services: { config: { latencyMs: 200 } } });
    const started = performance.now();
    for (let i = 0; i < 3; i++) await select(client);
    expect(performance.now() - started).toBeGreaterThanOrEqual(3 * 200 - 5);
    const { actions, handlerMs } = await control('aws-requests/by-action');
    expect(actions[SELECT]).toBe(3);
    // Latency included it would be at least 600 ms.
    expect(handlerMs[SELECT]).toBeLessThan(200);
  });

  it('counts no handling for requests refused by a denial, a fault or a hang', async () => {
    sim.setIamDenies([{ accountId: ACCOUNT_A, action: SELECT }]);
    expect(await rejectionOf(select(config()))).toMatchObject({
      name: 'AccessDeniedException',
    });
    sim.setIamDenies([]);
    sim.setFaults({ seed: 1, services: { config: { throttleRate: 1 } } });
    expect(await rejectionOf(select(config()))).toMatchObject({
      name: 'ThrottlingException',
    });
    sim.setFaults({ seed: 1, services: { config: { hangRate: 1 } } });
    const hangUp = new AbortController();
    const hung = rejectionOf(select(config(), hangUp.signal));
    await new Promise(resolve => setTimeout(resolve, 200));
    hangUp.abort();
    await hung;
    await new Promise(resolve => setTimeout(resolve, 50)); // the server sees the hang-up
    expect(await control('aws-requests/by-action')).toEqual({
      total: 3,
      actions: { [SELECT]: 3 },
      handlerMs: {},
    });
  });
});

describe('the gate’s handler clock', () => {
  it('adds the wall time from handling to handled to the request’s action', async () => {
    const gate = createIamGate({
      accounts: () => [{ id: ACCOUNT_A }],
      sessions: createRoleSessions(),
    });
    const service = { signingName: 'config' } as AwsServiceHandler;
    const request = (): SimRequest => ({
      method: 'POST',
      url: new URL('http://127.0.0.1/'),
      headers: { 'x-amz-target': 'StarlingDoveService.SelectResourceConfig' },
      body: Buffer.alloc(0),
    });
    const caller = {
      accessKeyId: 'AKIDEXAMPLE',
      region: 'us-east-1',
      service: 'config',
    };
    const first = request();
    expect(gate.check(service, first, caller)).toBeUndefined();
    gate.handling(first);
    await new Promise(resolve => setTimeout(resolve, 60));
    gate.handled(first);
    // Handled twice, or handled without having started: nothing more.
    gate.handled(first);
    const second = request();
    gate.check(service, second, caller);
    gate.handled(second);
    const ms = gate.awsHandlerMs()['config:SelectResourceConfig'];
    expect(ms).toBeGreaterThanOrEqual(55);
    expect(ms).toBeLessThan(1000);
    expect(gate.awsRequests()[0].count).toBe(2);
  });
});
