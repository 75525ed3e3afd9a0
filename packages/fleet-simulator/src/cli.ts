/**
 * `fleet-simulator`: runs the simulator as a process until SIGINT/SIGTERM.
 *   --fleet <file>        fleet file (default: the demo fleet, when the caller knows where it is)
 *   --generate <n>        a generated fleet of n clusters instead
 *   --nodes <n>, --pods <n>  per generated cluster (default 30, 300)
 *   --accounts <n>        accounts of a generated fleet (default 2)
 *   --regions <r1,r2,...> regions of a generated fleet (default us-east-1,us-west-2,eu-west-1)
 *   --seed <s>            generator, names and fault seed (default 1)
 *   --port <p>            default 7480 (0: any free port)
 *   --host <h>            default 127.0.0.1
 *   --clock wall|manual   wall (default): simulated time follows real time from now;
 *                         manual: starts at 2026-11-22T08:00Z and moves only via the control API
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createWallClock } from './clock';
import { generateFleet } from './model/generate';
import type { FleetSpec } from './model/spec';
import { startSimulator, SIMULATOR_KUBE_TOKEN } from './simulator';

export const DEFAULT_CLI_PORT = 7480;

const USAGE = `Usage: fleet-simulator [--fleet <file> | --generate <clusters> [--nodes <n>] [--pods <n>]
                        [--accounts <n>] [--regions <r1,r2,...>]]
                      [--seed <n>] [--port <n>] [--host <address>] [--clock wall|manual]`;

// Generated account IDs are 100000000000 + i * 111111111: 12 digits up to here.
const MAX_ACCOUNTS = 1000;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

function integer(
  value: string | undefined,
  name: string,
  fallback: number,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max)
    throw new Error(
      `--${name} must be an integer ${
        max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`
      }, got "${value}"`,
    );
  return Number(value);
}

function regionList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const regions = value.split(',').map(region => region.trim());
  const bad = regions.find(region => !REGION.test(region));
  if (bad !== undefined)
    throw new Error(
      `--regions must be a comma-separated list of AWS regions (e.g. us-east-1,eu-west-1), got "${bad}"`,
    );
  if (new Set(regions).size !== regions.length)
    throw new Error(`--regions names a region twice: "${value}"`);
  return regions;
}

/** The fleet the command line asks for: a generated spec, or a fleet file's path. */
export function fleetFromArgs(
  values: Partial<
    Record<
      'fleet' | 'generate' | 'nodes' | 'pods' | 'accounts' | 'regions' | 'seed',
      string
    >
  >,
  defaultFleet?: string,
): FleetSpec | string {
  if (values.fleet && values.generate)
    throw new Error('give --fleet or --generate, not both');
  if (!values.generate && (values.accounts || values.regions))
    throw new Error('--accounts and --regions need --generate');
  const fleetFile = values.fleet ?? defaultFleet;
  if (!values.generate && !fleetFile)
    throw new Error('give --fleet <file> or --generate <clusters>');
  if (!values.generate) return resolve(fleetFile!);
  return generateFleet({
    clusters: integer(values.generate, 'generate', 0, 1),
    nodesPerCluster: integer(values.nodes, 'nodes', 30),
    podsPerCluster: integer(values.pods, 'pods', 300),
    accounts: integer(values.accounts, 'accounts', 2, 1, MAX_ACCOUNTS),
    regions: regionList(values.regions),
    seed: integer(values.seed, 'seed', 1),
  });
}

/**
 * Options of the `fleet-simulator` command line that the caller, not the user, provides.
 *
 * @public
 */
export interface CliOptions {
  /** The fleet file used without --fleet or --generate (bin/fleet-simulator passes the repository's demo fleet). */
  defaultFleet?: string;
}

/**
 * Runs the `fleet-simulator` command line with its arguments, until SIGINT or SIGTERM.
 *
 * @public
 */
export async function runFleetSimulatorCli(
  argv: string[],
  options: CliOptions = {},
): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      fleet: { type: 'string' },
      generate: { type: 'string' },
      nodes: { type: 'string' },
      pods: { type: 'string' },
      accounts: { type: 'string' },
      regions: { type: 'string' },
      seed: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      clock: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (values.clock && !['wall', 'manual'].includes(values.clock))
    throw new Error('--clock must be wall or manual');
  const seed = integer(values.seed, 'seed', 1);
  const fleet = fleetFromArgs(values, options.defaultFleet);
  const ticking = values.clock === 'manual' ? undefined : createWallClock();
  const sim = await startSimulator({
    fleet,
    seed,
    port: integer(values.port, 'port', DEFAULT_CLI_PORT),
    host: values.host,
    clock: ticking?.clock,
  });
  const [account] = sim.model.accounts();
  const settings = sim.clientSettings();
  process.stdout.write(
    [
      `Fleet simulator listening on ${sim.url} (${
        sim.model.clusters().length
      } clusters, ${values.clock ?? 'wall'} clock)`,
      '',
      'AWS SDK clients (Config, EKS, Resilience Hub) and the ARC client:',
      `  endpoint ${settings.endpoint}, any region, access key ${settings.credentials.accessKeyId} (acts in account ${account?.accountId}; AKIA<account-id>SIMU for another), any secret`,
      `  e.g. AWS_ENDPOINT_URL=${sim.url} AWS_ACCESS_KEY_ID=${settings.credentials.accessKeyId} AWS_SECRET_ACCESS_KEY=${settings.credentials.secretAccessKey} AWS_REGION=us-east-1`,
      'Kubernetes (@kubernetes/client-node, kubectl):',
      `  server = the cluster's Endpoint from Config or EKS (${sim.url}/k8s/<account>.<region>.<name>), bearer token ${SIMULATOR_KUBE_TOKEN}`,
      `Control API: ${sim.url}/_sim/state, /_sim/clusters, /_sim/events, POST /_sim/clock/advance, ...`,
      '',
    ].join('\n'),
  );
  await new Promise<void>(done => {
    const shutdown = () => {
      ticking?.stop();
      sim.stop().then(done, done);
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });
}
