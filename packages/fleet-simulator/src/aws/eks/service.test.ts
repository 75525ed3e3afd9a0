import {
  DescribeClusterCommand,
  EKSClient,
  ListClustersCommand,
  paginateListClusters,
} from '@aws-sdk/client-eks';
import {
  ConfigServiceClient,
  SelectResourceConfigCommand,
} from '@aws-sdk/client-config-service';
import type { FleetModel } from '../../model/types';
import type { SimulatorServer } from '../../server';
import {
  dropSignature,
  rejection,
  signedFetch,
  useAwsServer,
} from '../__testUtils__/harness';
import {
  ACCOUNT_A,
  CREATED_AT,
  KEY_B,
  LOAD_CLUSTERS,
} from '../__testUtils__/testFleet';

describe('EKS emulator, through @aws-sdk/client-eks', () => {
  const aws = useAwsServer();
  let model: FleetModel;
  let server: SimulatorServer;
  let eks: EKSClient;

  const client = (accessKeyId?: string, region?: string) =>
    aws.client(EKSClient, accessKeyId, region);

  beforeAll(() => {
    ({ model, server } = aws.started());
    eks = client();
  });

  describe('DescribeCluster', () => {
    it('describes a cluster of the caller with zonalShiftConfig and its Kubernetes endpoint', async () => {
      const arn = `arn:aws:eks:us-east-1:${ACCOUNT_A}:cluster/payments-prod`;
      const simulated = model.cluster(arn)!;
      const { cluster } = await eks.send(
        new DescribeClusterCommand({ name: 'payments-prod' }),
      );
      const vpcId = model
        .subnets()
        .find(s => s.subnetId === simulated.subnetIds[0])!.vpcId;
      expect(cluster).toMatchObject({
        name: 'payments-prod',
        arn,
        createdAt: new Date(CREATED_AT),
        version: '1.33',
        endpoint: simulated.endpoint,
        roleArn: simulated.roleArn,
        status: 'ACTIVE',
        certificateAuthority: { data: simulated.certificateAuthorityData },
        platformVersion: expect.stringMatching(/^eks\.\d+$/),
        tags: { team: 'payments', env: 'prod' },
        zonalShiftConfig: { enabled: true },
        accessConfig: { authenticationMode: expect.any(String) },
        kubernetesNetworkConfig: {
          ipFamily: 'ipv4',
          serviceIpv4Cidr: expect.any(String),
        },
        resourcesVpcConfig: {
          subnetIds: simulated.subnetIds,
          securityGroupIds: simulated.securityGroupIds,
          clusterSecurityGroupId: expect.stringMatching(/^sg-[0-9a-f]{17}$/),
          vpcId,
          endpointPublicAccess: true,
          endpointPrivateAccess: true,
        },
        identity: {
          oidc: {
            issuer: expect.stringMatching(
              /^https:\/\/oidc\.eks\.us-east-1\.amazonaws\.com\/id\/[0-9A-F]{32}$/,
            ),
          },
        },
      });
    });

    it('reports zonalShiftConfig.enabled as the model has it', async () => {
      const { cluster } = await eks.send(
        new DescribeClusterCommand({ name: 'payments-staging' }),
      );
      expect(cluster?.zonalShiftConfig).toEqual({ enabled: false });
      expect(cluster?.version).toBe('1.32');
    });

    it('agrees with AWS Config on the facts both report', async () => {
      const config = aws.client(ConfigServiceClient);
      const { Results } = await config.send(
        new SelectResourceConfigCommand({
          Expression:
            "SELECT configuration WHERE resourceType = 'AWS::EKS::Cluster' AND resourceName = 'search-prod'",
        }),
      );
      const fromConfig = JSON.parse(Results![0]).configuration;
      const { cluster } = await eks.send(
        new DescribeClusterCommand({ name: 'search-prod' }),
      );
      expect(cluster?.identity?.oidc?.issuer).toBe(
        fromConfig.OpenIdConnectIssuerUrl,
      );
      expect(cluster?.endpoint).toBe(fromConfig.Endpoint);
      expect(cluster?.kubernetesNetworkConfig?.serviceIpv4Cidr).toBe(
        fromConfig.KubernetesNetworkConfig.ServiceIpv4Cidr,
      );
      expect(cluster?.resourcesVpcConfig?.subnetIds).toEqual(
        fromConfig.ResourcesVpcConfig.SubnetIds,
      );
    });

    it("finds clusters only in the caller's account and region: others are ResourceNotFoundException 404", async () => {
      const cases: Array<[EKSClient, string]> = [
        [eks, 'no-such-cluster'],
        [eks, 'batch-prod'], // account B
        [eks, 'web-eu'], // eu-west-1
        [client(KEY_B), 'payments-prod'],
      ];
      for (const [on, name] of cases) {
        const error = await rejection(
          on.send(new DescribeClusterCommand({ name })),
        );
        expect(error.name).toBe('ResourceNotFoundException');
        expect(error.$metadata.httpStatusCode).toBe(404);
        expect(error.message).toBe(`No cluster found for name: ${name}.`);
      }
      await expect(
        client(KEY_B).send(new DescribeClusterCommand({ name: 'batch-prod' })),
      ).resolves.toMatchObject({ cluster: { name: 'batch-prod' } });
      await expect(
        client(undefined, 'eu-west-1').send(
          new DescribeClusterCommand({ name: 'web-eu' }),
        ),
      ).resolves.toMatchObject({ cluster: { name: 'web-eu' } });
    });
  });

  describe('ListClusters', () => {
    it('lists the caller account and region clusters, page by page', async () => {
      const sizes: number[] = [];
      const names: string[] = [];
      for await (const page of paginateListClusters(
        { client: eks },
        { maxResults: 8 },
      )) {
        sizes.push(page.clusters!.length);
        names.push(...page.clusters!);
      }
      expect(sizes).toEqual([8, 8, 8, 6]);
      expect(names).toEqual(
        model
          .clusters()
          .filter(c => c.accountId === ACCOUNT_A && c.region === 'us-east-1')
          .map(c => c.name),
      );
      const all = await eks.send(new ListClustersCommand({}));
      expect(all.clusters).toHaveLength(3 + LOAD_CLUSTERS);
      expect(all.nextToken).toBeUndefined();
      const b = await client(KEY_B, 'eu-west-1').send(
        new ListClustersCommand({}),
      );
      expect(b.clusters).toEqual(['batch-eu']);
    });

    it('refuses maxResults outside 1..100 and foreign page tokens with InvalidParameterException', async () => {
      const { nextToken } = await eks.send(
        new ListClustersCommand({ maxResults: 2 }),
      );
      const commands = [
        new ListClustersCommand({ maxResults: 0 }),
        new ListClustersCommand({ maxResults: 101 }),
        new ListClustersCommand({ nextToken: 'not-a-token' }),
      ];
      for (const command of commands) {
        const error = await rejection(eks.send(command));
        expect(error.name).toBe('InvalidParameterException');
        expect(error.$metadata.httpStatusCode).toBe(400);
      }
      const foreign = await rejection(
        client(KEY_B).send(new ListClustersCommand({ nextToken })),
      );
      expect(foreign.name).toBe('InvalidParameterException');
    });
  });

  it('answers a request without a signature with 403', async () => {
    const unsigned = client();
    dropSignature(unsigned);
    const error = await rejection(
      unsigned.send(new DescribeClusterCommand({ name: 'payments-prod' })),
    );
    expect(error.name).toBe('MissingAuthenticationTokenException');
    expect(error.$metadata.httpStatusCode).toBe(403);
  });

  it('answers a path it does not serve with 404 UnknownOperationException', async () => {
    const response = await signedFetch(
      `${server.url}/clusters/payments-prod/node-groups`,
      'eks',
      { method: 'GET' },
    );
    expect(response.status).toBe(404);
    expect(response.headers.get('x-amzn-errortype')).toBe(
      'UnknownOperationException',
    );
    const malformed = await signedFetch(
      `${server.url}/clusters/%E0%A4%A`,
      'eks',
      {
        method: 'GET',
      },
    );
    expect(malformed.status).toBe(404);
    expect(malformed.headers.get('x-amzn-errortype')).toBe(
      'ResourceNotFoundException',
    );
  });
});
