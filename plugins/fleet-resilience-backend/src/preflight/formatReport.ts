/**
 * The preflight report as text for a terminal: one line per check (status,
 * check, scope, what was seen) with the fix under it, failures first. Pure.
 */
import type {
  PreflightCheck,
  PreflightScope,
  PreflightStatus,
} from '@fleet-resilience/plugin-fleet-resilience-common';

const ORDER: Record<PreflightStatus, number> = {
  fail: 0,
  warn: 1,
  skipped: 2,
  pass: 3,
};

export function scopeText(scope: PreflightScope): string {
  const where = [scope.accountId, scope.region].filter(Boolean).join('/');
  return [where, scope.clusterName, scope.role ? `(${scope.role})` : undefined]
    .filter(Boolean)
    .join(' ');
}

/** Failures first, then warnings, skipped and passes; in run order within each. */
export function sortChecks(
  checks: readonly PreflightCheck[],
): PreflightCheck[] {
  return checks
    .map((check, index) => ({ check, index }))
    .sort(
      (a, b) =>
        ORDER[a.check.status] - ORDER[b.check.status] || a.index - b.index,
    )
    .map(({ check }) => check);
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

export function formatChecks(checks: readonly PreflightCheck[]): string {
  const sorted = sortChecks(checks);
  const idWidth = Math.max(5, ...sorted.map(c => c.id.length));
  const scopeWidth = Math.max(5, ...sorted.map(c => scopeText(c.scope).length));
  const lines = [
    `${pad('STATUS', 8)}${pad('CHECK', idWidth + 2)}${pad(
      'SCOPE',
      scopeWidth + 2,
    )}DETAIL`,
  ];
  for (const check of sorted) {
    lines.push(
      `${pad(check.status.toUpperCase(), 8)}${pad(check.id, idWidth + 2)}${pad(
        scopeText(check.scope),
        scopeWidth + 2,
      )}${check.title}: ${check.detail}`,
    );
    if (check.fix && check.status !== 'pass') {
      lines.push(`${' '.repeat(8)}fix: ${check.fix}`);
    }
  }
  const count = (status: PreflightStatus) =>
    checks.filter(c => c.status === status).length;
  lines.push(
    '',
    `${count('pass')} pass, ${count('warn')} warn, ${count(
      'fail',
    )} fail, ${count('skipped')} skipped`,
  );
  return `${lines.join('\n')}\n`;
}
