/**
 * Starts childBackend.ts in a Node process of its own (Backstage's Node
 * transform runs the TypeScript, as `backstage-cli package start` does), on
 * a free port, with the given config; and the database config a second
 * process can share: a SQLite directory, or a fresh database on the test
 * PostgreSQL server.
 */
import type { TestDatabaseId } from '@backstage/backend-test-utils';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const PACKAGE_DIR = resolve(__dirname, '../..');
const START_TIMEOUT_MS = 45_000;

export interface ChildBackend {
  url: string;
  process: ChildProcess;
  /** What it wrote to stdout and stderr so far (for a failing test's message). */
  output(): string;
  /** Sends `signal` and waits for the process to end. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/**
 * `backend.database` for processes that share one database: a SQLite file
 * in a new directory, or a new database (by prefix) on the test PostgreSQL
 * server named by the database ID's environment variable.
 */
export function sharedDatabaseConfig(databaseId: TestDatabaseId): object {
  if (databaseId.startsWith('SQLITE')) {
    return {
      client: 'better-sqlite3',
      connection: {
        directory: mkdtempSync(join(tmpdir(), 'fleet-child-')),
      },
    };
  }
  const version = databaseId.replace('POSTGRES_', '');
  const connection =
    process.env[`BACKSTAGE_TEST_DATABASE_POSTGRES${version}_CONNECTION_STRING`];
  if (!connection) {
    throw new Error(`No connection string for ${databaseId}`);
  }
  return {
    client: 'pg',
    connection,
    prefix: `fault_${randomBytes(4).toString('hex')}_`,
  };
}

export async function startChildBackend(config: object): Promise<ChildBackend> {
  const port = await freePort();
  const full = {
    ...config,
    backend: {
      ...(config as { backend?: object }).backend,
      baseUrl: `http://127.0.0.1:${port}`,
      listen: { port, host: '127.0.0.1' },
    },
  };
  const child = spawn(
    process.execPath,
    [
      '--require',
      '@backstage/cli/config/nodeTransform.cjs',
      'src/__testUtils__/childBackend.ts',
    ],
    {
      cwd: PACKAGE_DIR,
      env: { ...process.env, FLEET_CHILD_CONFIG: JSON.stringify(full) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const exited = new Promise<void>(done => child.once('exit', () => done()));
  const started = new Promise<void>((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`The child backend did not start:\n${output}`)),
      START_TIMEOUT_MS,
    );
    const onData = (data: Buffer) => {
      output += data.toString();
      if (output.includes(`listening ${port}`)) {
        clearTimeout(timer);
        done();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', code => {
      clearTimeout(timer);
      fail(new Error(`The child backend exited (${code}):\n${output}`));
    });
  });
  await started;
  return {
    url: `http://127.0.0.1:${port}`,
    process: child,
    output: () => output,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
      }
      await exited;
    },
  };
}
