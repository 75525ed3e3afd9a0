/**
 * GetAggregateDiscoveredResourceCounts: the handler on the test fleet, and
 * through @aws-sdk/client-config-service over HTTP (paging, every refusal).
 */
import {
  ConfigServiceClient,
  GetAggregateDiscoveredResourceCountsCommand,
  paginateGetAggregateDiscoveredResourceCounts,
  type GetAggregateDiscoveredResourceCountsCommandInput,
} from '@aws-sdk/client-config-service';
import { startTestServer } from '../../__testUtils__/testServer';
import type { FleetModel } from '../../model/types';
import type { SimulatorServer } from '../../server';
import { AwsApiError } from '../common/errors';
import { parseJsonBody } from '../common/input';
import { AWS_JSON_1_1, jsonService } from '../common/protocols';
import {
  clientSettings,
  rejection,
  startAwsServer,
} from '../__testUtils__/harness';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  createTestFleet,
  LOAD_CLUSTERS,
} from '../__testUtils__/testFleet';
import {
  configurationItems,
  EC2_SUBNET,
  EKS_CLUSTER,
} from './configuration-items';
import { getAggregateDiscoveredResourceCounts } from './discovered-counts';
import { DEFAULT_AGGREGATOR } from './service';

const AGGREGATORS = new Set([DEFAULT_AGGREGATOR]);
/** Clusters per account and region of the test fleet. */
const CLUSTERS = {
  [`${ACCOUNT_A}/us-east-1`]: 3 + LOAD_CLUSTERS,
  [`${ACCOUNT_A}/eu-west-1`]: 1,
  [`${ACCOUNT_B}/us-east-1`]: 1,
  [`${ACCOUNT_B}/eu-west-1`]: 1,
};
const FLEET_CLUSTERS = Object.values(CLUSTERS).reduce((a, b) => a + b);
/** Three subnets per account and region. */
const FLEET_SUBNETS = 12;

function fleetItems(model: FleetModel) {
  return (types?: ReadonlySet<string>) =>
    configurationItems(model, 0, undefined, types);
}

/** The error a call throws (the test fails if it returns). */
function thrown(call: () => unknown): AwsApiError {
  try {
    call();
  } catch (error) {
    if (error instanceof AwsApiError) return error;
    throw error;
  }
  throw new Error('expected an AwsApiError');
}

