/**
 * What the benchmarks share: the simulator as a child process (exactly as a
 * user runs it) and latency percentiles. Node built-ins only, so
 * loadGenerator.ts can use it without loading the backend.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const SIMULATOR_BIN = resolve(
  __dirname,
  '../../../packages/fleet-simulator/bin/fleet-simulator',
);

/**
 * Starts `fleet-simulator` with the given arguments on a free port and waits
 * until it listens; returns its URL and the accounts it simulates.
 */
export async function startFleetSimulator(
  args: readonly string[],
): Promise<{ url: string; accounts: string[]; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [SIMULATOR_BIN, ...args, '--port', '0'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((done, fail) => {
    let output = '';
    child.stdout!.on('data', chunk => {
      output += chunk;
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (match) done(match[1]);
    });
    child.once('exit', code =>
      fail(new Error(`simulator exited with ${code}: ${output}`)),
    );
  });
  const state = (await (await fetch(`${url}/_sim/state`)).json()) as {
    accounts: string[];
  };
  return { url, accounts: state.accounts, stop: () => child.kill('SIGTERM') };
}

/** The p-th percentile of ascending samples (nearest rank); 0 without samples. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted.length
    ? sorted[
        Math.min(sorted.length - 1, Math.ceil((sorted.length * p) / 100) - 1)
      ]
    : 0;
}

/** Count, p50, p99 and maximum of latency samples, in whole milliseconds. */
export function latencySummary(samples: readonly number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    samples: sorted.length,
    p50Ms: Math.round(percentile(sorted, 50)),
    p99Ms: Math.round(percentile(sorted, 99)),
    maxMs: Math.round(sorted[sorted.length - 1] ?? 0),
  };
}

/**
 * What points the plugin at a simulator: its accounts' (unchecked) keys, its
 * URL as every AWS endpoint, and its Config aggregator.
 */
export function simulatorAwsConfig(sim: {
  url: string;
  accounts: readonly string[];
}) {
  return {
    aws: {
      accounts: sim.accounts.map(accountId => ({
        accountId,
        accessKeyId: `AKIA${accountId}SIMU`,
        secretAccessKey: 'fleet-simulator-secret-not-checked',
      })),
    },
    endpoints: {
      config: sim.url,
      arc: sim.url,
      resiliencehub: sim.url,
      eks: sim.url,
    },
    inventory: {
      awsConfig: {
        aggregator: {
          accountId: sim.accounts[0],
          region: 'us-east-1',
          name: 'fleet-aggregator',
        },
      },
    },
  };
}
