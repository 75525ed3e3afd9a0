/**
 * Rows a refresh could not store as they came: rejected (left out, the rest
 * of the batch stored) or cleaned (stored with unstorable characters
 * replaced). Reported in the source's refresh status, never a failed batch.
 * Pure.
 */
import { storableText, TEXT_LIMITS } from '../domain/storableText';

export interface DataProblem {
  /** The row, e.g. `zonal shift <id>`, `subnet <id>`. */
  resource?: string;
  /** The cluster the row is about, when there is one. */
  clusterArn?: string;
  message: string;
  /** `rejected`: the row was left out; `cleaned`: stored with characters replaced. */
  kind: 'rejected' | 'cleaned';
}

/** An AZ ID such as `use1-az1` or `use1-bos1-az1`, as the `varchar(32)` columns take it. */
const AZ_ID = /^[a-z]{2,5}\d+(-[a-z]+\d+)?-az\d+$/;

export function isAzId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 32 && AZ_ID.test(value);
}

/** A row the source itself left out (its `resource` bounded for storing). */
export function sourceProblem(problem: {
  resource?: string;
  message: string;
}): DataProblem {
  return {
    ...(problem.resource
      ? { resource: storableText(problem.resource, 200) }
      : {}),
    kind: 'rejected',
    message: problem.message,
  };
}

/** Shows an untrusted value in a message: cleaned, quoted and short. */
export function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return JSON.stringify(storableText(text, 60));
}

/** Cleans `value` into `problems` when it had to change. */
export function cleaned(
  value: string,
  maxLength: number,
  problems: DataProblem[],
  about: Omit<DataProblem, 'kind' | 'message'> & { field: string },
): string {
  const clean = storableText(value, maxLength);
  if (clean !== value) {
    const { field, ...where } = about;
    problems.push({
      ...where,
      kind: 'cleaned',
      message: `${field} had characters that cannot be stored, or was longer than ${maxLength}; stored cleaned`,
    });
  }
  return clean;
}

/** How many problems of each kind; messages for the refresh status. */
export function summariseProblems(
  problems: readonly DataProblem[],
  limit = 5,
): { rejected: number; cleaned: number; messages: string[] } {
  return {
    rejected: problems.filter(p => p.kind === 'rejected').length,
    cleaned: problems.filter(p => p.kind === 'cleaned').length,
    messages: problems
      .slice(0, limit)
      .map(p =>
        storableText(
          p.resource ? `${p.resource}: ${p.message}` : p.message,
          TEXT_LIMITS.message / 4,
        ),
      ),
  };
}

/** Each cluster's problems as messages (`<resource>: <message>`), for its detail. */
export function problemsByCluster(
  problems: readonly DataProblem[],
): Record<string, string[]> {
  const byCluster = new Map<string, string[]>();
  for (const problem of problems) {
    if (problem.clusterArn) {
      const list = byCluster.get(problem.clusterArn) ?? [];
      list.push(
        problem.resource && problem.resource !== problem.clusterArn
          ? `${problem.resource}: ${problem.message}`
          : problem.message,
      );
      byCluster.set(problem.clusterArn, list);
    }
  }
  return Object.fromEntries(byCluster);
}

/** Text for one log line: control characters escaped (`\u0000`, `\n`), so a value cannot forge lines. */
export function forLog(text: string): string {
  return text.replace(
    /\p{Cc}/gu,
    c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
