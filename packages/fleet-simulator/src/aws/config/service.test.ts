import {
  BatchGetResourceConfigCommand,
  ConfigServiceClient,
  ListDiscoveredResourcesCommand,
  paginateListDiscoveredResources,
  paginateSelectAggregateResourceConfig,
  paginateSelectResourceConfig,
  ResourceType,
  SelectAggregateResourceConfigCommand,
  SelectResourceConfigCommand,
} from '@aws-sdk/client-config-service';
import type { FleetModel } from '../../model/types';
import type { SimulatorServer } from '../../server';
import {
  clientSettings,
  dropSignature,
  rejection,
  signedFetch,
  startAwsServer,
  useAwsServer,
} from '../__testUtils__/harness';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  CREATED_AT,
  KEY_B,
  KEY_UNMAPPED,
  LOAD_CLUSTERS,
} from '../__testUtils__/testFleet';
import { DEFAULT_AGGREGATOR } from './service';

const CLUSTERS = "resourceType = 'AWS::EKS::Cluster'";
/** Clusters of account A in us-east-1: three named ones and the load clusters. */
const A_US_EAST_1 = 3 + LOAD_CLUSTERS;
/** Every cluster of the test fleet. */
const FLEET_CLUSTERS = A_US_EAST_1 + 3;

type Row = Record<string, unknown>;

