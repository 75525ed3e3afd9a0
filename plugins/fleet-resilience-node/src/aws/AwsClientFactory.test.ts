import { ConfigReader } from '@backstage/config';
import { AwsClientFactory } from './AwsClientFactory';
import { AwsAccountCredentials } from './credentials';

const KEYS = {
  accessKeyId: 'AKIA111122223333TEST',
  secretAccessKey: 'not-a-real-secret',
};

function factory() {
  const config = new ConfigReader({
    aws: { accounts: [{ accountId: '111122223333', ...KEYS }] },
    fleetResilience: {
      aws: {
        endpoints: {
          config: 'http://localhost:4566',
          eks: 'https://eks.{region}.example.com',
        },
        maxAttempts: 7,
      },
    },
  });
  return AwsClientFactory.fromConfig(config);
}

const USE1 = { accountId: '111122223333', region: 'us-east-1' };

describe('AwsClientFactory', () => {
  it('builds one client per service, account and region, and reuses it', async () => {
    const clients = factory();
    const first = await clients.config(USE1);
    expect(await clients.config(USE1)).toBe(first);
    expect(await clients.config({ ...USE1, region: 'eu-west-1' })).not.toBe(
      first,
    );
    expect(await clients.eks(USE1)).not.toBe(first);
  });

  it('retries AWS Config in adaptive mode (a throttle slows the client) and the others in standard mode', async () => {
    const clients = factory();
    const config = await clients.config(USE1);
    const eks = await clients.eks(USE1);
    const mode = async (client: { config: object }) =>
      (
        (await (
          client.config as { retryStrategy: () => Promise<unknown> }
        ).retryStrategy()) as { mode: string }
      ).mode;
    expect(await mode(config)).toBe('adaptive');
    expect(await mode(eks)).toBe('standard');
  });

  it('configures region, account credentials, endpoint override and retries', async () => {
    const clients = factory();
    const config = await clients.config({ ...USE1, region: 'eu-west-1' });
    expect(await config.config.region()).toBe('eu-west-1');
    expect(await config.config.maxAttempts()).toBe(7);
    expect(await config.config.credentials()).toMatchObject(KEYS);
    const endpoint = await config.config.endpoint!();
    expect(`${endpoint.protocol}//${endpoint.hostname}:${endpoint.port}`).toBe(
      'http://localhost:4566',
    );
    const eks = await clients.eks({ ...USE1, region: 'ap-south-1' });
    expect((await eks.config.endpoint!()).hostname).toBe(
      'eks.ap-south-1.example.com',
    );
  });

  it('refuses an account or region that could not be real before building anything', async () => {
    const clients = factory();
    await expect(
      clients.arc({ accountId: '1111', region: 'us-east-1' }),
    ).rejects.toThrow('12-digit');
    await expect(
      clients.resilienceHub({ accountId: '111122223333', region: '../x' }),
    ).rejects.toThrow('AWS region');
  });

  it('does not keep a client whose credentials could not be found, so a later call tries again', async () => {
    let calls = 0;
    const credentials = {
      forAccount: async () => {
        calls += 1;
        if (calls === 1) throw new Error('no credentials yet');
        return async () => KEYS;
      },
    } as unknown as AwsAccountCredentials;
    const clients = new AwsClientFactory({ credentials });
    await expect(clients.config(USE1)).rejects.toThrow('no credentials yet');
    await expect(clients.config(USE1)).resolves.toBeDefined();
    expect(calls).toBe(2);
  });
});

describe('AwsAccountCredentials', () => {
  it('gives the configured account’s credentials and refuses a malformed account ID', async () => {
    const credentials = AwsAccountCredentials.fromConfig(
      new ConfigReader({
        aws: { accounts: [{ accountId: '111122223333', ...KEYS }] },
      }),
    );
    expect(
      await (
        await credentials.forAccount('111122223333')
      )(),
    ).toMatchObject(KEYS);
    await expect(credentials.forAccount('not-an-account')).rejects.toThrow(
      '12-digit',
    );
  });

  it('names the account, never a secret, when the integration has no credentials for it', async () => {
    const credentials = new AwsAccountCredentials({
      getCredentialProvider: async () => {
        throw new Error(
          'There is no AWS integration that matches 444455556666.',
        );
      },
    });
    const error = await credentials.forAccount('444455556666').catch(e => e);
    expect(error.message).toMatch(
      /^No AWS credentials for account 444455556666 .*no AWS integration/,
    );
  });
});
