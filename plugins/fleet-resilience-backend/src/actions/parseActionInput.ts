/**
 * Validation of the shift action routes' bodies and path parameters (the
 * audit query is parsed with the other queries in service/parseQuery.ts). Pure: each parser returns a typed value or throws an
 * InputError (400) that names the field and what is expected.
 */
import { InputError } from '@backstage/errors';
import {
  formatValidationProblems,
  validateStartShift,
  type StartShiftRequest,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { parseClusterArn } from '../service/parseQuery';

const ZONAL_SHIFT_ID = /^[A-Za-z0-9-]{6,36}$/;
/** `use1-az1`, `usw2-az3`; local zones `use1-bos1-az1`. */
const AZ_ID = /^[a-z]{2,4}[0-9]+(?:-[a-z]+[0-9]+)?-az[0-9]+$/;
const MAX_FLEET_CLUSTERS = 500;
const MAX_AUDIT_TEXT = 200;

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

/** The inputs of an audit record: what was asked, as plain values, bounded. */
export function auditInputs(
  fields: Record<string, unknown>,
): Record<string, string | number | boolean | null> {
  const result: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    let plain: string | number | boolean | null;
    if (
      value === null ||
      typeof value === 'number' ||
      typeof value === 'boolean'
    ) {
      plain = value;
    } else {
      plain =
        typeof value === 'string'
          ? value
          : JSON.stringify(value) ?? String(value);
      if (plain.length > MAX_AUDIT_TEXT) {
        plain = `${plain.slice(0, MAX_AUDIT_TEXT)}…`;
      }
    }
    result[key.slice(0, 64)] = plain;
  }
  return result;
}

export interface FleetShiftRequest extends StartShiftRequest {
  dryRun: boolean;
  /** Only these clusters (ARNs), when given. */
  clusterArns?: string[];
}

/** `POST /fleet-shifts`. */
export function parseFleetShiftInput(body: unknown): FleetShiftRequest {
  const input = parseBody(body, FLEET_FIELDS);
  const problems: string[] = [];
  const { awayFrom } = input;
  if (typeof awayFrom !== 'string' || !AZ_ID.test(awayFrom)) {
    problems.push(
      `awayFrom: ${
        awayFrom === undefined || awayFrom === ''
          ? 'is required,'
          : `${show(String(awayFrom))} is not`
      } an AZ ID such as use1-az2 (AZ names differ per account, so only IDs are taken)`,
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
  let clusterArns: string[] | undefined;
  if (input.clusters !== undefined) {
    if (
      !Array.isArray(input.clusters) ||
      input.clusters.length === 0 ||
      input.clusters.length > MAX_FLEET_CLUSTERS ||
      !input.clusters.every(c => typeof c === 'string')
    ) {
      problems.push(
        `clusters: must be a list of 1 to ${MAX_FLEET_CLUSTERS} cluster ARNs`,
      );
    } else {
      try {
        clusterArns = [
          ...new Set(
            (input.clusters as string[]).map(
              arn => parseClusterArn(arn, 'cluster ARN in clusters').arn,
            ),
          ),
        ];
      } catch (error) {
        problems.push(`clusters: ${(error as Error).message}`);
      }
    }
  }
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
