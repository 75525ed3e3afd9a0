import { ConfigReader } from '@backstage/config';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsClientFactory } from './AwsClientFactory';
import { readOperatorRole } from './awsSettings';
import {
  AwsAccountCredentials,
  CREDENTIALS_REFRESH_BEFORE_MS,
  findAccountsWithoutRole,
  memoizeCredentials,
} from './credentials';

type JsonObject = NonNullable<ConstructorParameters<typeof ConfigReader>[0]>;

/** The backend's own identity (in a pod: Pod Identity or IRSA). */
const MAIN = {
  accessKeyId: 'AKIAMAINACCOUNT00001',
  secretAccessKey: 'main-secret',
};
const UNLISTED = '444455556666';

interface AssumeRoleCall {
  form: URLSearchParams;
  /** The access key that signed the request. */
  signedBy: string | undefined;
}

/**
 * STS as AWS answers AssumeRole (awsQuery, XML), recording each request:
 * integration-aws-node's STS client reaches it through AWS_ENDPOINT_URL_STS.
 */
function startSts(): Promise<{
  server: Server;
  url: string;
  calls: AssumeRoleCall[];
}> {
  const calls: AssumeRoleCall[] = [];
  let issued = 0;
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', chunk => (body += chunk));
    request.on('end', () => {
      const form = new URLSearchParams(body);
      const signedBy = /Credential=([A-Z0-9]+)\//.exec(
        request.headers.authorization ?? '',
      )?.[1];
      calls.push({ form, signedBy });
      issued += 1;
      const roleArn = form.get('RoleArn') ?? '';
      const expiration = new Date(Date.now() + 3600_000).toISOString();
      response.setHeader('content-type', 'text/xml');
      response.end(`<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <Credentials>
      <AccessKeyId>ASIAASSUMED${String(issued).padStart(9, '0')}</AccessKeyId>
      <SecretAccessKey>assumed-secret</SecretAccessKey>
      <SessionToken>assumed-token</SessionToken>
      <Expiration>${expiration}</Expiration>
    </Credentials>
    <AssumedRoleUser>
      <AssumedRoleId>AROAEXAMPLE:backstage</AssumedRoleId>
      <Arn>${roleArn
        .replace(':iam::', ':sts::')
        .replace(':role/', ':assumed-role/')}/backstage</Arn>
    </AssumedRoleUser>
  </AssumeRoleResult>
  <ResponseMetadata><RequestId>req-${issued}</RequestId></ResponseMetadata>
</AssumeRoleResponse>`);
    });
  });
  return new Promise(resolve =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        calls,
      }),
    ),
  );
}

const production = (fleetResilience: JsonObject = {}, aws: JsonObject = {}) =>
  new ConfigReader({
    aws: {
      mainAccount: MAIN,
      accountDefaults: { roleName: 'fleet-resilience-reader' },
      ...aws,
    },
    fleetResilience: {
      aws: {
        operatorRole: {
          roleName: 'fleet-resilience-operator',
          externalId: 'fleet-resilience-example',
        },
      },
      ...fleetResilience,
    },
  });

