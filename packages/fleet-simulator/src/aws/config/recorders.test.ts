/**
 * Per-account Config recorders through the real SDK client: what an account
 * does not record is absent from every query, and the recorder describes
 * itself as AWS Config describes one.
 */
import {
  BatchGetResourceConfigCommand,
  ConfigServiceClient,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  ListDiscoveredResourcesCommand,
  SelectAggregateResourceConfigCommand,
  SelectResourceConfigCommand,
} from '@aws-sdk/client-config-service';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  accessFleet,
} from '../../__testUtils__/accessFleet';
import { rejectionOf } from '../../__testUtils__/rejection';
import { startSimulator, type RunningSimulator } from '../../simulator';

describe('AWS Config recorders', () => {
  let sim: RunningSimulator;
  const clients: ConfigServiceClient[] = [];
  const config = (accountId: string, region = 'us-east-1') => {
    const client = new ConfigServiceClient({
      ...sim.clientSettings({ accountId, region }),
      maxAttempts: 1,
    });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    const fleet = accessFleet();
    fleet.accounts[1].configRecorder = { resourceTypes: ['AWS::EKS::Cluster'] };
    sim = await startSimulator({ fleet });
  });
  afterAll(async () => {
    clients.forEach(client => client.destroy());
    await sim.stop();
  });

  it('leaves what an account does not record out of every query', async () => {
    const subnetsOf = (accountId: string) =>
      sim.model
        .subnets()
        .filter(subnet => subnet.accountId === accountId)
        .map(subnet => subnet.subnetId);
    expect(subnetsOf(ACCOUNT_B)).toHaveLength(2);

    const aggregate = await config(ACCOUNT_A).send(
      new SelectAggregateResourceConfigCommand({
        ConfigurationAggregatorName: 'fleet-aggregator',
        Expression:
          "SELECT resourceId, accountId, resourceType WHERE resourceType IN ('AWS::EC2::Subnet', 'AWS::EKS::Cluster')",
        Limit: 100,
      }),
    );
    const rows = (aggregate.Results ?? []).map(row => JSON.parse(row));
    expect(rows.filter(row => row.resourceType === 'AWS::EC2::Subnet')).toEqual(
      subnetsOf(ACCOUNT_A).map(resourceId =>
        expect.objectContaining({ resourceId, accountId: ACCOUNT_A }),
      ),
    );
    expect(
      rows.filter(row => row.resourceType === 'AWS::EKS::Cluster'),
    ).toHaveLength(2);

    const b = config(ACCOUNT_B);
    const select = await b.send(
      new SelectResourceConfigCommand({
        Expression: "SELECT resourceId WHERE resourceType = 'AWS::EC2::Subnet'",
      }),
    );
    expect(select.Results).toEqual([]);
    const listed = await b.send(
      new ListDiscoveredResourcesCommand({ resourceType: 'AWS::EC2::Subnet' }),
    );
    expect(listed.resourceIdentifiers).toEqual([]);
    const batch = await b.send(
      new BatchGetResourceConfigCommand({
        resourceKeys: subnetsOf(ACCOUNT_B).map(resourceId => ({
          resourceType: 'AWS::EC2::Subnet',
          resourceId,
        })),
      }),
    );
    expect(batch.baseConfigurationItems).toEqual([]);
    const clusters = await b.send(
      new ListDiscoveredResourcesCommand({ resourceType: 'AWS::EKS::Cluster' }),
    );
    expect(clusters.resourceIdentifiers?.map(r => r.resourceName)).toEqual([
      'beta',
    ]);
  });

  it('describes each account’s recorder and its status', async () => {
    const all = await config(ACCOUNT_A).send(
      new DescribeConfigurationRecordersCommand({}),
    );
    expect(all.ConfigurationRecorders).toEqual([
      {
        arn: expect.stringMatching(
          new RegExp(
            `^arn:aws:config:us-east-1:${ACCOUNT_A}:configuration-recorder/default/[0-9a-f]{16}$`,
          ),
        ),
        name: 'default',
        roleARN: `arn:aws:iam::${ACCOUNT_A}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
        recordingGroup: {
          allSupported: true,
          includeGlobalResourceTypes: false,
          resourceTypes: [],
          exclusionByResourceTypes: { resourceTypes: [] },
          recordingStrategy: { useOnly: 'ALL_SUPPORTED_RESOURCE_TYPES' },
        },
        recordingMode: {
          recordingFrequency: 'CONTINUOUS',
          recordingModeOverrides: [],
        },
        recordingScope: 'PAID',
      },
    ]);
    const some = await config(ACCOUNT_B).send(
      new DescribeConfigurationRecordersCommand({
        ConfigurationRecorderNames: ['default'],
      }),
    );
    expect(some.ConfigurationRecorders?.[0].recordingGroup).toEqual({
      allSupported: false,
      includeGlobalResourceTypes: false,
      resourceTypes: ['AWS::EKS::Cluster'],
      exclusionByResourceTypes: { resourceTypes: [] },
      recordingStrategy: { useOnly: 'INCLUSION_BY_RESOURCE_TYPES' },
    });
    const status = await config(ACCOUNT_B).send(
      new DescribeConfigurationRecorderStatusCommand({}),
    );
    expect(status.ConfigurationRecordersStatus).toEqual([
      expect.objectContaining({
        name: 'default',
        recording: true,
        lastStatus: 'Success',
        lastStartTime: expect.any(Date),
      }),
    ]);
    // No zones (so no recorder) in that region.
    expect(
      (
        await config(ACCOUNT_B, 'eu-west-1').send(
          new DescribeConfigurationRecorderStatusCommand({}),
        )
      ).ConfigurationRecordersStatus,
    ).toEqual([]);
    expect(
      await rejectionOf(
        config(ACCOUNT_A).send(
          new DescribeConfigurationRecordersCommand({
            ConfigurationRecorderNames: ['other'],
          }),
        ),
      ),
    ).toMatchObject({
      name: 'NoSuchConfigurationRecorderException',
      message:
        "Cannot find configuration recorder with the specified name 'other'.",
    });
  });
});
