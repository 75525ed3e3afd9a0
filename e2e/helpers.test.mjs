// Unit tests of the runner's pure helpers: node --test e2e/
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { refreshComplete } from './lib/backendApi.mjs';
import { backendStarts, startupFailure } from './lib/portal.mjs';
import { screenshotName, slug } from './lib/steps.mjs';
import { longTasksBetween, median, summarize } from './bench/stats.mjs';
import { benchConfig } from './bench/generatedFleet.mjs';
import { configFileText, mergeConfig } from './lib/configFile.mjs';
import { DEFAULT_PORTS, portsConfig, shiftedPorts } from './lib/ports.mjs';
import { excludedProblem, restoredProblem } from './lib/reconcileChecks.mjs';

test('screenshots are numbered and named by step', () => {
  assert.equal(slug('Open the cluster page'), 'open-the-cluster-page');
  assert.equal(slug('  type "-prod" more!'), 'type-prod-more');
  assert.equal(
    screenshotName(3, 'Search for the cluster'),
    '03-search-for-the-cluster.png',
  );
  assert.equal(screenshotName(12, 'revert', true), '12-revert-FAILED.png');
});

test('median and worst of measured times', () => {
  assert.equal(median([]), undefined);
  assert.equal(median([5]), 5);
  assert.equal(median([9, 1, 5]), 5);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.deepEqual(summarize([300.4, 120.6, 910]), {
    runs: 3,
    medianMs: 300,
    worstMs: 910,
    allMs: [300, 121, 910],
  });
});

test('long tasks are counted by their start inside the window', () => {
  const tasks = [
    { start: 10, duration: 60 },
    { start: 100, duration: 120 },
    { start: 250, duration: 55 },
  ];
  assert.deepEqual(longTasksBetween(tasks, 50, 250), {
    count: 1,
    totalMs: 120,
    longestMs: 120,
  });
  assert.deepEqual(longTasksBetween(tasks, 0, 1000), {
    count: 3,
    totalMs: 235,
    longestMs: 120,
  });
  assert.deepEqual(longTasksBetween(tasks, 500, 600), {
    count: 0,
    totalMs: 0,
    longestMs: 0,
  });
});

test('a refresh is complete once every known cluster was read', () => {
  const status = (total, never, lastRefresh = { durationMs: 1 }) => ({
    clusters: { total, fresh: total - never, stale: 0, never },
    lastRefresh,
  });
  assert.equal(refreshComplete(status(12, 0)), true);
  assert.equal(refreshComplete(status(12, 3)), false);
  assert.equal(refreshComplete(status(12, 0, null)), false);
  assert.equal(refreshComplete(status(0, 0)), false);
  assert.equal(refreshComplete(status(400, 0), 1000), false);
  assert.equal(refreshComplete(status(1000, 0), 1000), true);
  assert.equal(refreshComplete(undefined), false);
});

test('a backend start that failed after its last successful listen is reported', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-'));
  const log = path.join(dir, 'portal.log');
  assert.equal(startupFailure(log), undefined);
  fs.writeFileSync(log, 'Listening on :7007\n');
  assert.equal(startupFailure(log), undefined);
  fs.appendFileSync(
    log,
    'x Backend startup failed due to the following errors:\n  Plugin boom\n',
  );
  assert.match(startupFailure(log), /Backend startup failed/);
  fs.appendFileSync(log, 'Listening on :7007\n');
  assert.equal(startupFailure(log), undefined);
  assert.equal(backendStarts(log), 2);
  fs.appendFileSync(
    log,
    'Error: listen EADDRINUSE: address already in use :::7007\n',
  );
  assert.match(startupFailure(log), /EADDRINUSE/);
  fs.rmSync(dir, { recursive: true });
});

