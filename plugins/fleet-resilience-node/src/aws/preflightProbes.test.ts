import type { RunningSimulator } from '@fleet-resilience/fleet-simulator';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AGGREGATOR,
  PROD,
  SHARED,
  simulatorConfig,
  startDemoSimulator,
} from '../__testUtils__/simulator';
import { AwsClientFactory } from './AwsClientFactory';
import {
  AwsPreflightProbes,
  resourcePresenceQuery,
  StsCallError,
} from './preflightProbes';

describe('resourcePresenceQuery', () => {
  it('asks for one resource type, optionally of one account and region', () => {
    expect(resourcePresenceQuery('AWS::EC2::Subnet')).toBe(
      "SELECT resourceId WHERE resourceType = 'AWS::EC2::Subnet'",
    );
    expect(
      resourcePresenceQuery('AWS::EKS::Cluster', {
        accountId: PROD,
        region: 'eu-west-1',
      }),
    ).toBe(
      `SELECT resourceId WHERE resourceType = 'AWS::EKS::Cluster' AND accountId = '${PROD}' AND awsRegion = 'eu-west-1'`,
    );
  });

  it.each([
    ["AWS::EC2::Subnet' OR '1'='1", undefined],
    ['AWS::EC2::Subnet', { accountId: "1' OR '1", region: 'us-east-1' }],
    ['AWS::EC2::Subnet', { accountId: PROD, region: "us-east-1' --" }],
  ])('refuses what could change the query: %s %j', (type, where) => {
    expect(() => resourcePresenceQuery(type, where)).toThrow(TypeError);
  });
});

describe('AwsPreflightProbes against the simulator', () => {
  let sim: RunningSimulator;
  let probes: AwsPreflightProbes;

  beforeAll(async () => {
    sim = await startDemoSimulator();
    probes = new AwsPreflightProbes({
      clients: AwsClientFactory.fromConfig(
        simulatorConfig(sim.url, {
          fleetResilience: {
            aws: {
              endpoints: {
                config: sim.url,
                arc: sim.url,
                eks: sim.url,
                sts: sim.url,
              },
            },
          },
        }),
      ),
    });
  });
  afterAll(() => sim?.stop());

  it('tells who the account’s credentials act as (STS GetCallerIdentity)', async () => {
    await expect(
      probes.callerIdentity({ accountId: SHARED, region: 'eu-west-1' }),
    ).resolves.toMatchObject({
      arn: `arn:aws:iam::${SHARED}:user/fleet-simulator`,
      account: SHARED,
    });
  });

  it('finds a type through the aggregator per source account and region, and in an account’s own Config', async () => {
    const at = { accountId: AGGREGATOR.accountId, region: AGGREGATOR.region };
    const has = (
      resourceType: string,
      of?: { accountId: string; region: string },
    ) =>
      probes.hasConfigResource({
        at,
        resourceType,
        aggregatorName: AGGREGATOR.name,
        ...(of ? { of } : {}),
      });
    await expect(has('AWS::EKS::Cluster')).resolves.toBe(true);
    await expect(
      has('AWS::EC2::Subnet', { accountId: SHARED, region: 'us-west-2' }),
    ).resolves.toBe(true);
    // No account of the fleet is 999999999999.
    await expect(
      has('AWS::EC2::Subnet', {
        accountId: '999999999999',
        region: 'us-west-2',
      }),
    ).resolves.toBe(false);
    await expect(
      probes.hasConfigResource({
        at: { accountId: SHARED, region: 'us-east-1' },
        resourceType: 'AWS::EKS::Cluster',
      }),
    ).resolves.toBe(true);
  });

  it('throws the aggregator error AWS names', async () => {
    await expect(
      probes.hasConfigResource({
        at: { accountId: PROD, region: 'us-east-1' },
        resourceType: 'AWS::EKS::Cluster',
        aggregatorName: 'no-such-aggregator',
      }),
    ).rejects.toMatchObject({ name: 'NoSuchConfigurationAggregatorException' });
  });
});

describe('AwsPreflightProbes.callerIdentity errors', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.statusCode = 403;
      res.setHeader('content-type', 'text/xml');
      res.end(
        '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error><RequestId>r</RequestId></ErrorResponse>',
      );
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise(resolve => server.close(resolve)));

  it('throws STS’s error code, message and status', async () => {
    const probes = new AwsPreflightProbes({
      clients: {
        config: () => Promise.reject(new Error('unused')),
        credentials: async () => async () => ({
          accessKeyId: 'AKIAEXAMPLE',
          secretAccessKey: 'secret',
        }),
        stsEndpoint: () => url,
      },
    });
    const error = await probes
      .callerIdentity({ accountId: PROD, region: 'us-east-1' })
      .catch(e => e);
    expect(error).toBeInstanceOf(StsCallError);
    expect(error).toMatchObject({
      name: 'InvalidClientTokenId',
      message: 'The security token included in the request is invalid.',
      statusCode: 403,
    });
  });
});
