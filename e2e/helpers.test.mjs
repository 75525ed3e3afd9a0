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
import { JSDOM, VirtualConsole } from 'jsdom';
import {
  AccessibilityError,
  axeContext,
  checkA11y,
  failingViolations,
  formatViolations,
  runAxe,
  summaryText,
} from './lib/axe.mjs';

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

/** An axe result's violation as the page returns it. */
function axeViolation(id, impact, nodes) {
  return {
    id,
    impact,
    help: `${id} help`,
    helpUrl: `https://example.invalid/${id}`,
    nodes: nodes.map(([target, nodeImpact, failureSummary]) => ({
      target,
      impact: nodeImpact,
      html: '<x>',
      failureSummary,
    })),
  };
}

test('axe violations: only serious and critical ones, and only their nodes of that impact', () => {
  const violations = [
    axeViolation('color-contrast', 'serious', [
      [
        ['.label'],
        'serious',
        'Fix any of the following:\n  Element has insufficient color contrast of 4.47\n  other',
      ],
    ]),
    axeViolation('region', 'moderate', [[['p'], 'moderate', '']]),
    axeViolation('aria-allowed-attr', 'critical', [
      [['#a'], 'critical', ''],
      [['#b'], 'minor', ''],
      [['iframe', '#c'], null, ''],
    ]),
    axeViolation('heading-order', 'minor', [[['h3'], 'minor', '']]),
  ];
  assert.deepEqual(failingViolations(violations), [
    {
      id: 'color-contrast',
      impact: 'serious',
      help: 'color-contrast help',
      helpUrl: 'https://example.invalid/color-contrast',
      nodes: [
        {
          target: '.label',
          html: '<x>',
          summary: 'Element has insufficient color contrast of 4.47',
        },
      ],
    },
    {
      id: 'aria-allowed-attr',
      impact: 'critical',
      help: 'aria-allowed-attr help',
      helpUrl: 'https://example.invalid/aria-allowed-attr',
      nodes: [
        { target: '#a', html: '<x>', summary: '' },
        // No impact of its own: the violation's.
        { target: 'iframe #c', html: '<x>', summary: '' },
      ],
    },
  ]);
  assert.deepEqual(failingViolations([]), []);
});

test('axe failure summaries: every "all" failure, the first "any" alternative', () => {
  assert.equal(
    summaryText(
      'Fix all of the following:\n  a is wrong\n  b is wrong\n\nFix any of the following:\n  no label\n  no title',
    ),
    'a is wrong; b is wrong; no label',
  );
  assert.equal(summaryText(undefined), '');
});

test('axe context: the document, or include and exclude selectors', () => {
  assert.equal(axeContext(), undefined);
  assert.deepEqual(axeContext({ include: '[role="dialog"]' }), {
    include: [['[role="dialog"]']],
  });
  assert.deepEqual(axeContext({ include: ['main', 'nav'], exclude: '.x' }), {
    include: [['main'], ['nav']],
    exclude: [['.x']],
  });
});

test('axe report lists each violation and element, or says there are none', () => {
  assert.equal(
    formatViolations('console at 1024x768', []),
    'console at 1024x768: no serious or critical accessibility violations',
  );
  const report = formatViolations('cluster page', [
    {
      id: 'color-contrast',
      impact: 'serious',
      help: 'Elements must meet minimum color contrast ratio thresholds',
      nodes: [
        { target: '.a', summary: 'contrast of 4.47' },
        { target: '.b', summary: '' },
      ],
    },
  ]);
  assert.equal(
    report,
    [
      'cluster page: 1 serious or critical accessibility violation on 2 elements',
      '- color-contrast (serious): Elements must meet minimum color contrast ratio thresholds',
      '    .a — contrast of 4.47',
      '    .b',
    ].join('\n'),
  );
});

/**
 * A stand-in for a playwright page over jsdom: evaluate runs a string as a
 * script and a function with its argument, both in the page's window, and
 * passes values through JSON as playwright serialises them.
 */
function jsdomPage(html) {
  const virtualConsole = new VirtualConsole();
  // jsdom has no canvas, which axe probes for; nothing else is expected.
  virtualConsole.on('jsdomError', error => {
    if (!/Not implemented/.test(error.message)) throw error;
  });
  const dom = new JSDOM(html, {
    runScripts: 'outside-only',
    pretendToBeVisual: true,
    virtualConsole,
  });
  const copy = value =>
    value === undefined ? undefined : JSON.parse(JSON.stringify(value));
  return {
    window: dom.window,
    evaluate: async (script, arg) =>
      copy(
        typeof script === 'string'
          ? dom.window.eval(script)
          : await dom.window.eval(`(${script})`)(copy(arg)),
      ),
  };
}

test('axe runs in the page: injected once, whole document or an included part, serious and critical only', async () => {
  const page =
    jsdomPage(`<!doctype html><html lang="en"><head><title>t</title></head><body>
    <p>outside any landmark (moderate: not reported)</p>
    <main><h1>Cluster</h1><img id="chart" src="chart.png"><button></button>
      <div role="dialog" aria-label="Shift"><img id="az" src="az.png"></div></main>
  </body></html>`);
  const ids = violations => violations.map(v => v.id).sort();
  const whole = await runAxe(page);
  assert.deepEqual(ids(whole), ['button-name', 'image-alt']);
  assert.deepEqual(
    whole.find(v => v.id === 'image-alt').nodes.map(n => n.target),
    ['#chart', '#az'],
  );
  const axe = page.window.axe;
  const dialog = await runAxe(page, { include: '[role="dialog"]' });
  assert.equal(page.window.axe, axe, 'axe is injected only once');
  assert.deepEqual(ids(dialog), ['image-alt']);
  assert.deepEqual(
    dialog[0].nodes.map(n => n.target),
    ['#az'],
  );

  await assert.rejects(
    checkA11y(page, 'cluster page', { exclude: '[role="dialog"]' }),
    error =>
      error instanceof AccessibilityError &&
      error.violations.length === 2 &&
      /^cluster page: 2 serious or critical accessibility violations on 2 elements\n/.test(
        error.message,
      ) &&
      error.message.includes('#chart') &&
      !error.message.includes('#az'),
  );
  const clean = jsdomPage(
    '<!doctype html><html lang="en"><head><title>t</title></head><body><main><h1>Fine</h1></main></body></html>',
  );
  assert.deepEqual(await checkA11y(clean, 'clean page'), []);
});