test('the benchmark config points at the generated fleet with a key per account', () => {
  const config = benchConfig({
    fleetFile: '/tmp/f.yaml',
    accounts: ['100000000000', '100111111111'],
    appBaseUrl: 'http://localhost:7107',
  });
  assert.equal(config.app.baseUrl, 'http://localhost:7107');
  assert.deepEqual(
    config.aws.accounts.map(a => a.accessKeyId),
    ['AKIA100000000000SIMU', 'AKIA100111111111SIMU'],
  );
  assert.equal(config.fleetResilience.simulator.fleet, '/tmp/f.yaml');
  assert.equal(
    config.fleetResilience.inventory.awsConfig.aggregator.accountId,
    '100000000000',
  );
  assert.equal(
    benchConfig({ fleetFile: '/tmp/f.yaml', accounts: ['100000000000'] }).app,
    undefined,
  );
});

test('shifted ports move the frontend, backend, CORS origin, simulator and every AWS endpoint together', () => {
  assert.deepEqual(shiftedPorts(0), DEFAULT_PORTS);
  const config = portsConfig(shiftedPorts(100));
  assert.equal(config.app.baseUrl, 'http://localhost:3100');
  assert.equal(config.backend.baseUrl, 'http://localhost:7107');
  assert.equal(config.backend.listen.port, 7107);
  assert.equal(config.backend.cors.origin, 'http://localhost:3100');
  assert.equal(config.fleetResilience.simulator.port, 7580);
  assert.deepEqual(
    new Set(Object.values(config.fleetResilience.aws.endpoints)),
    new Set(['http://127.0.0.1:7580']),
  );
});

test('config layers merge objects key by key and replace arrays whole', () => {
  const merged = mergeConfig(
    {
      backend: { baseUrl: 'a', listen: { port: 1 } },
      aws: { accounts: [{ accountId: '1' }, { accountId: '2' }] },
    },
    {
      backend: { listen: { port: 2 } },
      aws: { accounts: [{ accountId: '3' }] },
    },
  );
  assert.deepEqual(merged, {
    backend: { baseUrl: 'a', listen: { port: 2 } },
    aws: { accounts: [{ accountId: '3' }] },
  });
  assert.deepEqual(JSON.parse(configFileText(merged)), merged);
});

test('the page probes are valid JavaScript once out of their template literal', async () => {
  const { PROBES_SCRIPT } = await import('./bench/pageProbes.mjs');
  assert.doesNotThrow(() => new Function(PROBES_SCRIPT));
  assert.match(PROBES_SCRIPT, /includes\('\/clusters\?'\)/);
});

test('the reconciler checks accept only a patched exclusion and an exact restore', () => {
  const zones = ['use1-az1', 'use1-az2', 'use1-az4'];
  const status = (outcome, allowedZoneIds, awayZoneIds = []) => ({
    awayZoneIds,
    nodePools: [{ name: 'default', outcome, allowedZoneIds }],
  });
  const away = ['use1-az2', 'use1-az4'];
  assert.equal(
    excludedProblem(
      status('patched', away, ['use1-az1']),
      'default',
      'use1-az1',
      zones,
    ),
    undefined,
  );
  assert.match(
    excludedProblem(status('would-patch', away), 'default', 'use1-az1', zones),
    /outcome is would-patch/,
  );
  assert.match(
    excludedProblem(status('patched', zones), 'default', 'use1-az1', zones),
    /allowed zones/,
  );
  assert.match(
    excludedProblem(status('patched', away), 'other', 'use1-az1', zones),
    /no reconcile result/,
  );
  assert.equal(
    restoredProblem(status('restored', [...zones].reverse()), 'default', zones),
    undefined,
  );
  assert.match(
    restoredProblem(status('unchanged', zones), 'default', zones),
    /outcome is unchanged/,
  );
  assert.match(
    restoredProblem(status('restored', away), 'default', zones),
    /allowed zones/,
  );
  assert.match(
    restoredProblem(status('restored', zones, ['use1-az1']), 'default', zones),
    /still away/,
  );
});
