/** AwsResilienceHubReader and AwsEksClusterDescriber against the simulated fleet, through the real SDK clients. */
import type { RunningSimulator } from '@fleet-resilience/fleet-simulator';
import { createEksClusterRef } from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  clusterArn,
  PROD,
  SHARED,
  simulatorConfig,
  startDemoSimulator,
} from '../__testUtils__/simulator';
import { AwsClientFactory } from './AwsClientFactory';
import { AwsEksClusterDescriber } from './AwsEksClusterDescriber';
import { AwsResilienceHubReader } from './AwsResilienceHubReader';

describe('AwsResilienceHubReader against the simulator', () => {
  let sim: RunningSimulator;
  let factory: AwsClientFactory;

  beforeAll(async () => {
    sim = await startDemoSimulator();
    factory = AwsClientFactory.fromConfig(simulatorConfig(sim.url));
  });
  afterAll(() => sim.stop());
  afterEach(() => sim.setFaults({ seed: 1, services: {} }));

  it('reads an app’s EKS clusters across regions and accounts, its score and AZ compliance', async () => {
    const apps = await new AwsResilienceHubReader({
      clients: factory,
    }).readApps({ accountId: PROD, region: 'us-east-1' });
    expect(apps).toEqual([
      {
        appArn: expect.stringMatching(
          /^arn:aws:resiliencehub:us-east-1:111122223333:app\//,
        ),
        name: 'payments',
        accountId: PROD,
        region: 'us-east-1',
        resiliencyScore: 78.5,
        complianceStatus: 'PolicyMet',
        clusterArns: [
          clusterArn(PROD, 'us-east-1', 'payments-prod-use1'),
          clusterArn(PROD, 'us-west-2', 'payments-prod-usw2'),
          clusterArn(SHARED, 'eu-west-1', 'payments-dr-euw1'),
        ],
        azCompliance: {
          complianceStatus: 'PolicyMet',
          currentRtoInSecs: 300,
          currentRpoInSecs: 0,
          policyRtoInSecs: 900,
          policyRpoInSecs: 60,
        },
        assessedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    ]);
  });

  it('reports a breached AZ policy', async () => {
    const [search] = await new AwsResilienceHubReader({
      clients: factory,
    }).readApps({
      accountId: SHARED,
      region: 'us-east-1',
    });
    expect(search.name).toBe('search');
    expect(search.complianceStatus).toBe('PolicyBreached');
    expect(search.azCompliance).toEqual({
      complianceStatus: 'PolicyBreached',
      currentRtoInSecs: 7200,
      currentRpoInSecs: 900,
      policyRtoInSecs: 1800,
      policyRpoInSecs: 900,
    });
  });

  it('reads an app never assessed without AZ results', async () => {
    const apps = await new AwsResilienceHubReader({
      clients: factory,
    }).readApps({ accountId: PROD, region: 'eu-west-1' });
    expect(apps).toEqual([
      expect.objectContaining({
        name: 'identity',
        complianceStatus: 'NotAssessed',
        clusterArns: [
          clusterArn(PROD, 'eu-west-1', 'identity-prod-euw1'),
          clusterArn(PROD, 'eu-west-1', 'platform-observability-euw1'),
        ],
      }),
    ]);
    expect(apps[0].azCompliance).toBeUndefined();
    expect(apps[0].assessedAt).toBeUndefined();
  });

  it('returns no apps where there are none', async () => {
    await expect(
      new AwsResilienceHubReader({ clients: factory }).readApps({
        accountId: SHARED,
        region: 'us-west-2',
      }),
    ).resolves.toEqual([]);
  });

  it('retries injected throttling and 5xx and loses nothing', async () => {
    const target = { accountId: PROD, region: 'us-east-1' };
    const clean = await new AwsResilienceHubReader({
      clients: factory,
    }).readApps(target);
    const faults = {
      seed: 4,
      services: { resiliencehub: { throttleRate: 0.15, errorRate: 0.15 } },
    };
    sim.setFaults(faults);
    const once = AwsClientFactory.fromConfig(
      simulatorConfig(sim.url, {
        fleetResilience: { aws: { maxAttempts: 1 } },
      }),
    );
    await expect(
      new AwsResilienceHubReader({ clients: once }).readApps(target),
    ).rejects.toThrow(
      /Resilience Hub could not be read in 111122223333\/us-east-1; caused by (ThrottlingException|InternalServerException)/,
    );
    sim.setFaults(faults);
    const patient = AwsClientFactory.fromConfig(
      simulatorConfig(sim.url, {
        fleetResilience: { aws: { maxAttempts: 8 } },
      }),
    );
    expect(
      await new AwsResilienceHubReader({ clients: patient }).readApps(target),
    ).toEqual(clean);
  }, 60_000);
});

describe('AwsEksClusterDescriber against the simulator', () => {
  let sim: RunningSimulator;
  let describer: AwsEksClusterDescriber;

  beforeAll(async () => {
    sim = await startDemoSimulator();
    describer = new AwsEksClusterDescriber({
      clients: AwsClientFactory.fromConfig(simulatorConfig(sim.url)),
    });
  });
  afterAll(() => sim.stop());

  it('reads whether zonal shift is enabled, the platform version, the status, the API server and its CA', async () => {
    const payments = createEksClusterRef({
      accountId: PROD,
      region: 'us-east-1',
      name: 'payments-prod-use1',
    });
    expect(await describer.describe(payments)).toEqual({
      ref: payments,
      zonalShiftEnabled: true,
      platformVersion: 'eks.1',
      status: 'ACTIVE',
      endpoint: expect.stringMatching(/\/k8s\/[^/]+$/),
      certificateAuthorityData: expect.stringMatching(/^[A-Za-z0-9+/=]+$/),
    });
    const tools = createEksClusterRef({
      accountId: PROD,
      region: 'us-east-1',
      name: 'platform-tools-use1',
    });
    expect((await describer.describe(tools)).zonalShiftEnabled).toBe(false);
  });

  it('describes a cluster in the other account with that account’s credentials', async () => {
    const search = createEksClusterRef({
      accountId: SHARED,
      region: 'eu-west-1',
      name: 'search-prod-euw1',
    });
    expect((await describer.describe(search)).zonalShiftEnabled).toBe(true);
  });

  it('retries injected throttling and 5xx', async () => {
    const ref = createEksClusterRef({
      accountId: PROD,
      region: 'us-west-2',
      name: 'payments-prod-usw2',
    });
    const faults = {
      seed: 6,
      services: { eks: { throttleRate: 0.4, errorRate: 0.4 } },
    };
    const withAttempts = (maxAttempts: number) =>
      new AwsEksClusterDescriber({
        clients: AwsClientFactory.fromConfig(
          simulatorConfig(sim.url, {
            fleetResilience: { aws: { maxAttempts } },
          }),
        ),
      });
    sim.setFaults(faults);
    await expect(withAttempts(1).describe(ref)).rejects.toThrow(
      /ThrottlingException|ServerException/,
    );
    sim.setFaults(faults);
    expect((await withAttempts(10).describe(ref)).zonalShiftEnabled).toBe(true);
    sim.setFaults({ seed: 1, services: {} });
  }, 60_000);

  it('rejects with the cluster ARN for a cluster EKS does not know', async () => {
    const missing = createEksClusterRef({
      accountId: PROD,
      region: 'us-east-1',
      name: 'no-such-cluster',
    });
    await expect(describer.describe(missing)).rejects.toThrow(
      /EKS cluster arn:aws:eks:us-east-1:111122223333:cluster\/no-such-cluster could not be described; caused by ResourceNotFoundException/,
    );
  });
});
