/**
 * The benchmark's load generator, a child process of backend.bench.ts:
 * `requests` GETs of one URL from `concurrency` workers (after one warm-up
 * request per worker), with an Authorization header when given, then the
 * latency percentiles back to the parent.
 * Node built-ins only (and benchSupport's percentile), so it starts fast and
 * shares nothing with the backend.
 */
import { parseArgs } from 'node:util';
import { percentile } from './benchSupport';

export interface LoadResult {
  requests: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  requestsPerSecond: number;
}

const round = (n: number) => Math.round(n * 10) / 10;

async function run(
  url: string,
  concurrency: number,
  total: number,
  authorization?: string,
): Promise<LoadResult> {
  const init = authorization ? { headers: { authorization } } : {};
  await Promise.all(
    Array.from({ length: concurrency }, () =>
      fetch(url, init).then(r => r.arrayBuffer()),
    ),
  );
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < total) {
        const t = performance.now();
        const response = await fetch(url, init);
        await response.arrayBuffer();
        latencies.push(performance.now() - t);
        if (!response.ok) errors += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    maxMs: round(latencies[latencies.length - 1] ?? 0),
    requestsPerSecond: Math.round(latencies.length / seconds),
  };
}

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      concurrency: { type: 'string', default: '50' },
      requests: { type: 'string', default: '3000' },
      authorization: { type: 'string' },
    },
  });
  run(
    values.url!,
    Number(values.concurrency),
    Number(values.requests),
    values.authorization,
  ).then(
    result => process.send!(result, () => process.exit(0)),
    error => {
      process.stderr.write(`${error}\n`);
      process.exit(1);
    },
  );
}
