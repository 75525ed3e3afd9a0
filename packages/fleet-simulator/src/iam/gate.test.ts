/**
 * The request log and IAM denials at the simulator's one origin, through the
 * real SDK clients (Config, EKS, Resilience Hub, SQS, STS) and signed
 * requests for ARC (the project's ARC client is tested against this log in
 * the node package).
 */
import {
  ConfigServiceClient,
  SelectResourceConfigCommand,
} from '@aws-sdk/client-config-service';
import {
  DescribeClusterCommand,
  EKSClient,
  ListClustersCommand,
} from '@aws-sdk/client-eks';
import {
  ListAppsCommand,
  ResiliencehubClient,
} from '@aws-sdk/client-resiliencehub';
import {
  CreateQueueCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  accessFleet,
  EXTERNAL_ID,
  roleArn,
} from '../__testUtils__/accessFleet';
import { rejectionOf } from '../__testUtils__/rejection';
import { signedFetch } from '../__testUtils__/signedFetch';
import { accessKeyIdFor } from '../control/credentials';
import { startSimulator, type RunningSimulator } from '../simulator';

type Credentials = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
};

const READER = 'fleet-resilience-reader';
const OPERATOR = 'fleet-resilience-operator';
const principal = (accountId: string, role: string) =>
  `arn:aws:iam::${accountId}:role/${role}`;
const CLUSTER_A = `arn:aws:eks:us-east-1:${ACCOUNT_A}:cluster/alpha`;

