// Runs a scenario as named steps: each step ends with a numbered full-page
// screenshot (`01-sign-in.png`, ...); the first failing step leaves
// `NN-<step>-FAILED.png`, `failure.txt` and the page's console errors, and
// stops the scenario.
import fs from 'node:fs';
import path from 'node:path';

/** `Open the cluster page` -> `open-the-cluster-page`. */
export function slug(name) {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** `01-sign-in.png`: numbered so a directory listing is the story in order. */
export function screenshotName(index, name, failed = false) {
  return `${String(index).padStart(2, '0')}-${slug(name)}${
    failed ? '-FAILED' : ''
  }.png`;
}

/** Collects what the page reports as going wrong, for the failure report. */
export function watchConsole(page) {
  const problems = [];
  page.on('console', message => {
    if (message.type() === 'error') {
      problems.push({ type: 'console.error', text: message.text() });
    }
  });
  page.on('pageerror', error => {
    problems.push({ type: 'pageerror', text: error.stack ?? String(error) });
  });
  page.on('requestfailed', request => {
    problems.push({
      type: 'requestfailed',
      text: `${request.method()} ${request.url()}: ${
        request.failure()?.errorText
      }`,
    });
  });
  return problems;
}

export function createStepRunner({ page, dir, problems, log = console.log }) {
  fs.mkdirSync(dir, { recursive: true });
  const results = [];
  let index = 0;

  async function step(name, action) {
    index += 1;
    const started = Date.now();
    log(`[e2e] ${index}. ${name}`);
    try {
      await action();
      const file = screenshotName(index, name);
      await page.screenshot({ path: path.join(dir, file), fullPage: true });
      results.push({
        step: index,
        name,
        ms: Date.now() - started,
        screenshot: file,
      });
    } catch (error) {
      const file = screenshotName(index, name, true);
      await page
        .screenshot({ path: path.join(dir, file), fullPage: true })
        .catch(() => undefined);
      results.push({
        step: index,
        name,
        ms: Date.now() - started,
        screenshot: file,
        error: error.message,
      });
      fs.writeFileSync(
        path.join(dir, 'failure.txt'),
        `step ${index} "${name}" failed at ${page.url()}\n\n${error.stack}\n`,
      );
      fs.writeFileSync(
        path.join(dir, 'console-errors.json'),
        `${JSON.stringify(problems, null, 2)}\n`,
      );
      throw error;
    }
  }

  function writeSummary(extra = {}) {
    fs.writeFileSync(
      path.join(dir, 'summary.json'),
      `${JSON.stringify(
        { steps: results, consoleProblems: problems.length, ...extra },
        null,
        2,
      )}\n`,
    );
  }

  return { step, results, writeSummary };
}
