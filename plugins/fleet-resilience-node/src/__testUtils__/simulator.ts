/**
 * The demo fleet simulator and the configuration that points this package's
 * real clients at it, as the embedded default does: static per-account keys
 * under `aws.accounts` (the simulator acts in the account its key names) and
 * every AWS endpoint overridden to the simulator's origin.
 */
import { ConfigReader } from '@backstage/config';
import {
  accessKeyIdFor,
  SIMULATOR_SECRET_ACCESS_KEY,
  startSimulator,
  type RunningSimulator,
} from '@fleet-resilience/fleet-simulator';
import { resolve } from 'node:path';

export const DEMO_FLEET = resolve(
  __dirname,
  '../../../../examples/fleets/demo.yaml',
);
export const PROD = '111122223333';
export const SHARED = '444455556666';
export const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'];
export const AGGREGATOR = {
  accountId: PROD,
  region: 'us-east-1',
  name: 'fleet-aggregator',
};

export const clusterArn = (accountId: string, region: string, name: string) =>
  `arn:aws:eks:${region}:${accountId}:cluster/${name}`;

export function startDemoSimulator(seed = 3): Promise<RunningSimulator> {
  return startSimulator({ fleet: DEMO_FLEET, seed });
}

/** Backstage config for the simulator at `url`, deep-merged with `extra.fleetResilience`. */
export function simulatorConfig(
  url: string,
  extra: { fleetResilience?: Record<string, unknown> } = {},
): ConfigReader {
  const { aws, kubernetes, ...rest } = (extra.fleetResilience ?? {}) as {
    aws?: Record<string, unknown>;
    kubernetes?: Record<string, unknown>;
  };
  return new ConfigReader({
    aws: {
      accounts: [PROD, SHARED].map(accountId => ({
        accountId,
        accessKeyId: accessKeyIdFor(accountId),
        secretAccessKey: SIMULATOR_SECRET_ACCESS_KEY,
      })),
    },
    fleetResilience: {
      aws: {
        endpoints: { config: url, arc: url, resiliencehub: url, eks: url },
        ...aws,
      },
      kubernetes: { allowInsecureEndpoints: true, ...kubernetes },
      ...rest,
    },
  });
}
