/**
 * Test harness: the real plugin in a test backend, with the real AWS and
 * Kubernetes readers pointed at a simulator over HTTP.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { TestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  accessKeyIdFor,
  DEFAULT_AGGREGATOR,
  SIMULATOR_SECRET_ACCESS_KEY,
  type RunningSimulator,
} from '@fleet-resilience/fleet-simulator';
import type { Knex } from 'knex';
import { resolve as resolvePath } from 'node:path';
import request from 'supertest';
import { fleetResiliencePlugin } from '../plugin';

export const API = '/api/fleet-resilience';

/** The demo fleet the example portal runs, for the simulator. */
export const DEMO_FLEET = resolvePath(
  __dirname,
  '../../../../examples/fleets/demo.yaml',
);

/** An EKS cluster's ARN. */
export const clusterArnOf = (account: string, region: string, name: string) =>
  `arn:aws:eks:${region}:${account}:cluster/${name}`;

/**
 * A permission service that allows everything to everyone except the given
 * users, who may do nothing.
 */
function denyingUsers(users: readonly string[]) {
  const decide = async (
    requests: readonly unknown[],
    options: { credentials: { principal: unknown } },
  ) => {
    const user = (options.credentials.principal as { userEntityRef?: string })
      .userEntityRef;
    const denied = user !== undefined && users.includes(user);
    return requests.map(() => ({
      result: denied ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
    })) as never;
  };
  // Reads and actions on clusters ask authorizeConditional (one decision
  // for all clusters); the basic permissions ask authorize.
  return mockServices.permissions.mock({
    authorize: decide,
    authorizeConditional: decide,
  }).factory;
}

/** The app-config that points every endpoint of the plugin at the simulator. */
export function simulatorConfig(
  sim: RunningSimulator,
  overrides: { maxAttempts?: number; kubernetesConcurrency?: number } = {},
) {
  const accounts = sim.model.accounts().map(account => account.accountId);
  return {
    aws: {
      accounts: accounts.map(accountId => ({
        accountId,
        accessKeyId: accessKeyIdFor(accountId),
        secretAccessKey: SIMULATOR_SECRET_ACCESS_KEY,
      })),
    },
    fleetResilience: {
      aws: {
        endpoints: {
          config: sim.url,
          arc: sim.url,
          resiliencehub: sim.url,
          eks: sim.url,
          // No STS override: EKS tokens are presigned offline for the real
          // STS host, and the simulator checks them for that form.
        },
        ...(overrides.maxAttempts
          ? { maxAttempts: overrides.maxAttempts }
          : {}),
      },
      inventory: {
        awsConfig: {
          aggregator: {
            accountId: accounts[0],
            region: 'us-east-1',
            name: DEFAULT_AGGREGATOR,
          },
        },
      },
      // Tests refresh as often as they need; the cooldown has its own test.
      refresh: { manualCooldown: { milliseconds: 0 } },
      kubernetes: {
        allowInsecureEndpoints: true,
        concurrency: overrides.kubernetesConcurrency ?? 4,
        ...(overrides.maxAttempts
          ? { maxAttempts: overrides.maxAttempts }
          : {}),
      },
    },
  };
}

/** The Authorization header of a service principal with this subject (a mock token). */
export function serviceHeader(subject: string): { Authorization: string } {
  return {
    Authorization: mockCredentials.service.header({
      onBehalfOf: mockCredentials.service(subject),
      targetPluginId: 'fleet-resilience',
    }),
  };
}

/** The Authorization header of a user (a mock token). */
export function userHeader(userEntityRef: string): { Authorization: string } {
  return { Authorization: mockCredentials.user.header(userEntityRef) };
}

export async function startFleetBackend(options: {
  config: object;
  knex?: Knex;
  permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  /** Users denied every permission (everyone else is allowed everything). */
  denyUsers?: readonly string[];
  /** A permissions service factory of the test's own (wins over the two above). */
  permissions?: ReturnType<typeof denyingUsers>;
}): Promise<TestBackend> {
  return startTestBackend({
    features: [
      fleetResiliencePlugin,
      mockServices.rootConfig.factory({ data: options.config as never }),
      ...(options.knex
        ? [mockServices.database.factory({ knex: options.knex })]
        : []),
      // Tasks run only when triggered: POST /refresh then runs both to the end.
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      options.permissions ??
        (options.denyUsers
          ? denyingUsers(options.denyUsers)
          : mockServices.permissions.factory({
              result: options.permission ?? AuthorizeResult.ALLOW,
            })),
    ],
  });
}

/** Runs a full refresh (both tasks, to the end, with the mock scheduler). */
export async function refresh(backend: TestBackend): Promise<void> {
  const response = await request(backend.server).post(`${API}/refresh`);
  if (response.status !== 202) {
    throw new Error(`refresh answered ${response.status}: ${response.text}`);
  }
}
