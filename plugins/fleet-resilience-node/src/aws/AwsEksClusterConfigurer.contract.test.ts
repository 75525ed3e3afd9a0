/**
 * AwsEksClusterConfigurer against the simulated fleet over HTTP, through the
 * real @aws-sdk/client-eks: the update it starts is followed to its end on
 * the simulator's clock and DescribeCluster reads the new configuration.
 */
import { parseEksClusterArn } from '@fleet-resilience/plugin-fleet-resilience-common';
import type { RunningSimulator } from '@fleet-resilience/fleet-simulator';
import {
  clusterArn,
  PROD,
  simulatorConfig,
  startDemoSimulator,
} from '../__testUtils__/simulator';
import { AwsClientFactory } from './AwsClientFactory';
import { AwsEksClusterConfigurer } from './AwsEksClusterConfigurer';
import { AwsEksClusterDescriber } from './AwsEksClusterDescriber';
import { AwsAccountCredentials } from './credentials';

const TOOLS = parseEksClusterArn(
  clusterArn(PROD, 'us-east-1', 'platform-tools-use1'),
);

describe('AwsEksClusterConfigurer against the simulator', () => {
  let sim: RunningSimulator;
  let configurer: AwsEksClusterConfigurer;
  let describer: AwsEksClusterDescriber;

  beforeEach(async () => {
    sim = await startDemoSimulator();
    const factory = new AwsClientFactory({
      credentials: AwsAccountCredentials.fromConfig(simulatorConfig(sim.url)),
      endpoints: { eks: sim.url },
      maxAttempts: 1,
    });
    configurer = new AwsEksClusterConfigurer({ clients: factory });
    describer = new AwsEksClusterDescriber({ clients: factory });
  });
  afterEach(() => sim.stop());

  it('turns zonal shift on: the update is InProgress, then Successful on the clock, and DescribeCluster reads it enabled', async () => {
    expect((await describer.describe(TOOLS)).zonalShiftEnabled).toBe(false);
    const started = await configurer.updateZonalShiftConfig(TOOLS, true, {
      clientRequestToken: 'portal-intent-1',
    });
    expect(started).toEqual({
      id: expect.any(String),
      type: 'ZonalShiftConfigUpdate',
      status: 'InProgress',
      createdAt: new Date(sim.clock.now()).toISOString(),
      errors: [],
    });
    // A retry with the same token is the same update, not a second one.
    const retried = await configurer.updateZonalShiftConfig(TOOLS, true, {
      clientRequestToken: 'portal-intent-1',
    });
    expect(retried.id).toBe(started.id);

    sim.advance(sim.eksUpdates.durationMs());
    const done = await configurer.describeUpdate(TOOLS, started.id);
    expect(done).toMatchObject({ id: started.id, status: 'Successful' });
    expect((await describer.describe(TOOLS)).zonalShiftEnabled).toBe(true);
  });

  it('reports a failed update with EKS’s error code and message', async () => {
    sim.eksUpdates.failNextUpdate(TOOLS.arn, {
      errorCode: 'AccessDenied',
      errorMessage: 'not allowed',
    });
    const started = await configurer.updateZonalShiftConfig(TOOLS, true);
    sim.advance(sim.eksUpdates.durationMs());
    expect(await configurer.describeUpdate(TOOLS, started.id)).toMatchObject({
      status: 'Failed',
      errors: ['AccessDenied: not allowed'],
    });
  });

  it('keeps EKS’s exception as the cause: nothing to change, another update running', async () => {
    const noChange = configurer.updateZonalShiftConfig(TOOLS, false);
    await expect(noChange).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining('already at the desired configuration'),
      cause: { name: 'InvalidParameterException' },
    });
    await configurer.updateZonalShiftConfig(TOOLS, true);
    await expect(
      configurer.updateZonalShiftConfig(TOOLS, true),
    ).rejects.toMatchObject({
      cause: { name: 'ResourceInUseException' },
    });
    await expect(
      configurer.describeUpdate(TOOLS, 'no-such-update'),
    ).rejects.toMatchObject({ cause: { name: 'ResourceNotFoundException' } });
  });

  it('refuses bad input before sending anything', async () => {
    sim.clearAwsRequests();
    await expect(
      configurer.describeUpdate(TOOLS, '../clusters'),
    ).rejects.toMatchObject({ name: 'InputError' });
    await expect(
      configurer.updateZonalShiftConfig(TOOLS, true, {
        clientRequestToken: '',
      }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining('clientRequestToken'),
    });
    await expect(
      configurer.updateZonalShiftConfig(TOOLS, 'yes' as unknown as boolean),
    ).rejects.toMatchObject({ name: 'InputError' });
    expect(sim.awsRequests()).toEqual([]);
  });
});
