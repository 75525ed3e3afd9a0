/**
 * The MCP path as in production, for the MCP integration test: the plugin,
 * Backstage's MCP actions backend, the real actions and actions registry
 * services (the MCP plugin lists and invokes our actions over HTTP with a
 * token on behalf of its caller), the permission backend with the shipped
 * policy module, the real scheduler (the reconciler runs) and the simulator
 * serving examples/fleets/demo.yaml. Only identity is given: each user's
 * ownership claims come from a userInfo stand-in. The client is the
 * official MCP TypeScript SDK over streamable HTTP.
 */
import {
  actionsRegistryServiceFactory,
  actionsServiceFactory,
} from '@backstage/backend-defaults/alpha';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  type TestBackend,
} from '@backstage/backend-test-utils';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import type { RunningSimulator } from '@fleet-resilience/fleet-simulator';
import {
  fleetClusterPath,
  type ClusterReconcileStatus,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { eventually } from '../reconciler/__testUtils__/reconcilerBackend';
import { API } from './fleetBackend';
import {
  PAT,
  shippedPolicyFeatures,
  shippedPolicySimulatorConfig,
} from './shippedPolicy';
import { fleetResiliencePlugin } from '../plugin';

export { DANA, PAT, PAYMENTS_USE1, SAM, SEARCH_USE1 } from './shippedPolicy';

/** The Authorization header of a user (a mock token the test backend accepts). */
export const userHeader = (user: string) => ({
  Authorization: mockCredentials.user.header(user),
});

export async function startMcpBackend(
  sim: RunningSimulator,
  knex: unknown,
): Promise<TestBackend> {
  return startTestBackend({
    features: [
      fleetResiliencePlugin,
      mcpActionsPlugin,
      actionsServiceFactory,
      actionsRegistryServiceFactory,
      ...shippedPolicyFeatures(),
      mockServices.rootConfig.factory({
        data: {
          ...shippedPolicySimulatorConfig(sim, {
            // The reconciler polls fast.
            reconciler: {
              pollInterval: { milliseconds: 500 },
              lease: { seconds: 12 },
              clusterTimeout: { seconds: 5 },
              inventoryRefresh: { seconds: 1 },
              kickCheckInterval: { milliseconds: 50 },
            },
          }),
          backend: { actions: { pluginSources: ['fleet-resilience'] } },
          mcpActions: { name: 'fleet-resilience-test' },
        } as never,
      }),
      mockServices.database.factory({ knex: knex as never }),
      // The real scheduler: the reconciler holds its task and runs by itself.
      schedulerServiceFactory,
    ],
  });
}

/**
 * Asks an admin's refresh until every cluster was read from Kubernetes
 * (all fresh): the scheduler's first refresh may reach the Kubernetes APIs
 * before EKS has confirmed them, so it is asked again until it has.
 */
export async function refreshedAsAdmin(backend: TestBackend): Promise<void> {
  const http = () => request(backend.server);
  let asked = 0;
  await eventually(
    async () => {
      if (Date.now() - asked > 3_000) {
        asked = Date.now();
        await http().post(`${API}/refresh`).set(userHeader(PAT));
      }
      const { body } = await http()
        .get(`${API}/refresh-status`)
        .set(userHeader(PAT));
      const counts = body.clusters as { total: number; fresh: number };
      return counts?.total > 0 && counts.fresh === counts.total
        ? true
        : undefined;
    },
    120_000,
    'every cluster read once',
  );
}

/** Waits until the reconciler's last pass of `arn` matches (read as the admin). */
export async function reconciledAsAdmin(
  backend: TestBackend,
  arn: string,
  matches: (status: ClusterReconcileStatus) => boolean,
  timeoutMs = 30_000,
): Promise<ClusterReconcileStatus> {
  let last: unknown;
  try {
    return await eventually(
      async () => {
        const response = await request(backend.server)
          .get(`${API}${fleetClusterPath(arn)}/reconcile`)
          .set(userHeader(PAT));
        last = response.body;
        const status = response.body as ClusterReconcileStatus;
        return response.status === 200 &&
          status.lastAttemptAt &&
          matches(status)
          ? status
          : undefined;
      },
      timeoutMs,
      `the reconcile status of ${arn}`,
    );
  } catch (error) {
    // What the reconciler last said, to tell a slow pass from a wrong one.
    throw new Error(
      `${(error as Error).message}; last: ${JSON.stringify(last)}`,
    );
  }
}

/** The MCP server's URL on the test backend. */
export function mcpUrl(backend: TestBackend): URL {
  const { port } = backend.server.address() as AddressInfo;
  return new URL(`http://localhost:${port}/api/mcp-actions/v1`);
}

/** An MCP client connected as `user` (the official SDK, streamable HTTP). */
export async function connectMcp(
  backend: TestBackend,
  user: string,
): Promise<Client> {
  const client = new Client({
    name: 'fleet-resilience-test',
    version: '1.0.0',
  });
  await client.connect(
    new StreamableHTTPClientTransport(mcpUrl(backend), {
      requestInit: { headers: userHeader(user) },
    }),
  );
  return client;
}

export interface ToolResult {
  isError?: boolean;
  content?: unknown;
  structuredContent?: unknown;
}

const textOf = (result: ToolResult) =>
  ((result.content ?? []) as Array<{ type: string; text?: string }>)
    .filter(c => c.type === 'text')
    .map(c => c.text ?? '')
    .join('\n');

/** A tool's answer: its structured content, or its text parsed. Fails on a tool error. */
export function toolOutput<T = any>(result: ToolResult): T {
  if (result.isError) {
    throw new Error(`the tool answered an error: ${textOf(result)}`);
  }
  return (result.structuredContent ?? JSON.parse(textOf(result))) as T;
}

/** A tool error's text. Fails when the tool answered without error. */
export function toolError(result: ToolResult): string {
  if (!result.isError) {
    throw new Error(
      `the tool answered without error: ${JSON.stringify(
        result.structuredContent ?? textOf(result),
      ).slice(0, 500)}`,
    );
  }
  return textOf(result);
}

/** Calls a tool of the fleet plugin by its action name. */
export async function callFleetTool(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<ToolResult> {
  return (await client.callTool({
    name: `fleet-resilience.${name}`,
    arguments: args,
  })) as ToolResult;
}
