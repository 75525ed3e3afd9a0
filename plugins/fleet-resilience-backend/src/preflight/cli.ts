/**
 * `yarn preflight [--config app-config.yaml ...] [--json]`: the backend's
 * preflight from a terminal, without a database. The configuration is loaded
 * with Backstage's own config loader (the same `--config` files and
 * environment substitution as the backend). The clusters are those the
 * built-in AWS Config inventory finds (`fleetResilience.inventory.awsConfig`);
 * without it, or when the inventory cannot be read, only the account and
 * region checks run, and the output says so. Exits 1 when any check fails.
 */
import { ConfigSources } from '@backstage/config-loader';
import type { Config } from '@backstage/config';
import type {
  EksClusterRef,
  PreflightCheck,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  AwsClientFactory,
  AwsConfigInventorySource,
  describeError,
  findAccountsWithoutRole,
} from '@fleet-resilience/plugin-fleet-resilience-node';
import { formatChecks } from './formatReport';
import { createPreflightRun } from './setUpPreflight';

const write = (text: string) => {
  process.stderr.write(text);
};

/** The clusters of the built-in inventory, and a note on where they came from. */
async function discoverClusters(
  config: Config,
  clients: AwsClientFactory,
): Promise<{ clusters: EksClusterRef[]; note: string }> {
  if (!config.has('fleetResilience.inventory.awsConfig')) {
    return {
      clusters: [],
      note: 'No fleetResilience.inventory.awsConfig: account and region checks only (no clusters to check)',
    };
  }
  try {
    const snapshot = await AwsConfigInventorySource.fromConfig(config, {
      clients,
    }).readInventory();
    return {
      clusters: snapshot.clusters.map(cluster => cluster.ref),
      note: `${snapshot.clusters.length} cluster(s) found through AWS Config`,
    };
  } catch (error) {
    return {
      clusters: [],
      note: `The inventory could not be read (${describeError(
        error,
      )}): account and region checks only`,
    };
  }
}

/** Runs the preflight with `config`; resolves to the checks. */
export async function runPreflightCli(
  config: Config,
  options: {
    progress?: boolean;
    /** Where the note on the clusters' source goes; default stderr. */
    log?: (line: string) => void;
  } = {},
): Promise<PreflightCheck[]> {
  const log = options.log ?? ((line: string) => write(`${line}\n`));
  const clients = AwsClientFactory.fromConfig(config);
  const operatorClients = AwsClientFactory.fromConfig(config, {
    role: 'operator',
  });
  const { clusters, note } = await discoverClusters(config, clients);
  log(note);
  const run = createPreflightRun({
    config,
    clients,
    operatorClients,
    clusters: async () => clusters,
    findAccountsWithoutRole,
    concurrency:
      config.getOptionalNumber('fleetResilience.refresh.aws.concurrency') ?? 4,
    clusterConcurrency:
      config.getOptionalNumber('fleetResilience.kubernetes.concurrency') ?? 8,
  });
  return run((_checks, done, total) => {
    if (options.progress) write(`\r${done}/${total} checked`);
  });
}

export async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const source = ConfigSources.default({
    argv: argv.filter(arg => arg !== '--json'),
    rootDir: process.cwd(),
  });
  const config = await ConfigSources.toConfig(source);
  try {
    const checks = await runPreflightCli(config, {
      progress: process.stderr.isTTY,
    });
    if (process.stderr.isTTY) write('\n');
    process.stdout.write(
      json ? `${JSON.stringify(checks, null, 2)}\n` : formatChecks(checks),
    );
    return checks.some(check => check.status === 'fail') ? 1 : 0;
  } finally {
    config.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    code => process.exit(code),
    error => {
      write(`preflight: ${describeError(error)}\n`);
      process.exit(2);
    },
  );
}
