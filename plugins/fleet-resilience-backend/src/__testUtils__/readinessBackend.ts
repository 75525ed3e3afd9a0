/**
 * The readiness fixes as in production, for their integration test: the
 * plugin with the permission backend and the shipped policy module (its
 * demo users' claims from a userInfo stand-in), the real scheduler (the
 * follower of EKS updates runs by itself, every second here) and the
 * simulator serving examples/fleets/demo.yaml on its manual clock. What AWS
 * holds is read back with the AWS SDK's EKS client and our ARC client.
 */
import { DescribeClusterCommand, EKSClient } from '@aws-sdk/client-eks';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockServices,
  startTestBackend,
  type TestBackend,
} from '@backstage/backend-test-utils';
import {
  accessKeyIdFor,
  SIMULATOR_SECRET_ACCESS_KEY,
  type RunningSimulator,
} from '@fleet-resilience/fleet-simulator';
import { parseEksClusterArn } from '@fleet-resilience/plugin-fleet-resilience-common';
import { ArcZonalShiftClient } from '@fleet-resilience/plugin-fleet-resilience-node';
import {
  shippedPolicyFeatures,
  shippedPolicySimulatorConfig,
} from './shippedPolicy';
import { fleetResiliencePlugin } from '../plugin';

export async function startReadinessBackend(
  sim: RunningSimulator,
  knex: unknown,
): Promise<TestBackend> {
  return startTestBackend({
    features: [
      fleetResiliencePlugin,
      ...shippedPolicyFeatures(),
      mockServices.rootConfig.factory({
        data: shippedPolicySimulatorConfig(sim, {
          readiness: { followUpdatesEvery: { seconds: 1 } },
        }) as never,
      }),
      mockServices.database.factory({ knex: knex as never }),
      schedulerServiceFactory,
    ],
  });
}

const split = (arn: string) => {
  const [, , , region, accountId] = arn.split(':');
  return {
    region,
    accountId,
    credentials: {
      accessKeyId: accessKeyIdFor(accountId),
      secretAccessKey: SIMULATOR_SECRET_ACCESS_KEY,
    },
  };
};

/** EKS `zonalShiftConfig.enabled` of the cluster, read with the AWS SDK's own EKS client. */
export async function zonalShiftInEks(
  sim: RunningSimulator,
  clusterArn: string,
): Promise<boolean | undefined> {
  const { region, credentials } = split(clusterArn);
  const eks = new EKSClient({ region, endpoint: sim.url, credentials });
  try {
    const { cluster } = await eks.send(
      new DescribeClusterCommand({ name: parseEksClusterArn(clusterArn).name }),
    );
    return cluster?.zonalShiftConfig?.enabled;
  } finally {
    eks.destroy();
  }
}

/** ARC's GetManagedResource of the cluster, with our ARC client. */
export async function managedResourceInArc(
  sim: RunningSimulator,
  clusterArn: string,
) {
  const { region, credentials } = split(clusterArn);
  return new ArcZonalShiftClient({
    region,
    endpoint: sim.url,
    credentials,
  }).getManagedResource(clusterArn);
}
