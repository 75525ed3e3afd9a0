/**
 * Validates one page of `GET /api/fleet-resilience/clusters` as it comes off
 * the wire. A malformed page is an error (the collation fails and the
 * previous index stays); a malformed item is skipped and reported.
 */
import {
  READINESS_CHECK_IDS,
  READINESS_VERDICTS,
  SHIFT_STATES,
  SURVIVABILITY_VERDICTS,
  type ClusterReadinessSummary,
  type ReadinessCheckId,
  type ReadinessVerdict,
  type ShiftState,
  type SurvivabilityVerdict,
  type Zone,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import type { SearchableCluster } from '../document/types';

export interface FleetListPage {
  clusters: SearchableCluster[];
  /** Items left out, with why. */
  problems: string[];
  /** Offset of the next page; undefined on the last page. */
  nextOffset?: number;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isString(value)) throw new Error(`${field} is not a string`);
  return value;
}

function parseZone(value: unknown, field: string): Zone {
  if (!isObject(value) || !isString(value.name) || !isString(value.id)) {
    throw new Error(`${field} is not a zone {name, id}`);
  }
  return { name: value.name, id: value.id };
}

function parseActiveShift(value: unknown): SearchableCluster['activeShift'] {
  if (value === undefined || value === null) return undefined;
  if (
    !isObject(value) ||
    !isString(value.awayFrom) ||
    !isString(value.expiryTime)
  ) {
    throw new Error('activeShift lacks awayFrom or expiryTime');
  }
  return {
    awayFrom: value.awayFrom,
    expiryTime: value.expiryTime,
    comment: optionalString(value.comment, 'activeShift.comment') ?? '',
  };
}

function parseCheckIds(value: unknown, field: string): ReadinessCheckId[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every(isString)) {
    throw new Error(`${field} is not a list of check ids`);
  }
  // A check this module does not know (a newer backend's) is left out.
  return value.filter((id): id is ReadinessCheckId =>
    (READINESS_CHECK_IDS as readonly string[]).includes(id),
  );
}

/**
 * The readiness summary; absent from a backend that predates it. A verdict
 * this module does not know reads as `unknown`.
 */
function parseReadiness(value: unknown): ClusterReadinessSummary | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw new Error('readiness is not an object');
  const { verdict, score, workloadsAtRisk } = value;
  if (!isString(verdict)) throw new Error('readiness.verdict is not a string');
  const count = (n: unknown, field: string, max: number) => {
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > max) {
      throw new Error(`${field} is not an integer from 0 to ${max}`);
    }
    return n;
  };
  return {
    verdict: (READINESS_VERDICTS as readonly string[]).includes(verdict)
      ? (verdict as ReadinessVerdict)
      : 'unknown',
    score: count(score, 'readiness.score', 100),
    failing: parseCheckIds(value.failing, 'readiness.failing'),
    warning: parseCheckIds(value.warning, 'readiness.warning'),
    workloadsAtRisk:
      workloadsAtRisk === undefined
        ? 0
        : count(
            workloadsAtRisk,
            'readiness.workloadsAtRisk',
            Number.MAX_SAFE_INTEGER,
          ),
  };
}

function parseCluster(value: unknown): SearchableCluster {
  if (!isObject(value)) throw new Error('item is not an object');
  const ref = value.ref;
  if (
    !isObject(ref) ||
    !isString(ref.arn) ||
    !isString(ref.accountId) ||
    !isString(ref.region) ||
    !isString(ref.name) ||
    ref.name.length === 0
  ) {
    throw new Error('ref lacks arn, accountId, region or name');
  }
  if (!Array.isArray(value.zones)) throw new Error('zones is not a list');
  const zones = value.zones.map((zone, i) => parseZone(zone, `zones[${i}]`));
  if (!SHIFT_STATES.includes(value.shiftState as ShiftState)) {
    throw new Error(
      `shiftState ${JSON.stringify(
        value.shiftState,
      )} is not one of ${SHIFT_STATES.join(', ')}`,
    );
  }
  const survivability = value.survivability;
  if (
    !isObject(survivability) ||
    !SURVIVABILITY_VERDICTS.includes(
      survivability.verdict as SurvivabilityVerdict,
    )
  ) {
    throw new Error('survivability.verdict is missing or unknown');
  }
  const autoshift = value.autoshiftStatus;
  if (
    autoshift !== undefined &&
    autoshift !== 'ENABLED' &&
    autoshift !== 'DISABLED'
  ) {
    throw new Error('autoshiftStatus is not ENABLED or DISABLED');
  }
  if (
    value.zonalShiftEnabled !== undefined &&
    typeof value.zonalShiftEnabled !== 'boolean'
  ) {
    throw new Error('zonalShiftEnabled is not a boolean');
  }
  return {
    ref: {
      arn: ref.arn,
      accountId: ref.accountId,
      region: ref.region,
      name: ref.name,
    },
    entityRef: optionalString(value.entityRef, 'entityRef'),
    version: optionalString(value.version, 'version'),
    status: optionalString(value.status, 'status'),
    owner: optionalString(value.owner, 'owner'),
    system: optionalString(value.system, 'system'),
    zones,
    zonalShiftEnabled: value.zonalShiftEnabled as boolean | undefined,
    autoshiftStatus: autoshift,
    activeShift: parseActiveShift(value.activeShift),
    shiftState: value.shiftState as ShiftState,
    survivability: {
      verdict: survivability.verdict as SurvivabilityVerdict,
      reason:
        optionalString(survivability.reason, 'survivability.reason') ?? '',
      bindingZone:
        survivability.bindingZone === undefined ||
        survivability.bindingZone === null
          ? undefined
          : parseZone(survivability.bindingZone, 'survivability.bindingZone'),
    },
    readiness: parseReadiness(value.readiness),
  };
}

function describeItem(value: unknown, index: number): string {
  const arn =
    isObject(value) && isObject(value.ref) ? value.ref.arn : undefined;
  return isString(arn) ? arn : `item #${index}`;
}

/**
 * Parses a page requested at `offset`.
 *
 * @throws when the page itself is malformed, or its next offset would not move forward.
 */
export function parseFleetListPage(
  body: unknown,
  offset: number,
): FleetListPage {
  if (!isObject(body) || !Array.isArray(body.items)) {
    throw new Error('fleet list response has no items list');
  }
  const paging = body.paging;
  if (!isObject(paging)) {
    throw new Error('fleet list response has no paging');
  }
  const next = paging.nextOffset;
  if (next !== undefined && next !== null) {
    if (typeof next !== 'number' || !Number.isInteger(next) || next <= offset) {
      throw new Error(
        `fleet list response's paging.nextOffset ${JSON.stringify(
          next,
        )} does not move past offset ${offset}`,
      );
    }
  }
  const clusters: SearchableCluster[] = [];
  const problems: string[] = [];
  body.items.forEach((item, index) => {
    try {
      clusters.push(parseCluster(item));
    } catch (error) {
      problems.push(
        `${describeItem(item, index)} skipped: ${(error as Error).message}`,
      );
    }
  });
  return {
    clusters,
    problems,
    nextOffset: typeof next === 'number' ? next : undefined,
  };
}