describe('GetAggregateDiscoveredResourceCounts (the handler)', () => {
  const model = createTestFleet();
  const counts = (input: Record<string, unknown>, items = fleetItems(model)) =>
    getAggregateDiscoveredResourceCounts(
      { ConfigurationAggregatorName: DEFAULT_AGGREGATOR, ...input },
      items,
      AGGREGATORS,
    );

  it('counts the whole fleet, with an empty list and no key without GroupByKey', () => {
    expect(counts({})).toEqual({
      TotalDiscoveredResources: FLEET_CLUSTERS + FLEET_SUBNETS,
      GroupedResourceCounts: [],
    });
  });

  it('groups clusters by account, region or type, sorted by group name', () => {
    const byAccount = counts({
      Filters: { ResourceType: EKS_CLUSTER },
      GroupByKey: 'ACCOUNT_ID',
    });
    expect(byAccount).toEqual({
      TotalDiscoveredResources: FLEET_CLUSTERS,
      GroupByKey: 'ACCOUNT_ID',
      GroupedResourceCounts: [
        { GroupName: ACCOUNT_A, ResourceCount: FLEET_CLUSTERS - 2 },
        { GroupName: ACCOUNT_B, ResourceCount: 2 },
      ],
    });
    expect(
      counts({ GroupByKey: 'AWS_REGION', Filters: { AccountId: ACCOUNT_A } })
        .GroupedResourceCounts,
    ).toEqual([
      { GroupName: 'eu-west-1', ResourceCount: 1 + 3 },
      { GroupName: 'us-east-1', ResourceCount: 3 + LOAD_CLUSTERS + 3 },
    ]);
    expect(
      counts({ GroupByKey: 'RESOURCE_TYPE' }).GroupedResourceCounts,
    ).toEqual([
      { GroupName: EC2_SUBNET, ResourceCount: FLEET_SUBNETS },
      { GroupName: EKS_CLUSTER, ResourceCount: FLEET_CLUSTERS },
    ]);
  });

  it('applies every filter to the total', () => {
    expect(
      counts({
        Filters: {
          ResourceType: EKS_CLUSTER,
          AccountId: ACCOUNT_B,
          Region: 'eu-west-1',
        },
        GroupByKey: 'ACCOUNT_ID',
      }),
    ).toMatchObject({
      TotalDiscoveredResources: 1,
      GroupedResourceCounts: [{ GroupName: ACCOUNT_B, ResourceCount: 1 }],
    });
    // A type nobody has, an account outside the fleet: nothing, no groups.
    expect(
      counts({
        Filters: { ResourceType: 'AWS::S3::Bucket' },
        GroupByKey: 'ACCOUNT_ID',
      }),
    ).toEqual({
      TotalDiscoveredResources: 0,
      GroupByKey: 'ACCOUNT_ID',
      GroupedResourceCounts: [],
    });
    expect(
      counts({ Filters: { AccountId: '999999999999' } })
        .TotalDiscoveredResources,
    ).toBe(0);
  });

  it('asks only for the filtered type and leaves out what a recorder does not record', () => {
    const asked: Array<string[] | undefined> = [];
    const recordsOnlySubnets: FleetModel = {
      ...model,
      accounts: () =>
        model
          .accounts()
          .map(account =>
            account.accountId === ACCOUNT_B
              ? { ...account, recordedTypes: [EC2_SUBNET] }
              : account,
          ),
    };
    const items = (types?: ReadonlySet<string>) => {
      asked.push(types && [...types]);
      return fleetItems(recordsOnlySubnets)(types);
    };
    expect(
      counts(
        { Filters: { ResourceType: EKS_CLUSTER }, GroupByKey: 'ACCOUNT_ID' },
        items,
      ).GroupedResourceCounts,
    ).toEqual([{ GroupName: ACCOUNT_A, ResourceCount: FLEET_CLUSTERS - 2 }]);
    expect(asked).toEqual([[EKS_CLUSTER]]);
  });

  it('pages by Limit; the total is on every page', () => {
    const first = counts({ GroupByKey: 'RESOURCE_TYPE', Limit: 1 });
    expect(first.GroupedResourceCounts).toEqual([
      { GroupName: EC2_SUBNET, ResourceCount: FLEET_SUBNETS },
    ]);
    expect(first.NextToken).toEqual(expect.any(String));
    const second = counts({
      GroupByKey: 'RESOURCE_TYPE',
      Limit: 1,
      NextToken: first.NextToken,
    });
    expect(second).toEqual({
      TotalDiscoveredResources: FLEET_CLUSTERS + FLEET_SUBNETS,
      GroupByKey: 'RESOURCE_TYPE',
      GroupedResourceCounts: [
        { GroupName: EKS_CLUSTER, ResourceCount: FLEET_CLUSTERS },
      ],
    });
    // 0 is the default (1000): one page.
    expect(counts({ GroupByKey: 'RESOURCE_TYPE', Limit: 0 })).toMatchObject({
      GroupedResourceCounts: [{}, {}],
      NextToken: undefined,
    });
  });

  it('refuses a token of another request', () => {
    const first = counts({ GroupByKey: 'RESOURCE_TYPE', Limit: 1 });
    for (const other of [
      { GroupByKey: 'ACCOUNT_ID' },
      { GroupByKey: 'RESOURCE_TYPE', Filters: { Region: 'us-east-1' } },
    ]) {
      expect(
        thrown(() =>
          counts({ ...other, Limit: 1, NextToken: first.NextToken }),
        ),
      ).toMatchObject({ type: 'InvalidNextTokenException', status: 400 });
    }
  });
});

