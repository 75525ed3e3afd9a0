import {
  ConfigServiceClient,
  paginateSelectAggregateResourceConfig,
} from '@aws-sdk/client-config-service';
import { DescribeClusterCommand, EKSClient } from '@aws-sdk/client-eks';
import {
  ListAppInputSourcesCommand,
  ListAppsCommand,
  ResiliencehubClient,
} from '@aws-sdk/client-resiliencehub';
import { resolve } from 'node:path';
import {
  RunningSimulator,
  SIMULATOR_KUBE_TOKEN,
  startSimulator,
} from '../simulator';
import { DEFAULT_AGGREGATOR } from './config';

/**
 * The AWS emulators over the real fleet model (the demo fleet), as the
 * suite's ingestion reads them: Config finds every cluster, its subnets and
 * its Kubernetes endpoint; EKS and Resilience Hub agree with Config.
 */

const DEMO_FLEET = resolve(__dirname, '../../../../examples/fleets/demo.yaml');

type Row = {
  accountId: string;
  awsRegion: string;
  resourceId: string;
  resourceType: string;
  configuration: Record<string, unknown>;
};

describe('AWS emulators over the demo fleet', () => {
  let sim: RunningSimulator;
  const rows: Row[] = [];

  beforeAll(async () => {
    sim = await startSimulator({ fleet: DEMO_FLEET });
    const config = new ConfigServiceClient(sim.clientSettings());
    for await (const page of paginateSelectAggregateResourceConfig(
      { client: config },
      {
        ConfigurationAggregatorName: DEFAULT_AGGREGATOR,
        Expression:
          "SELECT resourceId, resourceType, accountId, awsRegion, configuration WHERE resourceType IN ('AWS::EKS::Cluster', 'AWS::EC2::Subnet')",
        Limit: 100,
      },
    )) {
      rows.push(...page.Results!.map(result => JSON.parse(result) as Row));
    }
    config.destroy();
  });

  afterAll(() => sim.stop());

  const clusters = () =>
    rows.filter(r => r.resourceType === 'AWS::EKS::Cluster');

  it('finds every cluster of the fleet through the aggregator', () => {
    expect(
      clusters()
        .map(r => r.configuration.Arn)
        .sort(),
    ).toEqual(
      sim.model
        .clusters()
        .map(c => c.arn)
        .sort(),
    );
  });

  it("reports each cluster's subnets with the owning account's AZ name and ID", () => {
    const subnets = new Map(
      rows
        .filter(r => r.resourceType === 'AWS::EC2::Subnet')
        .map(r => [`${r.accountId}/${r.resourceId}`, r]),
    );
    for (const cluster of clusters()) {
      const subnetIds = (
        cluster.configuration.ResourcesVpcConfig as { SubnetIds: string[] }
      ).SubnetIds;
      expect(subnetIds.length).toBeGreaterThan(0);
      const account = sim.model
        .accounts()
        .find(a => a.accountId === cluster.accountId)!;
      for (const subnetId of subnetIds) {
        const subnet = subnets.get(`${cluster.accountId}/${subnetId}`);
        expect(subnet?.awsRegion).toBe(cluster.awsRegion);
        const zone = account.zones[cluster.awsRegion].find(
          z => z.name === subnet?.configuration.availabilityZone,
        );
        expect(subnet?.configuration.availabilityZoneId).toBe(zone?.id);
      }
    }
  });

  it("gives an Endpoint that serves the cluster's Kubernetes API, the same as EKS DescribeCluster", async () => {
    for (const row of clusters()) {
      const eks = new EKSClient(
        sim.clientSettings({ accountId: row.accountId, region: row.awsRegion }),
      );
      const { cluster } = await eks.send(
        new DescribeClusterCommand({ name: row.resourceId }),
      );
      eks.destroy();
      expect(cluster?.endpoint).toBe(row.configuration.Endpoint);
      const nodes = await fetch(`${cluster!.endpoint}/api/v1/nodes`, {
        headers: { authorization: `Bearer ${SIMULATOR_KUBE_TOKEN}` },
      });
      expect(nodes.status).toBe(200);
      expect(await nodes.json()).toMatchObject({ kind: 'NodeList' });
    }
  });

  it('links Resilience Hub apps only to clusters Config knows', async () => {
    const known = new Set(clusters().map(r => r.configuration.Arn));
    const apps = sim.model.resilienceApps();
    expect(apps.length).toBeGreaterThan(0);
    let linked = 0;
    for (const app of apps) {
      const hub = new ResiliencehubClient(
        sim.clientSettings({ accountId: app.accountId, region: app.region }),
      );
      const { appSummaries } = await hub.send(
        new ListAppsCommand({ name: app.name }),
      );
      expect(appSummaries?.map(a => a.appArn)).toEqual([app.appArn]);
      const { appInputSources } = await hub.send(
        new ListAppInputSourcesCommand({
          appArn: app.appArn,
          appVersion: 'release',
        }),
      );
      hub.destroy();
      for (const source of appInputSources ?? []) {
        expect(known.has(source.eksSourceClusterNamespace?.eksClusterArn)).toBe(
          true,
        );
        linked += 1;
      }
    }
    expect(linked).toBeGreaterThan(0);
  });
});
