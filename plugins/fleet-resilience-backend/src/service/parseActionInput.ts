/**
 * Validation of the shift action routes' bodies, path parameters and
 * Idempotency-Key header (the audit query is parsed with the other queries
 * in parseQuery.ts). Pure: each parser returns a typed value or throws an
 * InputError (400) that names the field and what is expected. The bodies of
 * single-cluster actions are handed over unparsed (an ActionInput): they are
 * checked against the cluster's AZs, after the caller is authorized.
 */
import { InputError } from '@backstage/errors';
import {
  formatValidationProblems,
  validateStartShift,
  validateUpdateShift,
  type StartShiftRequest,
  type UpdateShiftRequest,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { ActionInput, FleetShiftRequest } from '../actions/ShiftActions';
import { parseClusterArn } from './parseQuery';

export const ZONAL_SHIFT_ID = /^[A-Za-z0-9-]{6,36}$/;
/** `use1-az1`, `usw2-az3`; local zones `use1-bos1-az1`. */
export const AZ_ID = /^[a-z]{2,4}[0-9]+(?:-[a-z]+[0-9]+)?-az[0-9]+$/;
export const MAX_FLEET_CLUSTERS = 500;
/** 1 to 128 characters of `[A-Za-z0-9._:-]` (see IDEMPOTENCY_KEY_HEADER). */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,128}$/;

export const START_FIELDS = ['awayFrom', 'expiresIn', 'comment'] as const;
export const UPDATE_FIELDS = ['expiresIn', 'extendBy', 'comment'] as const;
export const FLEET_FIELDS = [
  'awayFrom',
  'expiresIn',
  'comment',
  'dryRun',
  'clusters',
] as const;

function show(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
}

/** The body as a plain object with only the given fields. */
export function parseBody(
  body: unknown,
  fields: readonly string[],
): Record<string, unknown> {
  if (body === undefined || body === null || body === '') {
    return {};
  }
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new InputError('The request body must be a JSON object');
  }
  const unknown = Object.keys(body).filter(key => !fields.includes(key));
  if (unknown.length > 0) {
    throw new InputError(
      `Unknown field${unknown.length > 1 ? 's' : ''} ${unknown
        .map(show)
        .join(', ')} in the request body; expected: ${fields.join(', ')}`,
    );
  }
  return body as Record<string, unknown>;
}

/**
 * The body's fields as given, for the audit of a request refused before it
 * is parsed: a field the route does not take is named `unknown:<name>`.
 */
export function givenFields(
  body: unknown,
  fields: readonly string[],
): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return body === undefined ? {} : { body };
  }
  const given = body as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(given).map(key => [
      fields.includes(key) ? key : `unknown:${key}`,
      given[key],
    ]),
  );
}

/** `POST /clusters/:clusterArn/shifts`: the shift to start, against the cluster's AZs. */
export function startShiftInput(body: unknown): ActionInput<StartShiftRequest> {
  return {
    given: givenFields(body, START_FIELDS),
    parse: zones => {
      const result = validateStartShift(parseBody(body, START_FIELDS), zones);
      if (!result.ok) {
        throw new InputError(
          `Invalid zonal shift: ${formatValidationProblems(result.problems)}`,
        );
      }
      return result.value;
    },
  };
}

/** `PATCH /clusters/:clusterArn/shifts/:zonalShiftId`: the change asked for. */
export function updateShiftInput(
  body: unknown,
): ActionInput<UpdateShiftRequest> {
  return {
    given: givenFields(body, UPDATE_FIELDS),
    parse: () => {
      const result = validateUpdateShift(parseBody(body, UPDATE_FIELDS));
      if (!result.ok) {
        throw new InputError(
          `Invalid zonal shift update: ${formatValidationProblems(
            result.problems,
          )}`,
        );
      }
      return result.value;
    },
  };
}

/** The Idempotency-Key header, checked; undefined when absent. */
export function parseIdempotencyKey(value: unknown): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string' || !IDEMPOTENCY_KEY.test(value)) {
    throw new InputError(
      'Invalid Idempotency-Key header: expected 1 to 128 characters of letters, digits, ".", "_", ":" or "-"',
    );
  }
  return value;
}

/** A zonal shift ID from the path. */
export function parseZonalShiftId(value: string): string {
  if (!ZONAL_SHIFT_ID.test(value)) {
    throw new InputError(
      `Invalid zonal shift ID ${show(
        value,
      )}: expected 6 to 36 letters, digits or "-"`,
    );
  }
  return value;
}

/** A fleet shift's subset as canonical ARNs, each once; throws an InputError on a bad one. */
export function fleetClusterArns(arns: readonly string[]): string[] {
  return [
    ...new Set(
      arns.map(arn => parseClusterArn(arn, 'cluster ARN in clusters').arn),
    ),
  ];
}

/**
 * A fleet request's `clusters`: 1 to {@link MAX_FLEET_CLUSTERS} cluster ARNs,
 * canonical and each once; otherwise undefined, its problem in `problems`.
 */
export function parseFleetClusters(
  clusters: unknown,
  problems: string[],
): string[] | undefined {
  if (
    !Array.isArray(clusters) ||
    clusters.length === 0 ||
    clusters.length > MAX_FLEET_CLUSTERS ||
    !clusters.every(c => typeof c === 'string')
  ) {
    problems.push(
      `clusters: must be a list of 1 to ${MAX_FLEET_CLUSTERS} cluster ARNs`,
    );
    return undefined;
  }
  try {
    return fleetClusterArns(clusters);
  } catch (error) {
    problems.push(`clusters: ${(error as Error).message}`);
    return undefined;
  }
}

/** `POST /fleet-shifts`. */
export function parseFleetShiftInput(body: unknown): FleetShiftRequest {
  const input = parseBody(body, FLEET_FIELDS);
  const problems: string[] = [];
  const { awayFrom } = input;
  if (typeof awayFrom !== 'string' || !AZ_ID.test(awayFrom)) {
    // Never String(awayFrom): a deeply nested array would overflow the stack.
    let given = 'must be a string:';
    if (awayFrom === undefined || awayFrom === '') {
      given = 'is required,';
    } else if (typeof awayFrom === 'string') {
      given = `${show(awayFrom)} is not`;
    }
    problems.push(
      `awayFrom: ${given} an AZ ID such as use1-az2 (AZ names differ per account, so only IDs are taken)`,
    );
  }
  const zone = typeof awayFrom === 'string' ? awayFrom : 'az';
  const rest = validateStartShift(
    { awayFrom: zone, expiresIn: input.expiresIn, comment: input.comment },
    [{ id: zone, name: zone }],
  );
  if (!rest.ok) {
    problems.push(formatValidationProblems(rest.problems));
  }
  if (input.dryRun !== undefined && typeof input.dryRun !== 'boolean') {
    problems.push('dryRun: must be true or false');
  }
  const clusterArns =
    input.clusters === undefined
      ? undefined
      : parseFleetClusters(input.clusters, problems);
  if (problems.length > 0 || !rest.ok) {
    throw new InputError(`Invalid fleet shift: ${problems.join('; ')}`);
  }
  return {
    ...rest.value,
    awayFrom: zone,
    dryRun: input.dryRun === true,
    ...(clusterArns ? { clusterArns } : {}),
  };
}
