#!/usr/bin/env node
// Browser tests of the example portal in headless Chromium (Debian's
// /usr/bin/chromium driven by playwright-core):
//   node scripts/e2e.mjs [--skip shift,history,console]
//       starts the portal with `npm start` (demo fleet), runs the end-to-end
//       scenario, screenshots every step into e2e-artifacts/portal/
//   node scripts/e2e.mjs bench-console [--clusters 1000] [--runs 5] [--dev] [--busy]
//       the shift console on a generated fleet: time to first rows and filter
//       latency, printed as JSON (see e2e/README.md)
// The portal's whole process group is stopped afterwards, also on failure.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { prepareToolchain, repoRoot } from './lib/toolchain.mjs';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    skip: { type: 'string', default: '' },
    artifacts: { type: 'string', default: 'e2e-artifacts' },
    clusters: { type: 'string', default: '1000' },
    nodes: { type: 'string', default: '6' },
    pods: { type: 'string', default: '40' },
    runs: { type: 'string', default: '5' },
    dev: { type: 'boolean', default: false },
    busy: { type: 'boolean', default: false },
  },
});

function positiveInteger(name) {
  const value = Number(values[name]);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(
      `--${name} must be a positive integer, not "${values[name]}"`,
    );
  }
  return value;
}

async function main() {
  const [command = 'test'] = positionals;
  const env = prepareToolchain();
  const artifacts = path.resolve(repoRoot, values.artifacts);
  if (command === 'test') {
    const { runPortalE2e } = await import('../e2e/runPortalE2e.mjs');
    const skip = values.skip.split(',').filter(Boolean);
    return runPortalE2e({
      env,
      artifacts: path.join(artifacts, 'portal'),
      skip,
    });
  }
  if (command === 'bench-console') {
    const { runConsoleBench } = await import('../e2e/consoleBench.mjs');
    return runConsoleBench({
      env,
      artifacts: path.join(artifacts, 'console-bench'),
      clusters: positiveInteger('clusters'),
      nodes: positiveInteger('nodes'),
      pods: positiveInteger('pods'),
      runs: positiveInteger('runs'),
      production: !values.dev,
      busy: values.busy,
    });
  }
  process.stderr.write(
    'usage: node scripts/e2e.mjs [test|bench-console] [options]\n',
  );
  return 2;
}

main().then(
  code => process.exit(code),
  error => {
    process.stderr.write(`[e2e] ${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
