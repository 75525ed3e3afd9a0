#!/usr/bin/env node
// The repository's entry point on a machine with only Node.js and npm:
//   node scripts/portal.mjs start        the portal on the embedded defaults
//   node scripts/portal.mjs test [args]  every test (args go to Jest)
//   node scripts/portal.mjs yarn <args>  any Yarn command, with the toolchain
// `npm start` and `npm test` call the first two. Each provisions Node.js 22,
// the committed Yarn and the dependencies first when they are missing.
import path from 'node:path';
import { spawn } from 'node:child_process';
import { prepareToolchain, repoRoot } from './lib/toolchain.mjs';
import { startPostgres } from './lib/postgres.mjs';

function runYarn(args, env) {
  return new Promise(resolve => {
    const child = spawn('yarn', args, { cwd: repoRoot, env, stdio: 'inherit' });
    const forward = signal => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

async function test(args, env) {
  const configured = Object.keys(env).some(k =>
    /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(k),
  );
  let postgres;
  if (!configured) {
    postgres = await startPostgres();
    if (postgres.url) {
      process.stderr.write(
        `[test] PostgreSQL ${postgres.major} for database tests at ${postgres.url}\n`,
      );
      Object.assign(env, postgres.env);
    } else if (env.FLEET_REQUIRE_POSTGRES === '1') {
      throw new Error(`PostgreSQL is required but ${postgres.reason}`);
    } else {
      process.stderr.write(
        `[test] ${postgres.reason}: database tests run on SQLite only\n`,
      );
    }
  }
  try {
    // Without arguments run every test once; Jest's watch mode is for humans
    // who ask for it (`npm test -- --watch`).
    // Database tests use only the server started here (or named in the
    // environment) and SQLite: never a Docker container.
    return await runYarn(['backstage-cli', 'repo', 'test', ...args], {
      ...env,
      CI: env.CI ?? 'true',
      BACKSTAGE_TEST_DISABLE_DOCKER: '1',
    });
  } finally {
    postgres?.stop?.();
  }
}

async function main() {
  const [command, ...args] = process.argv.slice(2);
  const commands = {
    // The backend's metrics exporter is loaded first (see the file).
    start: env =>
      runYarn(
        [
          'backstage-cli',
          'repo',
          'start',
          ...(args.includes('--require')
            ? []
            : [
                '--require',
                path.join(repoRoot, 'packages/backend/src/instrumentation.js'),
              ]),
          ...args,
        ],
        env,
      ),
    test: env => test(args, env),
    yarn: env => runYarn(args, env),
  };
  if (!commands[command]) {
    process.stderr.write(
      'usage: node scripts/portal.mjs start|test|yarn [args]\n',
    );
    return 2;
  }
  return commands[command](prepareToolchain());
}

main().then(
  code => process.exit(code),
  error => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  },
);
