/**
 * bench:catalog's figures, pure: the simulator's request summary as read
 * (older simulators have no handling times), the requests a side's entities
 * are built from apart from the rest, the simulator's time per Config page,
 * and the markdown table with ours/Roadie ratios printed after the JSON.
 */

import type { Side } from './catalogSides';

/** `GET /_sim/aws-requests/by-action`, as this bench reads it. */
export interface AwsRequestSummary {
  total: number;
  /** Requests per IAM action (`config:SelectAggregateResourceConfig`, ...). */
  actions: Record<string, number>;
  /** The simulator's handling time per action in ms, without injected latency; absent on simulators that do not report it. */
  handlerMs?: Record<string, number>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const finite = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/**
 * Reads the simulator's answer. The handling time is taken from a top-level
 * `handlerMs` map or from per-action objects (`{count, handlerMs}`), so the
 * bench runs on simulators with either shape or without the field.
 */
export function readAwsRequestSummary(body: unknown): AwsRequestSummary {
  if (!isRecord(body) || !isRecord(body.actions))
    throw new Error(
      `aws-requests/by-action: expected {total, actions}, got ${JSON.stringify(
        body,
      )?.slice(0, 200)}`,
    );
  const actions: Record<string, number> = {};
  const handlerMs: Record<string, number> = {};
  for (const [action, value] of Object.entries(body.actions)) {
    const count = isRecord(value) ? finite(value.count) : finite(value);
    if (count === undefined)
      throw new Error(`aws-requests/by-action: no count for ${action}`);
    actions[action] = count;
    const ms = isRecord(value) ? finite(value.handlerMs) : undefined;
    if (ms !== undefined) handlerMs[action] = ms;
  }
  if (isRecord(body.handlerMs)) {
    for (const [action, value] of Object.entries(body.handlerMs)) {
      const ms = finite(value);
      if (ms !== undefined) handlerMs[action] = ms;
    }
  }
  const total =
    finite(body.total) ?? Object.values(actions).reduce((a, n) => a + n, 0);
  return Object.keys(handlerMs).length > 0
    ? { total, actions, handlerMs }
    : { total, actions };
}

export interface RequestGroup {
  total: number;
  actions: Record<string, number>;
}

/**
 * The requests a side's entities are built from: ours, AWS Config and STS
 * (the catalog entities come from the Config inventory alone); Roadie's,
 * every request. The rest of ours is the backend's own ARC, Resilience Hub
 * and EKS refresh.
 */
export function isEntityPath(side: Side, action: string): boolean {
  if (side === 'roadie') return true;
  return action.startsWith('config:') || action.startsWith('sts:');
}

export function splitRequests(
  side: Side,
  actions: Record<string, number>,
): { entityPath: RequestGroup; other: RequestGroup } {
  const entityPath: RequestGroup = { total: 0, actions: {} };
  const other: RequestGroup = { total: 0, actions: {} };
  for (const action of Object.keys(actions).sort()) {
    const group = isEntityPath(side, action) ? entityPath : other;
    group.actions[action] = actions[action];
    group.total += actions[action];
  }
  return { entityPath, other };
}

const CONFIG_SELECT = /^config:Select(Aggregate)?ResourceConfig$/;

/** The simulator's handling time per Config select page (ms), or null without handling times or selects. */
export function simulatorMsPerConfigPage(
  summary: AwsRequestSummary,
): number | null {
  if (!summary.handlerMs) return null;
  let ms = 0;
  let pages = 0;
  for (const [action, count] of Object.entries(summary.actions)) {
    if (!CONFIG_SELECT.test(action)) continue;
    pages += count;
    ms += summary.handlerMs[action] ?? 0;
  }
  return pages === 0 ? null : Math.round((ms / pages) * 100) / 100;
}

/** The part of a run the table reads. */
export interface RunFigures {
  clusters: number;
  latencyMs: number;
  side: Side;
  timedOut: boolean;
  allEntitiesEmittedMs: number | null;
  allEntitiesMs: number | null;
  entitiesEmitted: number;
  inCatalog: number;
  peakRssMiB: number;
  awsRequests: { entityPath: RequestGroup; other: RequestGroup };
  simulatorMsPerConfigPage: number | null;
}

/** The targets: ours at most these shares of Roadie's. */
export const TARGETS = { timeShare: 1 / 3, requestShare: 1 / 20 };

export interface Ratio {
  clusters: number;
  latencyMs: number;
  /** Ours / Roadie, time to all entities emitted; null if either never emitted all. */
  allEntitiesEmitted: number | null;
  /** Ours / Roadie, entity-path requests. */
  entityPathRequests: number | null;
  /** Null (not judged) unless both sides emitted all their entities. */
  timeTargetMet: boolean | null;
  requestTargetMet: boolean | null;
}

const share = (ours: number | null, theirs: number | null) =>
  ours === null || theirs === null || theirs === 0 ? null : ours / theirs;

/** One ratio per (clusters, latency) that has both sides, in run order. */
export function ratios(runs: readonly RunFigures[]): Ratio[] {
  const result: Ratio[] = [];
  const seen = new Set<string>();
  for (const run of runs) {
    const key = `${run.clusters}/${run.latencyMs}`;
    if (seen.has(key)) continue;
    const at = runs.filter(
      r => r.clusters === run.clusters && r.latencyMs === run.latencyMs,
    );
    const ours = at.find(r => r.side === 'ours');
    const roadie = at.find(r => r.side === 'roadie');
    if (!ours || !roadie) continue;
    seen.add(key);
    const time = share(ours.allEntitiesEmittedMs, roadie.allEntitiesEmittedMs);
    const requests = share(
      ours.awsRequests.entityPath.total,
      roadie.awsRequests.entityPath.total,
    );
    // Requests of a side that never emitted all entities prove nothing.
    const judged =
      ours.allEntitiesEmittedMs !== null &&
      roadie.allEntitiesEmittedMs !== null;
    result.push({
      clusters: run.clusters,
      latencyMs: run.latencyMs,
      allEntitiesEmitted: time,
      entityPathRequests: requests,
      timeTargetMet:
        !judged || time === null ? null : time <= TARGETS.timeShare,
      requestTargetMet:
        !judged || requests === null ? null : requests <= TARGETS.requestShare,
    });
  }
  return result;
}

const seconds = (ms: number | null) =>
  ms === null ? 'n/a' : (ms / 1000).toFixed(2);
const grouped = (n: number) => n.toLocaleString('en-US');
const percent = (part: number, whole: number) =>
  whole === 0 ? 'n/a' : `${Math.round((part / whole) * 100)}%`;

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function verdict(value: number | null, met: boolean | null, target: string) {
  if (value === null) return 'n/a';
  const judged =
    met === null
      ? 'not judged: a side never emitted all entities'
      : `target <= ${target}: ${met ? 'met' : 'missed'}`;
  return `${value.toFixed(value < 0.1 ? 3 : 2)} (${judged})`;
}

/** The runs as a markdown table, then the ours/Roadie ratios (if any run has both sides). */
export function markdownTable(runs: readonly RunFigures[]): string {
  const lines = [
    row([
      'clusters',
      'latency',
      'side',
      'all entities emitted (s)',
      'valid in catalog (s)',
      'entity-path requests',
      'other requests',
      'valid/emitted',
      'peak RSS MiB',
      'sim ms per Config page',
    ]),
    row(Array.from({ length: 10 }, () => '---')),
  ];
  for (const run of runs) {
    lines.push(
      row([
        grouped(run.clusters),
        `${run.latencyMs} ms`,
        run.timedOut ? `${run.side} (timed out)` : run.side,
        seconds(run.allEntitiesEmittedMs),
        seconds(run.allEntitiesMs),
        grouped(run.awsRequests.entityPath.total),
        grouped(run.awsRequests.other.total),
        `${grouped(run.inCatalog)}/${grouped(run.entitiesEmitted)} (${percent(
          run.inCatalog,
          run.entitiesEmitted,
        )})`,
        String(run.peakRssMiB),
        run.simulatorMsPerConfigPage === null
          ? 'n/a'
          : run.simulatorMsPerConfigPage.toFixed(2),
      ]),
    );
  }
  const both = ratios(runs);
  if (both.length > 0) {
    lines.push(
      '',
      row([
        'clusters',
        'latency',
        'ours/Roadie, time to all entities emitted',
        'ours/Roadie, entity-path requests',
      ]),
      row(['---', '---', '---', '---']),
    );
    for (const r of both)
      lines.push(
        row([
          grouped(r.clusters),
          `${r.latencyMs} ms`,
          verdict(r.allEntitiesEmitted, r.timeTargetMet, '1/3'),
          verdict(r.entityPathRequests, r.requestTargetMet, '1/20'),
        ]),
      );
  }
  return `${lines.join('\n')}\n`;
}