describe('request log and IAM denials', () => {
  let sim: RunningSimulator;
  const clients: Array<{ destroy(): void }> = [];
  function client<T extends { destroy(): void }>(
    Client: new (config: object) => T,
    credentials: Credentials,
  ): T {
    const made = new Client({
      endpoint: sim.url,
      region: 'us-east-1',
      credentials,
      maxAttempts: 1,
    });
    clients.push(made);
    return made;
  }
  const staticKey = (accountId: string) =>
    sim.clientSettings({ accountId }).credentials;

  async function assume(
    accountId: string,
    role: string,
    externalId?: string,
  ): Promise<Credentials> {
    const out = await client(STSClient, staticKey(ACCOUNT_A)).send(
      new AssumeRoleCommand({
        RoleArn: roleArn(accountId, role),
        RoleSessionName: 'test',
        ExternalId: externalId,
      }),
    );
    return {
      accessKeyId: out.Credentials!.AccessKeyId!,
      secretAccessKey: out.Credentials!.SecretAccessKey!,
      sessionToken: out.Credentials!.SessionToken,
    };
  }

  /** ARC's StartZonalShift (restJson1, a write), signed as the SDK would. */
  const startShift = (credentials: Credentials) =>
    signedFetch(`${sim.url}/zonalshifts`, 'arc-zonal-shift', {
      credentials,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        resourceIdentifier: CLUSTER_A,
        awayFrom: 'use1-az1',
        expiresIn: '1h',
        comment: 'test',
      }),
    });

  beforeEach(async () => {
    sim = await startSimulator({ fleet: accessFleet() });
  });
  afterEach(async () => {
    clients.splice(0).forEach(made => made.destroy());
    await sim.stop();
  });

  it('counts every request once by principal, account, region and IAM action', async () => {
    const reader = await assume(ACCOUNT_A, READER);
    const operator = await assume(ACCOUNT_B, OPERATOR, EXTERNAL_ID);
    await client(ConfigServiceClient, reader).send(
      new SelectResourceConfigCommand({
        Expression:
          "SELECT resourceId WHERE resourceType = 'AWS::EKS::Cluster'",
      }),
    );
    const eks = client(EKSClient, reader);
    await eks.send(new ListClustersCommand({}));
    await eks.send(new DescribeClusterCommand({ name: 'alpha' }));
    await eks.send(new DescribeClusterCommand({ name: 'alpha' }));
    await client(ResiliencehubClient, reader).send(new ListAppsCommand({}));
    const sqs = client(SQSClient, operator);
    const queue = await sqs.send(new CreateQueueCommand({ QueueName: 'q1' }));
    await sqs.send(
      new SendMessageCommand({ QueueUrl: queue.QueueUrl, MessageBody: 'hi' }),
    );
    await client(STSClient, operator).send(new GetCallerIdentityCommand({}));
    expect((await startShift(reader)).status).toBe(201);

    const staticA = `static:${accessKeyIdFor(ACCOUNT_A)}`;
    const line = (p: string, accountId: string, action: string, count = 1) => ({
      principal: p,
      accountId,
      region: 'us-east-1',
      action,
      count,
    });
    const readerA = principal(ACCOUNT_A, READER);
    const operatorB = principal(ACCOUNT_B, OPERATOR);
    expect(sim.awsRequests()).toEqual([
      line(staticA, ACCOUNT_A, 'sts:AssumeRole', 2),
      line(readerA, ACCOUNT_A, 'config:SelectResourceConfig'),
      line(readerA, ACCOUNT_A, 'eks:ListClusters'),
      line(readerA, ACCOUNT_A, 'eks:DescribeCluster', 2),
      line(readerA, ACCOUNT_A, 'resiliencehub:ListApps'),
      line(operatorB, ACCOUNT_B, 'sqs:CreateQueue'),
      line(operatorB, ACCOUNT_B, 'sqs:SendMessage'),
      line(operatorB, ACCOUNT_B, 'sts:GetCallerIdentity'),
      line(readerA, ACCOUNT_A, 'arc-zonal-shift:StartZonalShift'),
    ]);

    const viaHttp = await fetch(`${sim.url}/_sim/aws-requests`);
    expect(await viaHttp.json()).toEqual({
      requests: sim.awsRequests(),
      handlerMs: expect.any(Object), // see handlerTime.test.ts
    });
    const byAction = await fetch(`${sim.url}/_sim/aws-requests/by-action`);
    expect(await byAction.json()).toEqual({
      total: 11,
      actions: {
        'arc-zonal-shift:StartZonalShift': 1,
        'config:SelectResourceConfig': 1,
        'eks:DescribeCluster': 2,
        'eks:ListClusters': 1,
        'resiliencehub:ListApps': 1,
        'sqs:CreateQueue': 1,
        'sqs:SendMessage': 1,
        'sts:AssumeRole': 2,
        'sts:GetCallerIdentity': 1,
      },
      handlerMs: expect.any(Object),
    });
    await fetch(`${sim.url}/_sim/aws-requests`, { method: 'DELETE' });
    expect(sim.awsRequests()).toEqual([]);
    // Unknown operations are not IAM actions: not logged.
    await signedFetch(`${sim.url}/nothing-here`, 'eks', {
      method: 'GET',
      credentials: reader,
    });
    expect(sim.awsRequests()).toEqual([]);
  });

  it('refuses a denied request in the service’s own protocol, worded as AWS words it, and still logs it', async () => {
    const reader = await assume(ACCOUNT_A, READER);
    const operatorB = await assume(ACCOUNT_B, OPERATOR, EXTERNAL_ID);
    sim.setIamDenies([
      { roleName: READER, action: 'eks:DescribeCluster' },
      { accountId: ACCOUNT_A, action: 'config:SelectResourceConfig' },
      { action: 'resiliencehub:ListApps' },
      { accountId: ACCOUNT_B, action: 'sqs:CreateQueue' },
      { roleName: READER, action: 'arc-zonal-shift:StartZonalShift' },
    ]);
    const readerArn = `arn:aws:sts::${ACCOUNT_A}:assumed-role/${READER}/test`;
    const eks = client(EKSClient, reader);
    expect(
      await rejectionOf(
        eks.send(new DescribeClusterCommand({ name: 'alpha' })),
      ),
    ).toMatchObject({
      name: 'AccessDeniedException',
      message: `User: ${readerArn} is not authorized to perform: eks:DescribeCluster on resource: ${CLUSTER_A}`,
      $metadata: { httpStatusCode: 403 },
    });
    // The denial names the role: the same call with a static key goes through.
    await expect(
      client(EKSClient, staticKey(ACCOUNT_A)).send(
        new DescribeClusterCommand({ name: 'alpha' }),
      ),
    ).resolves.toBeDefined();
    await expect(eks.send(new ListClustersCommand({}))).resolves.toBeDefined();

    expect(
      await rejectionOf(
        client(ConfigServiceClient, staticKey(ACCOUNT_A)).send(
          new SelectResourceConfigCommand({
            Expression:
              "SELECT resourceId WHERE resourceType = 'AWS::EKS::Cluster'",
          }),
        ),
      ),
    ).toMatchObject({
      name: 'AccessDeniedException',
      message: `User: arn:aws:iam::${ACCOUNT_A}:user/fleet-simulator is not authorized to perform: config:SelectResourceConfig on resource: *`,
      $metadata: { httpStatusCode: 400 },
    });
    expect(
      await rejectionOf(
        client(ResiliencehubClient, reader).send(new ListAppsCommand({})),
      ),
    ).toMatchObject({ name: 'AccessDeniedException' });
    const sqsError = await rejectionOf(
      client(SQSClient, operatorB).send(
        new CreateQueueCommand({ QueueName: 'q1' }),
      ),
    );
    expect(sqsError).toMatchObject({
      message: `User: arn:aws:sts::${ACCOUNT_B}:assumed-role/${OPERATOR}/test is not authorized to perform: sqs:CreateQueue on resource: arn:aws:sqs:us-east-1:${ACCOUNT_B}:q1`,
      $metadata: { httpStatusCode: 403 },
    });
    const arc = await startShift(reader);
    expect(arc.status).toBe(403);
    expect(arc.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
    expect(await arc.json()).toEqual({
      message: `User: ${readerArn} is not authorized to perform: arc-zonal-shift:StartZonalShift on resource: ${CLUSTER_A}`,
    });
    // Refused, so nothing happened.
    expect(sim.arc.appliedAwayZone(CLUSTER_A)).toBeUndefined();
    expect(sim.awsRequests()).toContainEqual(
      expect.objectContaining({
        principal: principal(ACCOUNT_A, READER),
        action: 'arc-zonal-shift:StartZonalShift',
        count: 1,
      }),
    );
  });

  it('denies sts:AssumeRole by the role assumed or by the caller', async () => {
    sim.setIamDenies([
      { accountId: ACCOUNT_B, roleName: OPERATOR, action: 'sts:AssumeRole' },
    ]);
    expect(
      await rejectionOf(assume(ACCOUNT_B, OPERATOR, EXTERNAL_ID)),
    ).toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::${ACCOUNT_A}:user/fleet-simulator is not authorized to perform: sts:AssumeRole on resource: ${roleArn(
        ACCOUNT_B,
        OPERATOR,
      )}`,
      $metadata: { httpStatusCode: 403 },
    });
    await expect(assume(ACCOUNT_B, READER)).resolves.toBeDefined();
    await expect(assume(ACCOUNT_A, OPERATOR)).resolves.toBeDefined();
    sim.setIamDenies([{ accountId: ACCOUNT_A, action: 'sts:AssumeRole' }]);
    await expect(rejectionOf(assume(ACCOUNT_B, READER))).resolves.toMatchObject(
      { name: 'AccessDenied' },
    );
  });

  it('sets and lists denials through the control API, refusing bad ones whole', async () => {
    const put = (body: unknown) =>
      fetch(`${sim.url}/_sim/iam`, {
        method: 'PUT',
        body: JSON.stringify(body),
      });
    const bad = await put({
      denies: [
        { action: 'eks:DescribeCluster' },
        { action: 'eks:*', accountId: '12' },
      ],
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: 'BadRequest',
      issues: [
        { path: 'denies[1].accountId', message: expect.any(String) },
        { path: 'denies[1].action', message: expect.any(String) },
      ],
    });
    expect(await (await fetch(`${sim.url}/_sim/iam`)).json()).toEqual({
      denies: [],
    });
    const denies = [
      { accountId: ACCOUNT_A, roleName: READER, action: 'eks:ListClusters' },
    ];
    expect((await put({ denies })).status).toBe(200);
    expect(await (await fetch(`${sim.url}/_sim/iam`)).json()).toEqual({
      denies,
    });
  });

  it('takes denials from the fleet file', async () => {
    await sim.stop();
    sim = await startSimulator({
      fleet: accessFleet({
        iam: { denies: [{ accountId: ACCOUNT_B, action: 'eks:ListClusters' }] },
      }),
    });
    await expect(
      rejectionOf(
        client(EKSClient, staticKey(ACCOUNT_B)).send(
          new ListClustersCommand({}),
        ),
      ),
    ).resolves.toMatchObject({
      name: 'AccessDeniedException',
      message: `User: arn:aws:iam::${ACCOUNT_B}:user/fleet-simulator is not authorized to perform: eks:ListClusters on resource: arn:aws:eks:us-east-1:${ACCOUNT_B}:cluster/*`,
    });
    await expect(
      client(EKSClient, staticKey(ACCOUNT_A)).send(new ListClustersCommand({})),
    ).resolves.toBeDefined();
  });
});