describe('credentials for an account not listed in aws.accounts, through integration-aws-node', () => {
  let sts: Awaited<ReturnType<typeof startSts>>;
  const saved = process.env.AWS_ENDPOINT_URL_STS;

  beforeAll(async () => {
    sts = await startSts();
    process.env.AWS_ENDPOINT_URL_STS = sts.url;
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_STS;
    else process.env.AWS_ENDPOINT_URL_STS = saved;
    await new Promise(resolve => sts.server.close(resolve));
  });
  beforeEach(() => sts.calls.splice(0));

  it('the reader assumes arn:aws:iam::<account>:role/fleet-resilience-reader from the main account, without an external ID', async () => {
    const reader = AwsAccountCredentials.fromConfig(production());
    const identity = await (await reader.forAccount(UNLISTED))();
    expect(identity.accessKeyId).toMatch(/^ASIAASSUMED/);
    expect(sts.calls).toHaveLength(1);
    const [call] = sts.calls;
    expect(call.form.get('Action')).toBe('AssumeRole');
    expect(call.form.get('RoleArn')).toBe(
      `arn:aws:iam::${UNLISTED}:role/fleet-resilience-reader`,
    );
    expect(call.form.has('ExternalId')).toBe(false);
    expect(call.signedBy).toBe(MAIN.accessKeyId);
  });

  it('the operator assumes arn:aws:iam::<account>:role/fleet-resilience-operator from the main account, with its external ID', async () => {
    const operator = AwsAccountCredentials.fromConfig(production(), {
      role: 'operator',
    });
    await (
      await operator.forAccount(UNLISTED)
    )();
    expect(sts.calls).toHaveLength(1);
    const [call] = sts.calls;
    expect(call.form.get('RoleArn')).toBe(
      `arn:aws:iam::${UNLISTED}:role/fleet-resilience-operator`,
    );
    expect(call.form.get('ExternalId')).toBe('fleet-resilience-example');
    expect(call.signedBy).toBe(MAIN.accessKeyId);
  });

  it('the operator takes the partition of aws.accountDefaults and ignores accounts listed for the reader', async () => {
    const config = production(undefined, {
      accountDefaults: {
        roleName: 'fleet-resilience-reader',
        partition: 'aws-us-gov',
        region: 'us-gov-west-1',
      },
      // The reader's own keys for this account: the operator still assumes its role.
      accounts: [
        {
          accountId: UNLISTED,
          accessKeyId: 'AKIAREADERLISTED0001',
          secretAccessKey: 'listed-secret',
        },
      ],
    });
    const reader = AwsAccountCredentials.fromConfig(config);
    expect((await (await reader.forAccount(UNLISTED))()).accessKeyId).toBe(
      'AKIAREADERLISTED0001',
    );
    const operator = AwsAccountCredentials.fromConfig(config, {
      role: 'operator',
    });
    await (
      await operator.forAccount(UNLISTED)
    )();
    expect(sts.calls.map(c => c.form.get('RoleArn'))).toEqual([
      `arn:aws-us-gov:iam::${UNLISTED}:role/fleet-resilience-operator`,
    ]);
  });

  it('assumes a role once per account until the credentials near their expiry, not once per request', async () => {
    const reader = AwsAccountCredentials.fromConfig(production());
    const provider = await reader.forAccount(UNLISTED);
    expect(await reader.forAccount(UNLISTED)).toBe(provider);
    const first = await provider();
    const again = await Promise.all([provider(), provider(), provider()]);
    expect(again.map(i => i.accessKeyId)).toEqual([
      first.accessKeyId,
      first.accessKeyId,
      first.accessKeyId,
    ]);
    expect(sts.calls).toHaveLength(1);
  });

  it('without operatorRole the operator acts with the reader credentials', async () => {
    const config = new ConfigReader({
      aws: {
        accounts: [
          {
            accountId: UNLISTED,
            accessKeyId: 'AKIAREADERLISTED0001',
            secretAccessKey: 'listed-secret',
          },
        ],
      },
    });
    const operator = AwsClientFactory.fromConfig(config, { role: 'operator' });
    const identity = await (await operator.credentials(UNLISTED))();
    expect(identity.accessKeyId).toBe('AKIAREADERLISTED0001');
    expect(sts.calls).toHaveLength(0);
  });
});

describe('memoizeCredentials', () => {
  const HOUR = 3600_000;

  it('renews temporary credentials shortly before they expire, and keeps static ones', async () => {
    let now = 0;
    let calls = 0;
    const provider = memoizeCredentials(
      async () => {
        calls += 1;
        return {
          accessKeyId: `ASIA${calls}`,
          secretAccessKey: 's',
          expiration: new Date(now + HOUR),
        };
      },
      () => now,
    );
    expect((await provider()).accessKeyId).toBe('ASIA1');
    now = HOUR - CREDENTIALS_REFRESH_BEFORE_MS - 1;
    expect((await provider()).accessKeyId).toBe('ASIA1');
    now = HOUR - CREDENTIALS_REFRESH_BEFORE_MS + 1;
    expect((await provider()).accessKeyId).toBe('ASIA2');
    expect(calls).toBe(2);

    let staticCalls = 0;
    const fixed = memoizeCredentials(async () => {
      staticCalls += 1;
      return { accessKeyId: 'AKIA', secretAccessKey: 's' };
    });
    await fixed();
    await fixed();
    expect(staticCalls).toBe(1);
  });

  it('does not keep a failure: the next call asks again', async () => {
    let calls = 0;
    const provider = memoizeCredentials(async () => {
      calls += 1;
      if (calls === 1) throw new Error('STS unavailable');
      return { accessKeyId: 'ASIA', secretAccessKey: 's' };
    });
    await expect(provider()).rejects.toThrow('STS unavailable');
    await expect(provider()).resolves.toMatchObject({ accessKeyId: 'ASIA' });
    expect(calls).toBe(2);
  });
});

