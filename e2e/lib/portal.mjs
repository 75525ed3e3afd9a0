// Starts the example portal the way the README does (`npm start`, optionally
// with extra config files), waits until it answers, and stops its whole
// process group afterwards: `npm start` forks yarn, backstage-cli, the
// frontend dev server and the backend, and none of them may outlive the test.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../scripts/lib/toolchain.mjs';

const sleep = ms => new Promise(done => setTimeout(done, ms));

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts `npm start [-- args]` in its own process group, output to logFile.
 * Returns { stop, exited } where exited is a promise of the exit code (so a
 * caller can fail fast when the portal dies while it waits).
 */
export function startPortal({ args = [], logFile, env = process.env }) {
  return startGroup({
    command: 'npm',
    args: ['start', ...(args.length > 0 ? ['--', ...args] : [])],
    cwd: repoRoot,
    logFile,
    env,
  });
}

/**
 * The backend alone, compiled on load and not watching the sources (so an
 * edit elsewhere in the tree cannot restart it mid-measurement); the app
 * backend serves packages/app/dist when it exists.
 */
export function startBackendOnly({ configs, logFile, env = process.env }) {
  return startGroup({
    command: 'node',
    args: [
      '--require',
      '@backstage/cli/config/nodeTransform.cjs',
      'src/index.ts',
      ...configs.flatMap(config => [
        '--config',
        path.resolve(repoRoot, config),
      ]),
    ],
    cwd: path.join(repoRoot, 'packages/backend'),
    logFile,
    // As `backstage-cli package start` runs it (the guest provider, for one,
    // only works in development).
    env: { ...env, NODE_ENV: 'development' },
  });
}

function startGroup({ command, args, cwd, logFile, env }) {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.openSync(logFile, 'w');
  const child = spawn(command, args, {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  const pgid = child.pid;
  const exited = new Promise(done => child.once('exit', code => done(code)));

  let stopping;
  const stop = () => {
    stopping ??= (async () => {
      if (!groupAlive(pgid)) return;
      process.kill(-pgid, 'SIGTERM');
      // The backend closes its database, the simulator its watches.
      for (let i = 0; i < 60 && groupAlive(pgid); i++) await sleep(250);
      if (groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
    })();
    return stopping;
  };
  // Last resort when the runner itself is interrupted or throws past us.
  const onExit = () => {
    if (groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
  };
  process.once('exit', onExit);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      stop().finally(() => process.exit(130));
    });
  }
  return {
    pid: pgid,
    stop,
    exited,
    startupFailure: () => startupFailure(logFile),
    backendStarts: () => backendStarts(logFile),
  };
}

/**
 * How often the backend has started listening. The dev backend restarts
 * whenever a source file it depends on changes, losing its in-memory state.
 */
export function backendStarts(logFile) {
  try {
    return fs.readFileSync(logFile, 'utf8').split('Listening on :').length - 1;
  } catch {
    return 0;
  }
}

/**
 * The backend's startup error when its latest start failed. The dev backend
 * stays down after that until a source file changes, so a runner waiting for
 * it should give up instead of waiting out its timeout.
 */
export function startupFailure(logFile) {
  let text;
  try {
    text = fs.readFileSync(logFile, 'utf8');
  } catch {
    return undefined;
  }
  // Another process took a port between our check and our start.
  const taken = /EADDRINUSE[^\n]*/.exec(text);
  if (taken) return taken[0];
  const failed = text.lastIndexOf('Backend startup failed');
  if (failed < 0 || failed < text.lastIndexOf('Listening on :'))
    return undefined;
  return text
    .slice(failed, failed + 600)
    .split('\n')
    .slice(0, 3)
    .join(' ');
}

/**
 * Polls url until check(response, body) is true. Rejects on timeout or when
 * `exited` (the portal's exit) settles first.
 */
export async function waitFor(
  what,
  url,
  { timeoutMs, exited, check = r => r.ok, headers, failWhen },
) {
  let portalExit;
  exited?.then(code => {
    portalExit = code ?? 'signal';
  });
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  let failingSince;
  while (Date.now() < deadline) {
    if (portalExit !== undefined) {
      throw new Error(`the portal exited (${portalExit}) before ${what}`);
    }
    // A failure that lasts a minute (no watch-mode restart fixed it) is final.
    const failure = failWhen?.();
    failingSince = failure ? failingSince ?? Date.now() : undefined;
    if (failure && Date.now() - failingSince > 60_000) {
      throw new Error(`the portal failed before ${what}: ${failure}`);
    }
    try {
      const response = await fetch(url, {
        headers,
        signal: AbortSignal.timeout(10_000),
      });
      const body = await response.text();
      if (await check(response, body)) return body;
      last = `${response.status} ${body.slice(0, 200)}`;
    } catch (error) {
      last = error.cause?.message ?? error.message;
    }
    await sleep(1000);
  }
  throw new Error(
    `timed out after ${
      timeoutMs / 1000
    } s waiting for ${what} (${url}): ${last}`,
  );
}
