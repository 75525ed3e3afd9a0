/**
 * The fuzz suite's requests, generated from a seed (the same seed gives the
 * same requests): for every route of the plugin, malformed JSON, deep
 * nesting, huge bodies, control characters in every string field, absurd
 * numbers, duplicated, nested and oversized query parameters, and cluster
 * ARNs, AZ IDs and shift IDs carrying injection characters.
 *
 * Every mutating request carries at least one thing that must get it
 * refused (a bad field, a bad path, header or query, or a caller who may
 * not), so none may change ARC or the store, apart from the audit row an
 * attempt on a known cluster by a known caller writes (`audited`). A few
 * dry runs of a fleet shift are accepted, and change nothing either.
 */
import { fleetClusterPath } from '@fleet-resilience/plugin-fleet-resilience-common';

export type Method = 'get' | 'post' | 'patch' | 'delete';

export interface FuzzCase {
  /** The route as the router declares it, e.g. `post /clusters/:clusterArn/shifts`. */
  route: string;
  /** What the case is, for a failure report. */
  what: string;
  method: Method;
  /** Under the plugin's base path, encoded, query included. */
  path: string;
  headers: Record<string, string>;
  body?: { text: string; contentType: string };
  /** `reject`: must be a 4xx; `any`: any answer but a 5xx. Never a change of state. */
  expect: 'reject' | 'any';
  /** Whether the attempt must leave exactly one audit row. */
  audited: boolean;
}

/** Who calls: the Authorization header, and whether the action takes them. */
export interface FuzzCaller {
  name: string;
  headers: Record<string, string>;
  /** `all`: may do everything; `read`: may read, act on nothing; `none`: nothing. */
  may: 'all' | 'read' | 'none';
  /** A service outside `allowedServices`: refused before the action. */
  refusedService?: boolean;
}

export interface FuzzFleet {
  /** Known clusters with their AZ IDs; the first has zonal shift enabled. */
  clusters: Array<{ arn: string; zoneIds: string[] }>;
  callers: FuzzCaller[];
}

/** mulberry32: a small seeded PRNG, enough for picking cases. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Text that is an injection attempt but plain text (valid where text is free). */
export const INJECTION = [
  "' OR 1=1 --",
  '"; DROP TABLE clusters; --',
  "1' UNION ALL (NULL) --",
  '../../../etc/passwd',
  '..%2F..%2Fetc',
  '%00',
  '%27%20OR%201%3D1',
  '$(id)',
  '${7*7}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '\\',
  '`rm -rf`',
  '日本語のコメント',
  'émoji 🙂 ok',
  'Ａｚｕｒｅ',
  'e\u0301',
];

/** Characters no string field may hold (kept inside the text: trimming removes them at the ends). */
export const CONTROL = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\b',
  '\t',
  '\n',
  '\r',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009f',
  '\u2028',
  '\u202e',
  '\ud800',
];

/** Raw JSON number literals and numbers in strings that no field takes. */
export const ABSURD_JSON = [
  '1e308',
  '-1e308',
  '1e999',
  '-1',
  '0',
  '1.5',
  '99999999999999999999999',
  '9007199254740993',
  '-0',
  '"NaN"',
  '"Infinity"',
  '"-Infinity"',
  '"1e308"',
  '"-1h"',
  '"0m"',
  '"73h"',
  '"1e308h"',
  '"99999999999999999999h"',
  '"NaNh"',
  '"0x10h"',
  '"1.5h"',
  'true',
  'null',
  '[]',
  '{}',
];

export class Picker {
  constructor(readonly random: () => number) {}
  int(n: number): number {
    return Math.floor(this.random() * n);
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)];
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
  /** Text with a control character inside it (trimming removes them at the ends). */
  controlled(base = 'comment'): string {
    return `x${base}${this.pick(CONTROL)}${base}x`;
  }
  /** An AZ ID no cluster has: a real one with injection, or garbage. */
  badZone(zoneIds: readonly string[]): string {
    const zone = this.pick(zoneIds);
    return this.pick([
      `${zone}${this.pick(INJECTION)}`,
      `${zone}${this.pick(CONTROL)}`,
      `${zone}' OR '1'='1`,
      `../${zone}`,
      `${zone}%00`,
      // Not an AZ ID in form (a well-formed ID no cluster has is an empty fleet run).
      'use1-az',
      'use1\u2013az1',
      'use1-az0x1',
      this.pick(INJECTION),
      'a'.repeat(5000),
    ]);
  }
  /** A cluster ARN that is malformed, or well formed but not in the fleet. */
  badArn(knownArn: string): { arn: string; wellFormed: boolean } {
    const options: Array<{ arn: string; wellFormed: boolean }> = [
      {
        arn: `arn:aws:eks:us-east-1:111122223333:cluster/nope-${this.int(1e6)}`,
        wellFormed: true,
      },
      { arn: `${knownArn}${this.pick(INJECTION)}`, wellFormed: false },
      { arn: `${knownArn}${this.pick(CONTROL)}`, wellFormed: false },
      { arn: `${knownArn}' OR 1=1 --`, wellFormed: false },
      { arn: knownArn.replace('eks', 'ek\u0000s'), wellFormed: false },
      { arn: knownArn.replace(':cluster/', ':cluster/../'), wellFormed: false },
      {
        arn: `arn:aws:eks:us-east-1:111122223333:cluster/${'x'.repeat(3000)}`,
        wellFormed: false,
      },
      { arn: this.pick(INJECTION), wellFormed: false },
      { arn: 'arn:aws:s3:::bucket', wellFormed: false },
      {
        arn: knownArn.replace(/:(\d{12}):/, (_, id) => `:${id}4:`),
        wellFormed: false,
      },
    ];
    return this.pick(options);
  }
}

/** `{"a":[[[...]]]}` nested `depth` deep (arrays or objects), under 64 kB for 10,000. */
export function deeplyNested(
  field: string,
  depth: number,
  objects: boolean,
): string {
  const open = objects ? '{"a":'.repeat(depth) : '['.repeat(depth);
  const close = objects ? '}'.repeat(depth) : ']'.repeat(depth);
  return `{${JSON.stringify(field)}:${open}1${close}}`;
}

/**
 * A path segment or query value, percent-encoded; a lone surrogate (which
 * encodeURIComponent refuses) becomes its CESU-8 bytes, not valid UTF-8.
 */
export function encodePart(text: string): string {
  return text
    .split(/(\p{Surrogate})/u)
    .map(part =>
      /^\p{Surrogate}$/u.test(part) ? '%ED%A0%80' : encodeURIComponent(part),
    )
    .join('');
}

/** The cluster's path under the plugin, from its ARN (any text). */
export function clusterPath(arn: string): string {
  const path = `/clusters/${encodePart(arn)}`;
  // The encoding the frontend uses, whenever it can encode the ARN.
  return /\p{Surrogate}/u.test(arn) ? path : fleetClusterPath(arn);
}
