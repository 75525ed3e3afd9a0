// The portal's MCP server (Backstage's MCP actions backend at
// /api/mcp-actions/v1) lists the fleet's tools and answers one, called with
// the official MCP client and the guest's own token, as an assistant would.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { check, DEMO_FLEET_SIZE } from './common.mjs';

/** The tools plugins/fleet-resilience-backend registers (src/registeredActions/). */
export const FLEET_TOOLS = [
  'list-clusters',
  'get-cluster',
  'get-shift-impact',
  'list-shift-history',
  'list-active-shifts',
  'list-audit-events',
  'assess-zone-loss',
  'get-readiness-summary',
  'start-zonal-shift',
  'extend-zonal-shift',
  'cancel-zonal-shift',
  'start-fleet-shift',
].map(name => `fleet-resilience.${name}`);

export async function mcpSteps({ step, api }) {
  await step('MCP server lists the fleet tools and answers one', async () => {
    const client = new Client({ name: 'fleet-resilience-e2e', version: '1' });
    await client.connect(
      new StreamableHTTPClientTransport(
        new URL(`${api.backendUrl}/api/mcp-actions/v1`),
        { requestInit: { headers: api.headers } },
      ),
    );
    try {
      const { tools } = await client.listTools();
      const names = tools.map(tool => tool.name);
      const missing = FLEET_TOOLS.filter(name => !names.includes(name));
      check(
        missing.length === 0,
        `the MCP server does not list ${missing.join(
          ', ',
        )}; it lists ${names.join(', ')}`,
      );
      // The guest is an admin: the whole demo fleet, split by verdict.
      const counts = [];
      for (const verdict of ['survives', 'at-risk', 'unknown']) {
        const result = await client.callTool({
          name: 'fleet-resilience.list-clusters',
          arguments: { verdict: [verdict], limit: 100 },
        });
        const text = result.content?.[0]?.text ?? '';
        check(!result.isError, `list-clusters answered an error: ${text}`);
        const body = result.structuredContent ?? JSON.parse(text);
        check(
          body.items.every(
            cluster => cluster.survivability.verdict === verdict,
          ),
          `list-clusters with verdict ${verdict} lists other verdicts`,
        );
        counts.push(body.totalCount);
      }
      const total = counts.reduce((sum, count) => sum + count, 0);
      check(
        total === DEMO_FLEET_SIZE,
        `list-clusters by verdict adds up to ${total}, not ${DEMO_FLEET_SIZE}`,
      );
    } finally {
      await client.close();
    }
  });
}
