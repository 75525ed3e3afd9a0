// Accessibility checks with axe-core in a playwright page: axe's own source
// is put into the page, run there on the document (or a part of it, e.g. an
// open dialog), and only serious and critical findings are kept, as the
// issue's bar is "no serious or critical violations".
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The axe impacts that fail a check ("minor" and "moderate" do not). */
export const FAILING_IMPACTS = ['serious', 'critical'];

let axeSourceText;

/** axe-core's browser script, read once from the installed package. */
export function axeSource() {
  axeSourceText ??= require('axe-core').source;
  return axeSourceText;
}

/**
 * axe's run context for `include` / `exclude` (a CSS selector or a list of
 * them); the whole document when neither is given.
 */
export function axeContext({ include, exclude } = {}) {
  const list = value =>
    value === undefined ? undefined : [value].flat().map(s => [s]);
  if (include === undefined && exclude === undefined) return undefined;
  return {
    ...(include === undefined ? {} : { include: list(include) }),
    ...(exclude === undefined ? {} : { exclude: list(exclude) }),
  };
}

/** axe's node target (one selector per frame or shadow root) as one string. */
function targetText(target) {
  return [target].flat(Infinity).join(' ');
}

/**
 * A node's failure summary on one line: under "Fix all of the following:"
 * every line is a failure, under "Fix any of the following:" each line is an
 * alternative that also fails, so the first says enough.
 */
export function summaryText(failureSummary) {
  const parts = [];
  let section;
  for (const raw of (failureSummary ?? '').split('\n')) {
    const line = raw.trim();
    const heading = /^Fix (any|all) of the following:$/.exec(line);
    if (heading) {
      section = { any: heading[1] === 'any', lines: [] };
      parts.push(section);
    } else if (line) {
      if (!section) {
        section = { any: false, lines: [] };
        parts.push(section);
      }
      section.lines.push(line);
    }
  }
  return parts
    .flatMap(part => (part.any ? part.lines.slice(0, 1) : part.lines))
    .join('; ');
}

/**
 * The serious and critical violations of an axe result, each with the nodes
 * that have that impact: { id, impact, help, helpUrl, nodes: [{ target,
 * html, summary }] }. axe gives a violation the highest impact of its nodes,
 * so a node's own impact decides whether it is listed.
 */
export function failingViolations(violations) {
  const failing = impact => FAILING_IMPACTS.includes(impact);
  return violations
    .filter(violation => failing(violation.impact))
    .map(violation => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      helpUrl: violation.helpUrl,
      nodes: violation.nodes
        .filter(node => failing(node.impact ?? violation.impact))
        .map(node => ({
          target: targetText(node.target),
          html: node.html,
          summary: summaryText(node.failureSummary),
        })),
    }))
    .filter(violation => violation.nodes.length > 0);
}

/** A report of the violations for an error message or a log, one node a line. */
export function formatViolations(label, violations) {
  if (violations.length === 0) {
    return `${label}: no serious or critical accessibility violations`;
  }
  const nodes = violations.reduce((n, v) => n + v.nodes.length, 0);
  const lines = [
    `${label}: ${
      violations.length
    } serious or critical accessibility violation${
      violations.length === 1 ? '' : 's'
    } on ${nodes} element${nodes === 1 ? '' : 's'}`,
  ];
  for (const violation of violations) {
    lines.push(`- ${violation.id} (${violation.impact}): ${violation.help}`);
    for (const node of violation.nodes) {
      lines.push(
        `    ${node.target}${node.summary ? ` — ${node.summary}` : ''}`,
      );
    }
  }
  return lines.join('\n');
}

/**
 * Runs in the page (serialised by playwright, so it uses nothing from this
 * module). Running animations with an end, such as a dialog's fade-in, are
 * awaited first (for at most two seconds): half-transparent text would read
 * as a contrast failure. Infinite ones (progress spinners) and scroll-driven
 * ones (Backstage UI's card shadows) never finish and are not awaited.
 */
async function runInPage({ context, options }) {
  const animations =
    typeof document.getAnimations === 'function'
      ? document.getAnimations()
      : [];
  const ending = animations.filter(
    a =>
      a.timeline === document.timeline &&
      Number.isFinite(a.effect?.getComputedTiming().endTime),
  );
  await Promise.race([
    Promise.all(ending.map(a => a.finished.catch(() => undefined))),
    new Promise(done => setTimeout(done, 2000)),
  ]);
  const results = await window.axe.run(context ?? document, options);
  return results.violations.map(violation => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    helpUrl: violation.helpUrl,
    nodes: violation.nodes.map(node => ({
      target: node.target,
      impact: node.impact,
      html: node.html,
      failureSummary: node.failureSummary,
    })),
  }));
}

/**
 * Runs axe in the page on the document, or on `include` minus `exclude`
 * (CSS selectors), and returns the serious and critical violations (see
 * failingViolations). axe is evaluated through the DevTools protocol rather
 * than added as an inline <script>, which a Content-Security-Policy (the
 * backend serves the production app with one) would block.
 */
export async function runAxe(page, { include, exclude } = {}) {
  const loaded = await page.evaluate(() => typeof window.axe === 'object');
  if (!loaded) await page.evaluate(axeSource());
  const violations = await page.evaluate(runInPage, {
    context: axeContext({ include, exclude }),
    options: { resultTypes: ['violations'] },
  });
  return failingViolations(violations);
}

/** The violations a failed check found, and their report as its message. */
export class AccessibilityError extends Error {
  constructor(label, violations) {
    super(formatViolations(label, violations));
    this.name = 'AccessibilityError';
    this.violations = violations;
  }
}

/**
 * Throws an AccessibilityError listing every serious or critical violation
 * on the page (or in `include`, e.g. '[role="dialog"]'); label names the
 * page in the message, e.g. "cluster page at 1024x768".
 */
export async function checkA11y(page, label, { include, exclude } = {}) {
  const violations = await runAxe(page, { include, exclude });
  if (violations.length > 0) throw new AccessibilityError(label, violations);
  return violations;
}