describe('findAccountsWithoutRole', () => {
  it('names listed accounts that have no role, keys or profile while accountDefaults has a role', () => {
    const config = new ConfigReader({
      aws: {
        accountDefaults: { roleName: 'fleet-resilience-reader' },
        accounts: [
          { accountId: '111111111111' },
          { accountId: '222222222222', roleName: 'fleet-resilience-reader' },
          {
            accountId: '333333333333',
            accessKeyId: 'AKIA',
            secretAccessKey: 's',
          },
          { accountId: '444444444444', profile: 'ops' },
          { accountId: '555555555555' },
        ],
      },
    });
    expect(findAccountsWithoutRole(config)).toEqual([
      '111111111111',
      '555555555555',
    ]);
  });

  it('names none without a default role (the accounts then use the main identity on purpose)', () => {
    const config = new ConfigReader({
      aws: { accounts: [{ accountId: '111111111111' }] },
    });
    expect(findAccountsWithoutRole(config)).toEqual([]);
    expect(findAccountsWithoutRole(new ConfigReader({}))).toEqual([]);
  });
});

describe('fleetResilience.aws.operatorRole', () => {
  const read = (operatorRole: JsonObject) =>
    readOperatorRole(
      new ConfigReader({ fleetResilience: { aws: { operatorRole } } }),
    );

  it('reads the role name and external ID', () => {
    expect(read({ roleName: 'fleet-resilience-operator' })).toEqual({
      roleName: 'fleet-resilience-operator',
    });
    expect(
      read({ roleName: 'ops+shift=1,a.b@c_d-e', externalId: 'ab:/=,.@-_+' }),
    ).toEqual({ roleName: 'ops+shift=1,a.b@c_d-e', externalId: 'ab:/=,.@-_+' });
    expect(readOperatorRole(new ConfigReader({}))).toBeUndefined();
  });

  it.each([
    ['arn:aws:iam::111122223333:role/x', 'IAM role name'],
    ['a'.repeat(65), 'IAM role name'],
    ['with space', 'IAM role name'],
  ])('refuses the role name %j', (roleName, message) => {
    expect(() => read({ roleName })).toThrow(message);
  });

  it.each([['Q'], ['a'.repeat(1225)], ['has space'], ['semi;colon']])(
    'refuses the external ID %j without echoing it',
    externalId => {
      let error: Error | undefined;
      try {
        read({ roleName: 'fleet-resilience-operator', externalId });
      } catch (e) {
        error = e as Error;
      }
      expect(error?.message).toMatch(/externalId must be 2 to 1224/);
      expect(error?.message).not.toContain(externalId);
    },
  );

  it('puts useFipsEndpoint on the SDK clients and the STS host of EKS tokens', async () => {
    const clients = AwsClientFactory.fromConfig(
      new ConfigReader({
        aws: {
          accounts: [
            {
              accountId: '111122223333',
              accessKeyId: 'AKIA',
              secretAccessKey: 's',
            },
          ],
        },
        fleetResilience: { aws: { useFipsEndpoint: true } },
      }),
    );
    const target = { accountId: '111122223333', region: 'us-east-1' };
    for (const client of [
      await clients.eks(target),
      await clients.config(target),
      await clients.resilienceHub(target),
    ]) {
      expect(await client.config.useFipsEndpoint()).toBe(true);
    }
    const plain = AwsClientFactory.fromConfig(
      new ConfigReader({
        aws: {
          accounts: [
            {
              accountId: '111122223333',
              accessKeyId: 'AKIA',
              secretAccessKey: 's',
            },
          ],
        },
      }),
    );
    expect(await (await plain.eks(target)).config.useFipsEndpoint()).toBe(
      false,
    );
    // EKS tokens: STS's FIPS host where AWS has one, a clear refusal elsewhere.
    expect(clients.stsEndpoint('us-east-1')).toBe(
      'https://sts-fips.us-east-1.amazonaws.com',
    );
    expect(() => clients.stsEndpoint('eu-west-1')).toThrow(/FIPS/);
    expect(plain.stsEndpoint('eu-west-1')).toBeUndefined();
  });
});
