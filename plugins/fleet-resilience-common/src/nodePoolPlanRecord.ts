// What the NodePool zone plan records on the NodePool: the original zone
// requirements and the zones it excluded, in two annotations, and how they
// are written and read back.
import {
  isNodePoolRequirementOperator,
  type NodePoolRequirement,
} from './zones';
import {
  copyRequirement,
  uniqueSorted,
  ZONE_KEYS,
  type PositionedZoneRequirement,
} from './nodePoolRequirements';

/**
 * Annotation holding the NodePool's zone requirements as they were before the
 * first change (JSON, see {@link RecordedZoneRequirements}).
 *
 * @public
 */
export const ORIGINAL_ZONE_REQUIREMENTS_ANNOTATION =
  'fleet-resilience.io/original-zone-requirements';

/**
 * Annotation holding the zone IDs the NodePool currently avoids (comma-separated, sorted).
 *
 * @public
 */
export const AWAY_ZONES_ANNOTATION = 'fleet-resilience.io/away-zones';

/**
 * Content of {@link ORIGINAL_ZONE_REQUIREMENTS_ANNOTATION}: each original zone
 * requirement with its index in the original requirements list.
 *
 * @public
 */
export interface RecordedZoneRequirements {
  version: 1;
  requirements: Array<{ index: number; requirement: NodePoolRequirement }>;
}

/**
 * Serialises the recorded original (stable: same input, same string).
 *
 * @public
 */
export function serializeRecordedZoneRequirements(
  requirements: RecordedZoneRequirements['requirements'],
): string {
  const recorded: RecordedZoneRequirements = {
    version: 1,
    requirements: requirements.map(({ index, requirement }) => ({
      index,
      requirement: copyRequirement(requirement),
    })),
  };
  return JSON.stringify(recorded);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every(v => typeof v === 'string');
}

/**
 * Reads {@link ORIGINAL_ZONE_REQUIREMENTS_ANNOTATION}; an error message when it
 * is not exactly what the plan writes.
 *
 * @public
 */
export function parseRecordedZoneRequirements(
  text: string,
): Pick<RecordedZoneRequirements, 'requirements'> | { error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { error: 'it is not JSON' };
  }
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    (parsed as { version?: unknown }).version !== 1 ||
    !Array.isArray((parsed as { requirements?: unknown }).requirements)
  ) {
    return { error: 'it is not a version 1 record of zone requirements' };
  }
  const entries = (parsed as { requirements: unknown[] }).requirements;
  const requirements: PositionedZoneRequirement[] = [];
  let lastIndex = -1;
  for (const entry of entries) {
    const { index, requirement } = (entry ?? {}) as {
      index?: unknown;
      requirement?: unknown;
    };
    if (
      typeof index !== 'number' ||
      !Number.isInteger(index) ||
      index <= lastIndex
    ) {
      return { error: 'its indices are not increasing whole numbers' };
    }
    lastIndex = index;
    const r = (requirement ?? {}) as Record<string, unknown>;
    if (
      typeof r.key !== 'string' ||
      !ZONE_KEYS.has(r.key) ||
      typeof r.operator !== 'string' ||
      !isNodePoolRequirementOperator(r.operator) ||
      (r.values !== undefined && !isStringArray(r.values)) ||
      (r.minValues !== undefined &&
        (typeof r.minValues !== 'number' || !Number.isInteger(r.minValues)))
    ) {
      return { error: `entry ${index} is not a zone requirement` };
    }
    requirements.push({
      index,
      requirement: copyRequirement(r as unknown as NodePoolRequirement),
    });
  }
  return { requirements };
}

/** Reads {@link AWAY_ZONES_ANNOTATION}. */
export function parseAwayZones(text: string): string[] | undefined {
  const ids = text.split(',').map(s => s.trim());
  if (ids.some(id => id === '')) {
    return undefined;
  }
  return uniqueSorted(ids);
}
