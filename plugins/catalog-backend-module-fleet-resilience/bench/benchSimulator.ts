/**
 * bench:catalog's simulator: the package's CLI as a child process (as a user
 * runs it), its AWS request log summed per IAM action, and the latency it
 * adds to every AWS answer. Node built-ins only.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { readAwsRequestSummary, type AwsRequestSummary } from './catalogReport';

const SIMULATOR_BIN = resolve(
  __dirname,
  '../../../packages/fleet-simulator/bin/fleet-simulator',
);

/** The AWS services both sides call. */
const LATENCY_SERVICES = [
  'config',
  'eks',
  'resiliencehub',
  'arc-zonal-shift',
  'sts',
];

export interface BenchSimulator {
  url: string;
  accounts: string[];
  pid: number;
  stop(): void;
}

/** Starts `fleet-simulator <args>` on a free port; resolves once it listens. */
export async function startBenchSimulator(
  args: readonly string[],
): Promise<BenchSimulator> {
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
  return {
    url,
    accounts: state.accounts,
    pid: child.pid!,
    stop: () => child.kill('SIGTERM'),
  };
}

async function control(url: string, method: string, body?: unknown) {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(
      `${method} ${url} answered ${response.status}: ${(
        await response.text()
      ).slice(0, 500)}`,
    );
  return response.json();
}

/** The simulator's AWS requests so far, per IAM action (`eks:DescribeCluster`, ...), with its handling times if it reports them. */
export async function awsRequestsByAction(
  simulatorUrl: string,
): Promise<AwsRequestSummary> {
  return readAwsRequestSummary(
    await control(`${simulatorUrl}/_sim/aws-requests/by-action`, 'GET'),
  );
}

export async function clearAwsRequests(simulatorUrl: string): Promise<void> {
  await control(`${simulatorUrl}/_sim/aws-requests`, 'DELETE');
}

/** Adds `latencyMs` before every answer of Config, EKS, Resilience Hub, ARC and STS (0: none). */
export async function setAwsLatency(
  simulatorUrl: string,
  latencyMs: number,
): Promise<void> {
  if (latencyMs === 0) {
    await control(`${simulatorUrl}/_sim/faults`, 'DELETE');
    return;
  }
  await control(`${simulatorUrl}/_sim/faults`, 'PUT', {
    seed: 1,
    services: Object.fromEntries(
      LATENCY_SERVICES.map(service => [service, { latencyMs }]),
    ),
  });
}
