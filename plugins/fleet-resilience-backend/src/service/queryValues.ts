/**
 * The building blocks of the query parsers (parseQuery.ts): one parameter's
 * values, checked, with errors that name the parameter. Pure.
 */
import { InputError } from '@backstage/errors';
import { PAGING_LIMITS } from '@fleet-resilience/plugin-fleet-resilience-common';
import { ownerEntityRef } from '../domain/ownerEntityRef';
import type { PageRequest } from '../domain/records';

/** What Express hands over as `req.query` (qs may nest objects). */
export type RawQuery = Record<string, unknown>;

export const MAX_VALUES_PER_FILTER = 50;
/** Longer than any value a parameter takes (50 cluster ARNs, comma-separated). */
const MAX_PARAMETER_LENGTH = 8_192;
export const MAX_SEARCH_LENGTH = 100;
export const MAX_OFFSET = 1_000_000;

export const ACCOUNT_ID = /^\d{12}$/;
export const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
export const VERSION = /^\d+(\.\d+){0,2}$/;
// `us-east-1a` (AZ name) or `use1-az1` (AZ ID).
export const ZONE = /^(?:[a-z]{2}(?:-[a-z]+)+-\d+[a-z]|[a-z]+\d+-az\d+)$/;
export const ISO_TIME =
  /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

export function show(value: string): string {
  const text = value.length > 60 ? `${value.slice(0, 60)}…` : value;
  return JSON.stringify(text);
}

/** Only the route's parameters, none of whose values (repeated or not) is oversized. */
export function checkKnownParameters(
  query: RawQuery,
  known: readonly string[],
) {
  for (const [name, value] of Object.entries(query)) {
    if (!known.includes(name)) {
      throw new InputError(
        known.length === 0
          ? `Unknown query parameter ${show(name)}: this route takes none`
          : `Unknown query parameter ${show(
              name,
            )}; expected one of: ${known.join(', ')}`,
      );
    }
    if ([value].flat().some(v => String(v).length > MAX_PARAMETER_LENGTH)) {
      throw new InputError(
        `Query parameter ${name} is longer than ${MAX_PARAMETER_LENGTH} characters`,
      );
    }
  }
}

/**
 * Every value of a parameter that may repeat; only strings are accepted.
 * `a,b` is the same as `name=a&name=b`; the cap counts the values after
 * splitting, however they were sent.
 */
export function values(query: RawQuery, name: string): string[] {
  const raw = query[name];
  if (raw === undefined) {
    return [];
  }
  const list = Array.isArray(raw) ? raw : [raw];
  if (!list.every((v): v is string => typeof v === 'string')) {
    throw new InputError(`Query parameter ${name} must be plain text values`);
  }
  const split = list
    .flatMap(v => v.split(','))
    .map(v => v.trim())
    .filter(v => v.length > 0);
  if (split.length > MAX_VALUES_PER_FILTER) {
    throw new InputError(
      `Query parameter ${name} takes at most ${MAX_VALUES_PER_FILTER} values, got ${split.length}`,
    );
  }
  return split;
}

export function single(query: RawQuery, name: string): string | undefined {
  const raw = query[name];
  if (raw === undefined) {
    return undefined;
  }
  if (typeof raw !== 'string') {
    throw new InputError(`Query parameter ${name} must be given once, as text`);
  }
  return raw;
}

export function matching(
  query: RawQuery,
  name: string,
  pattern: RegExp,
  expected: string,
): string[] {
  const list = values(query, name);
  for (const value of list) {
    if (!pattern.test(value)) {
      throw new InputError(
        `Invalid ${name} ${show(value)}: expected ${expected}`,
      );
    }
  }
  return list;
}

export function oneOf<T extends string>(
  query: RawQuery,
  name: string,
  allowed: readonly T[],
): T[] {
  const list = values(query, name);
  for (const value of list) {
    if (!(allowed as readonly string[]).includes(value)) {
      throw new InputError(
        `Invalid ${name} ${show(value)}: expected one of ${allowed.join(', ')}`,
      );
    }
  }
  return list as T[];
}

function integer(
  query: RawQuery,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = single(query, name);
  if (raw === undefined) {
    return fallback;
  }
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new InputError(
      `Invalid ${name} ${show(raw)}: expected an integer from ${min} to ${max}`,
    );
  }
  return Number(raw);
}

export function page(
  query: RawQuery,
  names: { limit: string; offset: string },
): PageRequest {
  return {
    limit: integer(
      query,
      names.limit,
      PAGING_LIMITS.defaultLimit,
      1,
      PAGING_LIMITS.maxLimit,
    ),
    offset: integer(query, names.offset, 0, 0, MAX_OFFSET),
  };
}

export function optionalList<T>(list: T[]): T[] | undefined {
  return list.length > 0 ? list : undefined;
}

/**
 * Owners as the inventory stores them (`owner_ref`): entity refs of a group
 * or user, lower-case; a bare name is a group in the default namespace.
 */
export function owners(query: RawQuery, name: string): string[] {
  return values(query, name).map(value => {
    const ref = ownerEntityRef(value);
    if (!ref) {
      throw new InputError(
        `Invalid ${name} ${show(
          value,
        )}: expected a group or user entity ref like group:default/payments-team, or a group name`,
      );
    }
    return ref.toLocaleLowerCase('en-US');
  });
}
