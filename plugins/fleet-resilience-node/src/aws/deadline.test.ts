import { ListDiscoveredResourcesCommand } from '@aws-sdk/client-config-service';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsClientFactory } from './AwsClientFactory';
import { AwsAccountCredentials } from './credentials';
import { AwsDeadlineError } from './deadline';

describe('the overall deadline of AWS SDK calls', () => {
  let server: Server;
  let url: string;
  let received = 0;

  beforeAll(async () => {
    // Takes every request and never answers.
    server = createServer(() => {
      received++;
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
  });

  const factory = (deadlineMs: number) =>
    new AwsClientFactory({
      credentials: new AwsAccountCredentials({
        getCredentialProvider: async () => ({
          sdkCredentialProvider: async () => ({
            accessKeyId: 'AKIDEXAMPLE',
            secretAccessKey: 'not-a-real-secret',
          }),
        }),
      } as never),
      endpoints: { config: url },
      maxAttempts: 5,
      requestTimeoutMs: 10_000,
      deadlineMs,
    });

  it('fails a call whose attempts hang once the deadline passes, not after every attempt timed out', async () => {
    const client = await factory(300).config({
      accountId: '111122223333',
      region: 'us-east-1',
    });
    const began = Date.now();
    const error = await client
      .send(
        new ListDiscoveredResourcesCommand({
          resourceType: 'AWS::EKS::Cluster',
        }),
      )
      .catch(e => e);
    expect(error).toBeInstanceOf(AwsDeadlineError);
    expect(error).toMatchObject({ name: 'TimeoutError' });
    expect(error.message).toBe(
      "AWS Config did not answer within the call's deadline (300 ms)",
    );
    expect(Date.now() - began).toBeLessThan(2_000);
    expect(received).toBeGreaterThanOrEqual(1);
    client.destroy();
  });
});
