// A generated fleet for the console benchmark, written where the embedded
// simulator reads it, and the app-config that points the portal at it.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from '../../scripts/lib/toolchain.mjs';

const require = createRequire(import.meta.url);

/** The simulator's seeded generator, loaded from its TypeScript source. */
function loadGenerateFleet() {
  // The Backstage CLI's require hook compiles TypeScript on load, as for
  // `yarn sim` and the other benchmarks.
  require('@backstage/cli/config/nodeTransform.cjs');
  return require(path.join(
    repoRoot,
    'packages/fleet-simulator/src/model/generate.ts',
  )).generateFleet;
}

/**
 * Writes the fleet file (JSON, which is YAML) and returns its path and the
 * fleet's account IDs.
 */
export function writeGeneratedFleet(dir, { clusters, nodes, pods, seed }) {
  const spec = loadGenerateFleet()({
    clusters,
    nodesPerCluster: nodes,
    podsPerCluster: pods,
    seed,
  });
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `fleet-${clusters}.yaml`);
  fs.writeFileSync(file, JSON.stringify(spec));
  return {
    file,
    accounts: spec.accounts.map(a => a.id),
    names: spec.clusters.map(c => c.name),
  };
}

/**
 * The config layered over app-config.yaml: the generated fleet, credentials
 * the simulator maps to its accounts (AKIA<account-id>SIMU), the aggregator
 * in its first account. When the backend serves the production build of the
 * app, appBaseUrl is the backend's URL.
 * (Backstage replaces arrays such as aws.accounts instead of merging them.)
 */
export function benchConfig({ fleetFile, accounts, appBaseUrl }) {
  const config = {
    ...(appBaseUrl ? { app: { baseUrl: appBaseUrl } } : {}),
    aws: {
      accounts: accounts.map(accountId => ({
        accountId,
        accessKeyId: `AKIA${accountId}SIMU`,
        secretAccessKey: 'simulator',
      })),
    },
    fleetResilience: {
      simulator: { fleet: fleetFile },
      inventory: {
        awsConfig: {
          aggregator: {
            accountId: accounts[0],
            region: 'us-east-1',
            name: 'fleet-aggregator',
          },
        },
      },
    },
  };
  return config;
}
