// A throwaway PostgreSQL server for the test run: initialised in a temporary
// directory from the machine's PostgreSQL binaries, listening on a free
// loopback port, removed when the tests end. Backstage's TestDatabases finds
// it through BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

function findBinDir() {
  const onPath = spawnSync('sh', ['-c', 'command -v pg_ctl'], {
    encoding: 'utf8',
  });
  if (onPath.status === 0 && onPath.stdout.trim()) {
    return path.dirname(onPath.stdout.trim());
  }
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return undefined;
  const versions = fs
    .readdirSync(root)
    .filter(v => fs.existsSync(path.join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0], 'bin') : undefined;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a server and returns `{ env, stop }`, or `undefined` (with the
 * reason) when the machine has no PostgreSQL binaries.
 */
export async function startPostgres() {
  const binDir = findBinDir();
  if (!binDir) {
    return { reason: 'no PostgreSQL server binaries (pg_ctl) found' };
  }
  const bin = name => path.join(binDir, name);
  const major = execFileSync(bin('pg_ctl'), ['--version'], {
    encoding: 'utf8',
  }).match(/(\d+)(?:\.\d+)?/)[1];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-resilience-pg-'));
  const dataDir = path.join(dir, 'data');
  // initdb refuses to run as root: run the server as the `postgres` user then.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['postgres', dir]);
  const exec = (command, args) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], {
          stdio: 'pipe',
        })
      : execFileSync(command, args, { stdio: 'pipe' });

  const port = await freePort();
  exec(bin('initdb'), ['-D', dataDir, '-A', 'trust', '-U', 'postgres']);
  exec(bin('pg_ctl'), [
    '-D',
    dataDir,
    '-l',
    path.join(dir, 'server.log'),
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off`,
    '-w',
    'start',
  ]);
  const url = `postgresql://postgres@127.0.0.1:${port}`;
  let stopped = false;
  return {
    major,
    url,
    env: {
      [`BACKSTAGE_TEST_DATABASE_POSTGRES${major}_CONNECTION_STRING`]: url,
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        exec(bin('pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
