/**
 * STS through the real SDK: @aws-sdk/client-sts and the credential provider
 * the AWS integration uses (`fromTemporaryCredentials`), against the
 * simulator's origin; what the credentials are seen as afterwards.
 */
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { EKSClient, ListClustersCommand } from '@aws-sdk/client-eks';
import { rejectionOf } from '../__testUtils__/rejection';
import { signedFetch } from '../__testUtils__/signedFetch';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  accessFleet,
  EXTERNAL_ID,
  OUTSIDE_ACCOUNT,
  roleArn,
} from '../__testUtils__/accessFleet';
import { startSimulator, type RunningSimulator } from '../simulator';

describe('STS', () => {
  let sim: RunningSimulator;
  const clients: Array<{ destroy(): void }> = [];
  const track = <T extends { destroy(): void }>(client: T) => {
    clients.push(client);
    return client;
  };
  const sts = (
    credentials: {
      accessKeyId: string;
      secretAccessKey: string;
      sessionToken?: string;
    } = sim.clientSettings().credentials,
  ) =>
    track(
      new STSClient({
        endpoint: sim.url,
        region: 'us-east-1',
        credentials,
        maxAttempts: 1,
      }),
    );

  beforeAll(async () => {
    sim = await startSimulator({ fleet: accessFleet() });
  });
  afterAll(async () => {
    clients.forEach(client => client.destroy());
    await sim.stop();
  });

  it('answers GetCallerIdentity for a static key as the simulator user of the account the key names', async () => {
    const identity = await sts(
      sim.clientSettings({ accountId: ACCOUNT_B }).credentials,
    ).send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe(ACCOUNT_B);
    expect(identity.Arn).toBe(`arn:aws:iam::${ACCOUNT_B}:user/fleet-simulator`);
    expect(identity.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
  });

  it('assumes a role: credentials named by the account, seen as the assumed role', async () => {
    const out = await sts().send(
      new AssumeRoleCommand({
        RoleArn: roleArn(ACCOUNT_A, 'fleet-resilience-reader'),
        RoleSessionName: 'backstage',
        DurationSeconds: 900,
      }),
    );
    const credentials = out.Credentials!;
    expect(credentials.AccessKeyId).toMatch(
      new RegExp(`^ASIA${ACCOUNT_A}[A-Z2-7]{4}$`),
    );
    expect(credentials.SecretAccessKey).toBeTruthy();
    expect(credentials.SessionToken).toBeTruthy();
    const ttl = credentials.Expiration!.getTime() - Date.now();
    expect(ttl).toBeGreaterThan(850_000);
    expect(ttl).toBeLessThanOrEqual(900_000);
    expect(out.AssumedRoleUser?.Arn).toBe(
      `arn:aws:sts::${ACCOUNT_A}:assumed-role/fleet-resilience-reader/backstage`,
    );
    expect(out.AssumedRoleUser?.AssumedRoleId).toMatch(
      /^AROA[A-Z2-7]{17}:backstage$/,
    );
    const identity = await sts({
      accessKeyId: credentials.AccessKeyId!,
      secretAccessKey: credentials.SecretAccessKey!,
      sessionToken: credentials.SessionToken,
    }).send(new GetCallerIdentityCommand({}));
    expect(identity).toMatchObject({
      Account: ACCOUNT_A,
      Arn: `arn:aws:sts::${ACCOUNT_A}:assumed-role/fleet-resilience-reader/backstage`,
    });
  });

  it('gives fromTemporaryCredentials credentials that a client uses as the role, in the role’s account', async () => {
    const credentials = fromTemporaryCredentials({
      masterCredentials: sim.clientSettings({ accountId: ACCOUNT_A })
        .credentials,
      params: {
        RoleArn: roleArn(ACCOUNT_B, 'fleet-resilience-operator'),
        RoleSessionName: 'fleet-operator',
        ExternalId: EXTERNAL_ID,
      },
      clientConfig: { endpoint: sim.url, region: 'us-east-1' },
    });
    const settings = { endpoint: sim.url, region: 'us-east-1', credentials };
    const identity = await track(new STSClient(settings)).send(
      new GetCallerIdentityCommand({}),
    );
    expect(identity.Arn).toBe(
      `arn:aws:sts::${ACCOUNT_B}:assumed-role/fleet-resilience-operator/fleet-operator`,
    );
    // The account is still named by the key: EKS lists account B's cluster.
    const clusters = await track(new EKSClient(settings)).send(
      new ListClustersCommand({}),
    );
    expect(clusters.clusters).toEqual(['beta']);
  });

  it('refuses, as AWS does, roles outside the fleet, undeclared roles and a wrong external ID', async () => {
    const caller = `arn:aws:iam::${ACCOUNT_A}:user/fleet-simulator`;
    const cases = [
      { RoleArn: roleArn(OUTSIDE_ACCOUNT, 'fleet-resilience-reader') },
      { RoleArn: roleArn(ACCOUNT_B, 'admin') },
      { RoleArn: roleArn(ACCOUNT_B, 'fleet-resilience-operator') },
      {
        RoleArn: roleArn(ACCOUNT_B, 'fleet-resilience-operator'),
        ExternalId: 'not-the-one',
      },
    ];
    for (const input of cases) {
      const error = await rejectionOf(
        sts().send(new AssumeRoleCommand({ ...input, RoleSessionName: 's1' })),
      );
      expect(error).toMatchObject({
        name: 'AccessDenied',
        message: `User: ${caller} is not authorized to perform: sts:AssumeRole on resource: ${input.RoleArn}`,
        $metadata: { httpStatusCode: 403 },
      });
    }
    // An account that declares no roles lets any role name be assumed.
    await expect(
      sts().send(
        new AssumeRoleCommand({
          RoleArn: roleArn(ACCOUNT_A, 'anything', 'aws'),
          RoleSessionName: 's1',
        }),
      ),
    ).resolves.toBeDefined();
  });

  it('validates the input with AWS’s messages', async () => {
    const attempt = (input: Record<string, unknown>) =>
      rejectionOf(
        sts().send(
          new AssumeRoleCommand({
            RoleArn: roleArn(ACCOUNT_A, 'fleet-resilience-reader'),
            RoleSessionName: 'ok-session',
            ...input,
          }),
        ),
      );
    expect(await attempt({ DurationSeconds: 899 })).toMatchObject({
      name: 'ValidationError',
      message:
        "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    });
    expect(await attempt({ DurationSeconds: 43201 })).toMatchObject({
      name: 'ValidationError',
    });
    expect(
      await attempt({ RoleSessionName: 'a b', ExternalId: 'x' }),
    ).toMatchObject({
      name: 'ValidationError',
      message:
        "2 validation errors detected: Value 'a b' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*; Value 'x' at 'externalId' failed to satisfy constraint: Member must have length greater than or equal to 2",
    });
    for (const bad of [
      'arn:aws:iam::1111222233:role/reader', // 10-digit account
      'arn:aws-xx:iam::111122223333:role/reader', // no such partition
      'arn:aws:iam::111122223333:user/reader', // not a role
      'arn:aws:iam::111122223333:role/bad*name',
    ]) {
      expect(await attempt({ RoleArn: bad })).toMatchObject({
        name: 'ValidationError',
        message: 'Request ARN is invalid',
      });
    }
    expect(await attempt({ RoleArn: 'arn:aws:iam::1' })).toMatchObject({
      message: expect.stringContaining(
        "at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20",
      ),
    });
  });

  it('keeps the partition of the role ARN and accepts role paths', async () => {
    const out = await sts().send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws-us-gov:iam::${ACCOUNT_A}:role/platform/fleet-resilience-reader`,
        RoleSessionName: 'gov',
      }),
    );
    expect(out.AssumedRoleUser?.Arn).toBe(
      `arn:aws-us-gov:sts::${ACCOUNT_A}:assumed-role/fleet-resilience-reader/gov`,
    );
  });

  it('answers awsQuery errors in XML for what no SDK sends', async () => {
    const response = await signedFetch(sim.url, 'sts', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetSessionToken&Version=2011-06-15',
      credentials: sim.clientSettings().credentials,
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('text/xml');
    const text = await response.text();
    expect(text).toContain(
      '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>Could not find operation GetSessionToken for version 2011-06-15</Message></Error><RequestId>',
    );
  });
});