describe('AWS Config emulator, through @aws-sdk/client-config-service', () => {
  const aws = useAwsServer();
  let model: FleetModel;
  let server: SimulatorServer;
  let config: ConfigServiceClient;

  const client = (accessKeyId?: string, region?: string) =>
    aws.client(ConfigServiceClient, accessKeyId, region);

  async function select(
    expression: string,
    on: ConfigServiceClient = config,
  ): Promise<Row[]> {
    const rows: Row[] = [];
    for await (const page of paginateSelectResourceConfig(
      { client: on },
      { Expression: expression, Limit: 100 },
    )) {
      rows.push(
        ...(page.Results ?? []).map(result => JSON.parse(result) as Row),
      );
    }
    return rows;
  }

  async function names(
    condition: string,
    on?: ConfigServiceClient,
  ): Promise<string[]> {
    const rows = await select(`SELECT resourceName WHERE ${condition}`, on);
    return rows.map(row => row.resourceName as string).sort();
  }

  beforeAll(() => {
    ({ model, server } = aws.started());
    config = client();
  });

  describe('SelectResourceConfig', () => {
    it('returns rows as JSON strings with the EKS cluster configuration of FACTS.md', async () => {
      const output = await config.send(
        new SelectResourceConfigCommand({
          Expression: `SELECT resourceId, resourceName, resourceType, accountId, awsRegion, arn, tags, configuration, configurationItemCaptureTime WHERE ${CLUSTERS} AND resourceName = 'payments-prod'`,
        }),
      );
      const cluster = model.cluster(
        `arn:aws:eks:us-east-1:${ACCOUNT_A}:cluster/payments-prod`,
      )!;
      expect(output.QueryInfo?.SelectFields?.map(f => f.Name)).toEqual([
        'resourceId',
        'resourceName',
        'resourceType',
        'accountId',
        'awsRegion',
        'arn',
        'tags',
        'configuration',
        'configurationItemCaptureTime',
      ]);
      expect(output.Results).toHaveLength(1);
      expect(output.NextToken).toBeUndefined();
      const row = JSON.parse(output.Results![0]);
      expect(row).toEqual({
        resourceId: 'payments-prod',
        resourceName: 'payments-prod',
        resourceType: 'AWS::EKS::Cluster',
        accountId: ACCOUNT_A,
        awsRegion: 'us-east-1',
        arn: cluster.arn,
        tags: [
          { key: 'team', value: 'payments' },
          { key: 'env', value: 'prod' },
        ],
        configuration: {
          Name: 'payments-prod',
          Arn: cluster.arn,
          Version: '1.33',
          ClusterStatus: 'ACTIVE',
          Endpoint: cluster.endpoint,
          RoleArn: cluster.roleArn,
          CertificateAuthorityData: cluster.certificateAuthorityData,
          OpenIdConnectIssuerUrl: expect.stringMatching(
            /^https:\/\/oidc\.eks\.us-east-1\.amazonaws\.com\/id\/[0-9A-F]{32}$/,
          ),
          KubernetesNetworkConfig: {
            IpFamily: 'ipv4',
            ServiceIpv4Cidr: expect.any(String),
          },
          ResourcesVpcConfig: {
            SubnetIds: cluster.subnetIds,
            SecurityGroupIds: cluster.securityGroupIds,
            EndpointPublicAccess: true,
            EndpointPrivateAccess: true,
          },
          Logging: expect.any(Object),
        },
        // The recorder started with the simulator, after the cluster was created.
        configurationItemCaptureTime: new Date(model.clock.now()).toISOString(),
      });
    });

    it('returns only the selected nested fields, nested as Config does', async () => {
      const [row] = await select(
        `SELECT resourceName, configuration.Endpoint, configuration.ResourcesVpcConfig.SubnetIds WHERE ${CLUSTERS} AND resourceName = 'search-prod'`,
      );
      const cluster = model.cluster(
        `arn:aws:eks:us-east-1:${ACCOUNT_A}:cluster/search-prod`,
      )!;
      expect(row).toEqual({
        resourceName: 'search-prod',
        configuration: {
          Endpoint: cluster.endpoint,
          ResourcesVpcConfig: { SubnetIds: cluster.subnetIds },
        },
      });
    });

    it('expands SELECT * to top-level scalars and leaves out absent ones', async () => {
      const rows = await select(
        "SELECT * WHERE resourceType = 'AWS::EC2::Subnet'",
      );
      expect(rows).toHaveLength(3);
      for (const row of rows) {
        expect(Object.keys(row).sort()).toEqual(
          [
            'accountId',
            'arn',
            'availabilityZone',
            'awsRegion',
            'configurationItemCaptureTime',
            'resourceId',
            'resourceType',
            'version',
          ].sort(),
        );
      }
    });

    it("sees the caller's account (named by the access key) in the caller's region only", async () => {
      const a = await select(
        `SELECT resourceName, accountId, awsRegion WHERE ${CLUSTERS}`,
      );
      expect(a).toHaveLength(A_US_EAST_1);
      expect(new Set(a.map(r => `${r.accountId}/${r.awsRegion}`))).toEqual(
        new Set([`${ACCOUNT_A}/us-east-1`]),
      );
      expect(await names(CLUSTERS, client(KEY_B))).toEqual(['batch-prod']);
      expect(await names(CLUSTERS, client(undefined, 'eu-west-1'))).toEqual([
        'web-eu',
      ]);
      expect(await names(CLUSTERS, client(KEY_B, 'eu-west-1'))).toEqual([
        'batch-eu',
      ]);
      expect(await names(CLUSTERS, client(KEY_UNMAPPED))).toHaveLength(
        A_US_EAST_1,
      );
    });

    describe('paging', () => {
      it('returns 25 rows per page by default (also for Limit 0) and continues with NextToken', async () => {
        const Expression = `SELECT resourceName WHERE ${CLUSTERS}`;
        for (const Limit of [undefined, 0]) {
          const first = await config.send(
            new SelectResourceConfigCommand({ Expression, Limit }),
          );
          expect(first.Results).toHaveLength(25);
          expect(first.NextToken).toEqual(expect.any(String));
          const second = await config.send(
            new SelectResourceConfigCommand({
              Expression,
              Limit,
              NextToken: first.NextToken,
            }),
          );
          expect(second.Results).toHaveLength(A_US_EAST_1 - 25);
          expect(second.NextToken).toBeUndefined();
          const all = [...first.Results!, ...second.Results!];
          expect(new Set(all).size).toBe(A_US_EAST_1);
        }
      });

      it('pages by Limit through the SDK paginator, every row exactly once, in a stable order', async () => {
        const sizes: number[] = [];
        const rows: string[] = [];
        for await (const page of paginateSelectResourceConfig(
          { client: config },
          { Expression: `SELECT resourceName WHERE ${CLUSTERS}`, Limit: 7 },
        )) {
          sizes.push(page.Results!.length);
          rows.push(...page.Results!.map(r => JSON.parse(r).resourceName));
        }
        expect(sizes).toEqual([7, 7, 7, 7, 2]);
        const expected = model
          .clusters()
          .filter(c => c.accountId === ACCOUNT_A && c.region === 'us-east-1')
          .map(c => c.name);
        expect(rows).toEqual(expected);
      });

      it('refuses a Limit outside 0..100 with InvalidLimitException', async () => {
        for (const Limit of [101, -1]) {
          const error = await rejection(
            config.send(
              new SelectResourceConfigCommand({
                Expression: `SELECT resourceId WHERE ${CLUSTERS}`,
                Limit,
              }),
            ),
          );
          expect(error.name).toBe('InvalidLimitException');
          expect(error.$metadata.httpStatusCode).toBe(400);
          expect(error.message).toMatch(/outside the allowable range/);
        }
      });

      it('refuses a NextToken from another expression, another account, or made up', async () => {
        const Expression = `SELECT resourceName WHERE ${CLUSTERS}`;
        const { NextToken } = await config.send(
          new SelectResourceConfigCommand({ Expression, Limit: 5 }),
        );
        const attempts = [
          () =>
            config.send(
              new SelectResourceConfigCommand({
                Expression: `SELECT resourceId WHERE ${CLUSTERS}`,
                NextToken,
              }),
            ),
          () =>
            client(KEY_B).send(
              new SelectResourceConfigCommand({ Expression, NextToken }),
            ),
          () =>
            config.send(
              new SelectResourceConfigCommand({
                Expression,
                NextToken: 'garbage',
              }),
            ),
          () =>
            config.send(
              new SelectResourceConfigCommand({
                Expression,
                NextToken: Buffer.from('5.forged').toString('base64url'),
              }),
            ),
        ];
        for (const attempt of attempts) {
          const error = await rejection(attempt());
          expect(error.name).toBe('InvalidNextTokenException');
          expect(error.$metadata.httpStatusCode).toBe(400);
          expect(error.message).toMatch(/next token is invalid/);
        }
      });
    });

    describe('conditions', () => {
      it.each<[string, string[]]>([
        ["tags.tag = 'team=payments'", ['payments-prod', 'payments-staging']],
        ["tags.key = 'owner'", ['search-prod']],
        [
          "tags.tag = 'team=payments' AND tags.tag = 'env=prod'",
          ['payments-prod'],
        ],
        [
          "tags.value = 'prod' AND NOT tags.tag = 'team=payments'",
          ['search-prod'],
        ],
        [
          "resourceName IN ('search-prod', 'web-eu', 'batch-prod')",
          ['search-prod'],
        ],
        [
          "resourceName LIKE 'payments%'",
          ['payments-prod', 'payments-staging'],
        ],
        [
          "resourceName LIKE 'load-0_'",
          Array.from({ length: 9 }, (_, i) => `load-0${i + 1}`),
        ],
        [
          `${CLUSTERS} AND (resourceName = 'search-prod' OR tags.tag = 'env=staging')`,
          ['payments-staging', 'search-prod'],
        ],
        [`accountId = '${ACCOUNT_B}'`, []],
        ["configuration.Version = '1.32'", ['payments-staging']],
        ["resourceType IN ('AWS::EC2::Instance')", []],
      ])('WHERE %s', async (condition, expected) => {
        expect(await names(condition)).toEqual(expected);
      });

      it('matches an escaped quote exactly and never widens the result through a value', async () => {
        expect(await names("tags.tag = 'owner=o''reilly'")).toEqual([
          'search-prod',
        ]);
        expect(
          await names(
            "resourceName = 'nothing'' OR resourceType = ''AWS::EKS::Cluster'",
          ),
        ).toEqual([]);
        expect(await names("tags.tag = 'team=x'' OR ''1''=''1'")).toEqual([]);
        expect(
          await names(
            "resourceName LIKE 'nothing'' OR resourceName LIKE ''pay%'",
          ),
        ).toEqual([]);
      });

      it('refuses an unescaped quote or statement tricks with InvalidExpressionException', async () => {
        for (const condition of [
          "tags.tag = 'owner=o'reilly'",
          "resourceName = 'x'; SELECT arn",
          "resourceName = 'x' -- '",
          "resourceName = 'x' OR '1' = '1'",
        ]) {
          const error = await rejection(
            config.send(
              new SelectResourceConfigCommand({
                Expression: `SELECT resourceId WHERE ${condition}`,
              }),
            ),
          );
          expect(error.name).toBe('InvalidExpressionException');
          expect(error.$metadata.httpStatusCode).toBe(400);
        }
      });
    });

    it('explains what is wrong with an invalid expression', async () => {
      const cases: Array<[string, RegExp]> = [
        [
          `SELECT resourceId FROM resources WHERE ${CLUSTERS}`,
          /no FROM clause/,
        ],
        [
          "SELECT resourceId WHERE resourceName LIKE '%prod'",
          /only suffix wildcards/,
        ],
        ['SELECT DISTINCT resourceType', /DISTINCT/],
        ['SELECT resourceId WHERE', /Expected a property/],
        ['SELECT nosuchfield', /Unknown property 'nosuchfield'/],
      ];
      for (const [Expression, message] of cases) {
        const error = await rejection(
          config.send(new SelectResourceConfigCommand({ Expression })),
        );
        expect(error.name).toBe('InvalidExpressionException');
        expect(error.message).toMatch(message);
      }
    });

    it('refuses an expression over 4096 characters or empty with ValidationException', async () => {
      const long = `SELECT resourceId WHERE resourceName = '${'x'.repeat(
        4096,
      )}'`;
      for (const Expression of [long, '']) {
        const error = await rejection(
          config.send(new SelectResourceConfigCommand({ Expression })),
        );
        expect(error.name).toBe('ValidationException');
        expect(error.$metadata.httpStatusCode).toBe(400);
        expect(error.message).toMatch(
          /1 validation error detected: .* at 'expression'/,
        );
      }
      const atLimit = `SELECT resourceId WHERE resourceName = '${'x'.repeat(
        4096 - 41,
      )}'`;
      expect(atLimit.length).toBe(4096);
      await expect(
        config.send(new SelectResourceConfigCommand({ Expression: atLimit })),
      ).resolves.toMatchObject({
        Results: [],
      });
    });
  });

  describe('SelectAggregateResourceConfig', () => {
    it('covers every account and region of the fleet, page by page', async () => {
      const rows: Row[] = [];
      const sizes: number[] = [];
      for await (const page of paginateSelectAggregateResourceConfig(
        { client: config },
        {
          ConfigurationAggregatorName: DEFAULT_AGGREGATOR,
          Expression: `SELECT resourceName, accountId, awsRegion WHERE ${CLUSTERS}`,
          Limit: 10,
        },
      )) {
        sizes.push(page.Results!.length);
        rows.push(...page.Results!.map(r => JSON.parse(r) as Row));
      }
      expect(sizes).toEqual([10, 10, 10, 3]);
      expect(rows).toHaveLength(FLEET_CLUSTERS);
      expect(new Set(rows.map(r => `${r.accountId}/${r.awsRegion}`))).toEqual(
        new Set([
          `${ACCOUNT_A}/us-east-1`,
          `${ACCOUNT_A}/eu-west-1`,
          `${ACCOUNT_B}/us-east-1`,
          `${ACCOUNT_B}/eu-west-1`,
        ]),
      );
      expect(rows.map(r => r.resourceName)).toEqual(
        model.clusters().map(c => c.name),
      );
    });

    it('takes MaxResults as the page size when Limit is absent, Limit when both are set', async () => {
      const Expression = `SELECT resourceName WHERE ${CLUSTERS}`;
      const ConfigurationAggregatorName = DEFAULT_AGGREGATOR;
      const byMax = await config.send(
        new SelectAggregateResourceConfigCommand({
          ConfigurationAggregatorName,
          Expression,
          MaxResults: 4,
        }),
      );
      expect(byMax.Results).toHaveLength(4);
      const byLimit = await config.send(
        new SelectAggregateResourceConfigCommand({
          ConfigurationAggregatorName,
          Expression,
          MaxResults: 4,
          Limit: 6,
        }),
      );
      expect(byLimit.Results).toHaveLength(6);
      const error = await rejection(
        config.send(
          new SelectAggregateResourceConfigCommand({
            ConfigurationAggregatorName,
            Expression,
            MaxResults: 101,
          }),
        ),
      );
      expect(error.name).toBe('InvalidLimitException');
    });

    it("gives subnets' AZ name and ID per account: the name<->ID map differs between accounts", async () => {
      const output = await config.send(
        new SelectAggregateResourceConfigCommand({
          ConfigurationAggregatorName: DEFAULT_AGGREGATOR,
          Expression:
            "SELECT resourceId, accountId, availabilityZone, configuration.availabilityZone, configuration.availabilityZoneId, configuration.subnetId, configuration.vpcId WHERE resourceType = 'AWS::EC2::Subnet' AND awsRegion = 'us-east-1'",
          Limit: 100,
        }),
      );
      const rows = output.Results!.map(r => JSON.parse(r) as Row);
      expect(rows).toHaveLength(6);
      const idOf = (accountId: string, zone: string) =>
        rows.find(r => r.accountId === accountId && r.availabilityZone === zone)
          ?.configuration;
      expect(idOf(ACCOUNT_A, 'us-east-1a')).toEqual({
        availabilityZone: 'us-east-1a',
        availabilityZoneId: 'use1-az1',
        subnetId: expect.stringMatching(/^subnet-/),
        vpcId: expect.stringMatching(/^vpc-/),
      });
      expect(idOf(ACCOUNT_B, 'us-east-1a')).toMatchObject({
        availabilityZoneId: 'use1-az2',
      });
    });

    it('refuses an unknown aggregator with NoSuchConfigurationAggregatorException', async () => {
      const error = await rejection(
        config.send(
          new SelectAggregateResourceConfigCommand({
            ConfigurationAggregatorName: 'someone-elses',
            Expression: `SELECT resourceId WHERE ${CLUSTERS}`,
          }),
        ),
      );
      expect(error.name).toBe('NoSuchConfigurationAggregatorException');
      expect(error.$metadata.httpStatusCode).toBe(400);
      expect(error.message).toMatch(/someone-elses/);
    });

    it('does not accept its page tokens in SelectResourceConfig', async () => {
      const Expression = `SELECT resourceName WHERE ${CLUSTERS}`;
      const { NextToken } = await config.send(
        new SelectAggregateResourceConfigCommand({
          ConfigurationAggregatorName: DEFAULT_AGGREGATOR,
          Expression,
          Limit: 3,
        }),
      );
      const error = await rejection(
        config.send(new SelectResourceConfigCommand({ Expression, NextToken })),
      );
      expect(error.name).toBe('InvalidNextTokenException');
    });

    it('serves the aggregator names it is given', async () => {
      const custom = await startAwsServer(model, {
        aggregatorNames: ['org-aggregator'],
      });
      const other = new ConfigServiceClient(clientSettings(custom.url));
      try {
        const Expression = `SELECT resourceName WHERE ${CLUSTERS}`;
        const ok = await other.send(
          new SelectAggregateResourceConfigCommand({
            ConfigurationAggregatorName: 'org-aggregator',
            Expression,
            Limit: 100,
          }),
        );
        expect(ok.Results).toHaveLength(FLEET_CLUSTERS);
        const error = await rejection(
          other.send(
            new SelectAggregateResourceConfigCommand({
              ConfigurationAggregatorName: DEFAULT_AGGREGATOR,
              Expression,
            }),
          ),
        );
        expect(error.name).toBe('NoSuchConfigurationAggregatorException');
      } finally {
        other.destroy();
        await custom.close();
      }
    });
  });

  describe('ListDiscoveredResources', () => {
    it("lists the caller's resources of one type, page by page with camelCase members", async () => {
      const sizes: number[] = [];
      const identifiers = [];
      for await (const page of paginateListDiscoveredResources(
        { client: config },
        { resourceType: 'AWS::EKS::Cluster', limit: 8 },
      )) {
        sizes.push(page.resourceIdentifiers!.length);
        identifiers.push(...page.resourceIdentifiers!);
      }
      expect(sizes).toEqual([8, 8, 8, 6]);
      expect(identifiers[0]).toEqual({
        resourceType: 'AWS::EKS::Cluster',
        resourceId: 'payments-prod',
        resourceName: 'payments-prod',
      });
      expect(new Set(identifiers.map(i => i.resourceId)).size).toBe(
        A_US_EAST_1,
      );
      const subnets = await client(KEY_B).send(
        new ListDiscoveredResourcesCommand({
          resourceType: 'AWS::EC2::Subnet',
        }),
      );
      expect(subnets.resourceIdentifiers?.map(i => i.resourceId)).toEqual(
        model
          .subnets()
          .filter(s => s.accountId === ACCOUNT_B && s.region === 'us-east-1')
          .map(s => s.subnetId),
      );
      expect(subnets.nextToken).toBeUndefined();
    });

    it('filters by resource IDs or by name, within the caller scope', async () => {
      const byIds = await config.send(
        new ListDiscoveredResourcesCommand({
          resourceType: 'AWS::EKS::Cluster',
          resourceIds: ['search-prod', 'web-eu', 'batch-prod'],
        }),
      );
      expect(byIds.resourceIdentifiers?.map(i => i.resourceId)).toEqual([
        'search-prod',
      ]);
      const byName = await config.send(
        new ListDiscoveredResourcesCommand({
          resourceType: 'AWS::EKS::Cluster',
          resourceName: 'payments-staging',
        }),
      );
      expect(byName.resourceIdentifiers?.map(i => i.resourceId)).toEqual([
        'payments-staging',
      ]);
    });

    it('answers bad requests with the errors Config gives', async () => {
      const cases: Array<[ListDiscoveredResourcesCommand, string]> = [
        [
          new ListDiscoveredResourcesCommand({
            resourceType: 'AWS::EKS::Cluster',
            resourceIds: ['a'],
            resourceName: 'a',
          }),
          'ValidationException',
        ],
        [
          new ListDiscoveredResourcesCommand({
            resourceType: 'AWS::EKS::Cluster',
            resourceIds: Array.from({ length: 21 }, (_, i) => `c${i}`),
          }),
          'ValidationException',
        ],
        [
          new ListDiscoveredResourcesCommand({
            resourceType: 'EKS Cluster' as ResourceType,
          }),
          'ValidationException',
        ],
        [
          new ListDiscoveredResourcesCommand({
            resourceType: 'AWS::EKS::Cluster',
            limit: 101,
          }),
          'InvalidLimitException',
        ],
        [
          new ListDiscoveredResourcesCommand({
            resourceType: 'AWS::EKS::Cluster',
            nextToken: 'nope',
          }),
          'InvalidNextTokenException',
        ],
      ];
      for (const [command, name] of cases) {
        const error = await rejection(config.send(command));
        expect(error.name).toBe(name);
        expect(error.$metadata.httpStatusCode).toBe(400);
      }
    });

    it('binds its page token to the request it continues', async () => {
      const { nextToken } = await config.send(
        new ListDiscoveredResourcesCommand({
          resourceType: 'AWS::EKS::Cluster',
          limit: 2,
        }),
      );
      expect(nextToken).toEqual(expect.any(String));
      const continued = await config.send(
        new ListDiscoveredResourcesCommand({
          resourceType: 'AWS::EKS::Cluster',
          limit: 2,
          nextToken,
        }),
      );
      expect(continued.resourceIdentifiers?.map(i => i.resourceId)).toEqual([
        'search-prod',
        'load-01',
      ]);
      const error = await rejection(
        config.send(
          new ListDiscoveredResourcesCommand({
            resourceType: 'AWS::EC2::Subnet',
            nextToken,
          }),
        ),
      );
      expect(error.name).toBe('InvalidNextTokenException');
    });
  });

  describe('BatchGetResourceConfig', () => {
    it('returns BaseConfigurationItems with a JSON-string configuration, skipping unknown keys', async () => {
      const subnet = model
        .subnets()
        .find(s => s.accountId === ACCOUNT_A && s.region === 'us-east-1')!;
      const output = await config.send(
        new BatchGetResourceConfigCommand({
          resourceKeys: [
            { resourceType: 'AWS::EKS::Cluster', resourceId: 'payments-prod' },
            {
              resourceType: 'AWS::EKS::Cluster',
              resourceId: 'no-such-cluster',
            },
            { resourceType: 'AWS::EKS::Cluster', resourceId: 'batch-prod' },
            { resourceType: 'AWS::EC2::Subnet', resourceId: subnet.subnetId },
          ],
        }),
      );
      expect(output.unprocessedResourceKeys).toEqual([]);
      expect(output.baseConfigurationItems).toHaveLength(2);
      const [cluster, subnetItem] = output.baseConfigurationItems!;
      expect(cluster).toMatchObject({
        accountId: ACCOUNT_A,
        awsRegion: 'us-east-1',
        resourceType: 'AWS::EKS::Cluster',
        resourceId: 'payments-prod',
        resourceName: 'payments-prod',
        arn: `arn:aws:eks:us-east-1:${ACCOUNT_A}:cluster/payments-prod`,
        configurationItemStatus: 'ResourceDiscovered',
        configurationItemCaptureTime: new Date(model.clock.now()),
        resourceCreationTime: new Date(CREATED_AT),
      });
      expect(typeof cluster.configuration).toBe('string');
      expect(JSON.parse(cluster.configuration!)).toMatchObject({
        Name: 'payments-prod',
        ClusterStatus: 'ACTIVE',
        ResourcesVpcConfig: { EndpointPublicAccess: true },
      });
      expect(JSON.parse(subnetItem.configuration!)).toMatchObject({
        subnetId: subnet.subnetId,
        availabilityZone: subnet.zone.name,
        availabilityZoneId: subnet.zone.id,
      });
      expect(subnetItem.availabilityZone).toBe(subnet.zone.name);
    });

    it('takes 1 to 100 keys', async () => {
      const key = {
        resourceType: 'AWS::EKS::Cluster' as const,
        resourceId: 'payments-prod',
      };
      for (const resourceKeys of [[], Array.from({ length: 101 }, () => key)]) {
        const error = await rejection(
          config.send(new BatchGetResourceConfigCommand({ resourceKeys })),
        );
        expect(error.name).toBe('ValidationException');
        expect(error.$metadata.httpStatusCode).toBe(400);
      }
      const hundred = await config.send(
        new BatchGetResourceConfigCommand({
          resourceKeys: Array.from({ length: 100 }, () => key),
        }),
      );
      expect(hundred.baseConfigurationItems).toHaveLength(100);
    });
  });

  describe('protocol errors', () => {
    it('answers a request without a signature with 403 MissingAuthenticationTokenException', async () => {
      const unsigned = client();
      dropSignature(unsigned);
      const error = await rejection(
        unsigned.send(
          new SelectResourceConfigCommand({
            Expression: `SELECT resourceId WHERE ${CLUSTERS}`,
          }),
        ),
      );
      expect(error.name).toBe('MissingAuthenticationTokenException');
      expect(error.$metadata.httpStatusCode).toBe(403);
    });

    it('answers an unknown X-Amz-Target with UnknownOperationException', async () => {
      const response = await signedFetch(server.url, 'config', {
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': 'StarlingDoveService.DeleteConfigRule',
        },
        body: '{}',
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        __type: 'UnknownOperationException',
      });
    });

    it('answers malformed JSON or wrongly typed members with SerializationException', async () => {
      for (const body of ['{"Expression": ', '{"Expression": 42}', '[1]']) {
        const response = await signedFetch(server.url, 'config', {
          headers: {
            'content-type': 'application/x-amz-json-1.1',
            'x-amz-target': 'StarlingDoveService.SelectResourceConfig',
          },
          body,
        });
        expect(response.status).toBe(400);
        expect(response.headers.get('content-type')).toBe(
          'application/x-amz-json-1.1',
        );
        expect(await response.json()).toMatchObject({
          __type: 'SerializationException',
        });
      }
    });
  });
});