describe('GetAggregateDiscoveredResourceCounts through @aws-sdk/client-config-service', () => {
  let server: SimulatorServer;
  let config: ConfigServiceClient;
  const send = (
    input: Partial<GetAggregateDiscoveredResourceCountsCommandInput>,
  ) =>
    config.send(
      new GetAggregateDiscoveredResourceCountsCommand({
        ConfigurationAggregatorName: DEFAULT_AGGREGATOR,
        ...input,
      }),
    );

  beforeAll(async () => {
    const model = createTestFleet();
    // Only this operation, on AWS Config's protocol (service.ts wires it into the real service).
    server = await startTestServer({
      aws: [
        jsonService('config', AWS_JSON_1_1, request =>
          getAggregateDiscoveredResourceCounts(
            parseJsonBody(request.body),
            fleetItems(model),
            AGGREGATORS,
          ),
        ),
      ],
    });
    config = new ConfigServiceClient(clientSettings(server.url));
  });
  afterAll(async () => {
    config.destroy();
    await server.close();
  });

  it('pages through the groups with the SDK paginator', async () => {
    const pages = [];
    for await (const page of paginateGetAggregateDiscoveredResourceCounts(
      { client: config, pageSize: 1 },
      {
        ConfigurationAggregatorName: DEFAULT_AGGREGATOR,
        GroupByKey: 'AWS_REGION',
      },
    )) {
      pages.push(page);
    }
    expect(pages.map(page => page.GroupedResourceCounts)).toEqual([
      [{ GroupName: 'eu-west-1', ResourceCount: 2 + 6 }],
      [{ GroupName: 'us-east-1', ResourceCount: FLEET_CLUSTERS - 2 + 6 }],
    ]);
    expect(pages.map(page => page.TotalDiscoveredResources)).toEqual([
      FLEET_CLUSTERS + FLEET_SUBNETS,
      FLEET_CLUSTERS + FLEET_SUBNETS,
    ]);
    expect(pages[0].GroupByKey).toBe('AWS_REGION');
  });

  it('refuses each bad member with AWS Config’s error', async () => {
    const cases: Array<
      [
        Partial<GetAggregateDiscoveredResourceCountsCommandInput>,
        string,
        RegExp,
      ]
    > = [
      [
        { ConfigurationAggregatorName: '' },
        'ValidationException',
        /at 'configurationAggregatorName'.*length greater than or equal to 1/,
      ],
      [
        { ConfigurationAggregatorName: 'a'.repeat(257) },
        'ValidationException',
        /length less than or equal to 256/,
      ],
      [
        { ConfigurationAggregatorName: 'no spaces' },
        'ValidationException',
        /regular expression pattern: \[\\w\\-\]\+/,
      ],
      [
        { ConfigurationAggregatorName: 'other' },
        'NoSuchConfigurationAggregatorException',
        /'other' does not exist/,
      ],
      [
        { Filters: { AccountId: '1234' } },
        'ValidationException',
        /at 'filters.accountId'.*\\d\{12\}/,
      ],
      [
        { Filters: { Region: '' } },
        'ValidationException',
        /at 'filters.region'.*greater than or equal to 1/,
      ],
      [
        { Filters: { Region: 'r'.repeat(65) } },
        'ValidationException',
        /at 'filters.region'.*less than or equal to 64/,
      ],
      [
        { Filters: { ResourceType: 'EKS' as never } },
        'ValidationException',
        /at 'filters.resourceType'/,
      ],
      [
        { GroupByKey: 'CLUSTER' as never },
        'ValidationException',
        /at 'groupByKey'.*\[RESOURCE_TYPE, ACCOUNT_ID, AWS_REGION\]/,
      ],
      [
        { Limit: 1001 },
        'InvalidLimitException',
        /1001 is outside the allowable range \(0 to 1000\)/,
      ],
      [{ Limit: -1 }, 'InvalidLimitException', /-1 is outside/],
      [
        { NextToken: 'bm90LWEtdG9rZW4' },
        'InvalidNextTokenException',
        /next token is invalid/,
      ],
    ];
    for (const [input, name, message] of cases) {
      const error = await rejection(send(input));
      expect({
        input,
        name: error.name,
        status: error.$metadata.httpStatusCode,
      }).toEqual({
        input,
        name,
        status: 400,
      });
      expect(error.message).toMatch(message);
    }
  });
});

// NEEDS THE WIRING: passes once service.ts's operations map has the
// GetAggregateDiscoveredResourceCounts line (the lead adds it; see the S2 report).
describe('GetAggregateDiscoveredResourceCounts in the simulated AWS Config', () => {
  let server: SimulatorServer;
  let config: ConfigServiceClient;

  beforeAll(async () => {
    server = await startAwsServer(createTestFleet());
    config = new ConfigServiceClient(clientSettings(server.url));
  });
  afterAll(async () => {
    config.destroy();
    await server.close();
  });

  it('answers with the accounts that hold clusters', async () => {
    const output = await config.send(
      new GetAggregateDiscoveredResourceCountsCommand({
        ConfigurationAggregatorName: DEFAULT_AGGREGATOR,
        Filters: { ResourceType: 'AWS::EKS::Cluster' },
        GroupByKey: 'ACCOUNT_ID',
        Limit: 1000,
      }),
    );
    expect(output.TotalDiscoveredResources).toBe(FLEET_CLUSTERS);
    expect(output.GroupedResourceCounts).toEqual([
      { GroupName: ACCOUNT_A, ResourceCount: FLEET_CLUSTERS - 2 },
      { GroupName: ACCOUNT_B, ResourceCount: 2 },
    ]);
    expect(output.NextToken).toBeUndefined();
  });
});
