/**
 * A small reader for untyped input (a parsed YAML or JSON document) that
 * collects every problem with its path instead of stopping at the first.
 * The fleet file parser and the control API share it.
 */
import { isJsonObject } from '../json';

export interface ValidationIssue {
  /** e.g. `clusters[2].nodePools[0].requirements[1].operator`. */
  path: string;
  message: string;
}

type Fields = Record<string, unknown>;

export class Reader {
  readonly issues: ValidationIssue[] = [];

  fail(path: string, message: string): undefined {
    this.issues.push({ path: path || '(root)', message });
    return undefined;
  }

  /** A mapping with only the `allowed` keys; reports unknown keys. */
  object(
    value: unknown,
    path: string,
    allowed: readonly string[],
  ): Fields | undefined {
    if (!isJsonObject(value)) {
      return this.fail(path, `must be a mapping, got ${describe(value)}`);
    }
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) {
        this.fail(
          join(path, key),
          `unknown field (expected one of: ${allowed.join(', ')})`,
        );
      }
    }
    return value as Fields;
  }

  /** A mapping of string keys to values read by `read`. */
  map<T>(
    value: unknown,
    path: string,
    read: (item: unknown, path: string, key: string) => T | undefined,
  ): Record<string, T> | undefined {
    if (!isJsonObject(value)) {
      return this.fail(path, `must be a mapping, got ${describe(value)}`);
    }
    const out: Record<string, T> = {};
    for (const [key, item] of Object.entries(value)) {
      const parsed = read(item, join(path, key), key);
      if (parsed !== undefined) out[key] = parsed;
    }
    return out;
  }

  list<T>(
    fields: Fields,
    key: string,
    path: string,
    read: (item: unknown, path: string) => T | undefined,
    options: { required?: boolean; min?: number } = {},
  ): T[] | undefined {
    const value = fields[key];
    const at = join(path, key);
    if (value === undefined || value === null) {
      return options.required ? this.fail(at, 'is required') : undefined;
    }
    if (!Array.isArray(value))
      return this.fail(at, `must be a list, got ${describe(value)}`);
    if (options.min !== undefined && value.length < options.min) {
      return this.fail(at, `must have at least ${options.min} item(s)`);
    }
    const items: T[] = [];
    value.forEach((item, index) => {
      const parsed = read(item, `${at}[${index}]`);
      if (parsed !== undefined) items.push(parsed);
    });
    return items;
  }

  string(
    fields: Fields,
    key: string,
    path: string,
    options: {
      required?: boolean;
      pattern?: RegExp;
      hint?: string;
      oneOf?: readonly string[];
      check?: (value: string) => string | undefined;
    } = {},
  ): string | undefined {
    const value = fields[key];
    const at = join(path, key);
    if (value === undefined || value === null) {
      return options.required ? this.fail(at, 'is required') : undefined;
    }
    if (typeof value !== 'string') {
      return this.fail(
        at,
        `must be a string, got ${describe(value)}${quoteHint(value)}`,
      );
    }
    if (options.oneOf && !options.oneOf.includes(value)) {
      return this.fail(
        at,
        `must be one of ${options.oneOf.join(', ')}, got "${value}"`,
      );
    }
    if (options.pattern && !options.pattern.test(value)) {
      return this.fail(
        at,
        `"${value}" is not ${options.hint ?? `matching ${options.pattern}`}`,
      );
    }
    const problem = options.check?.(value);
    return problem ? this.fail(at, problem) : value;
  }

  number(
    fields: Fields,
    key: string,
    path: string,
    options: {
      required?: boolean;
      integer?: boolean;
      min?: number;
      max?: number;
    } = {},
  ): number | undefined {
    const value = fields[key];
    const at = join(path, key);
    if (value === undefined || value === null) {
      return options.required ? this.fail(at, 'is required') : undefined;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return this.fail(at, `must be a number, got ${describe(value)}`);
    }
    if (options.integer && !Number.isInteger(value))
      return this.fail(at, 'must be an integer');
    if (options.min !== undefined && value < options.min) {
      return this.fail(at, `must be at least ${options.min}`);
    }
    if (options.max !== undefined && value > options.max) {
      return this.fail(at, `must be at most ${options.max}`);
    }
    return value;
  }

  boolean(
    fields: Fields,
    key: string,
    path: string,
    required = false,
  ): boolean | undefined {
    const value = fields[key];
    const at = join(path, key);
    if (value === undefined || value === null) {
      return required ? this.fail(at, 'is required') : undefined;
    }
    if (typeof value !== 'boolean')
      return this.fail(at, `must be true or false, got ${describe(value)}`);
    return value;
  }

  /** A list of strings. */
  strings(
    fields: Fields,
    key: string,
    path: string,
    required = false,
  ): string[] | undefined {
    return this.list(
      fields,
      key,
      path,
      (item, at) =>
        typeof item === 'string'
          ? item
          : this.fail(
              at,
              `must be a string, got ${describe(item)}${quoteHint(item)}`,
            ),
      { required },
    );
  }
}

export function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

// YAML reads `123456789012` and `1.30` as numbers: say how to keep them strings.
function quoteHint(value: unknown): string {
  return typeof value === 'number' ? ' (quote it in YAML)' : '';
}
