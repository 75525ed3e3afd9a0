// Requirement-level helpers of the NodePool zone plan: reading which zones a
// set of requirements allows, and editing zone requirements in their own
// terms. Pure, like the plan.
import {
  ZONE_ID_KEY,
  ZONE_NAME_KEY,
  type NodePoolRequirement,
  type Zone,
} from './zones';

/**
 * A zone requirement and its index in the NodePool's requirements list, as
 * the plan records it.
 */
export interface PositionedZoneRequirement {
  index: number;
  requirement: NodePoolRequirement;
}

/** The requirement keys that constrain the zone. */
export const ZONE_KEYS: ReadonlySet<string> = new Set([
  ZONE_NAME_KEY,
  ZONE_ID_KEY,
]);

/**
 * Whether a requirement constrains the zone (by AZ name or AZ ID).
 *
 * @public
 */
export function isZoneRequirement(requirement: NodePoolRequirement): boolean {
  return ZONE_KEYS.has(requirement.key);
}

/** A copy with only the fields a requirement has, absent ones left absent. */
export function copyRequirement(r: NodePoolRequirement): NodePoolRequirement {
  return {
    key: r.key,
    operator: r.operator,
    ...(r.values !== undefined ? { values: [...r.values] } : {}),
    ...(r.minValues !== undefined ? { minValues: r.minValues } : {}),
  };
}

function sameRequirement(a: NodePoolRequirement, b: NodePoolRequirement) {
  const av = a.values ?? [];
  const bv = b.values ?? [];
  return (
    a.key === b.key &&
    a.operator === b.operator &&
    a.minValues === b.minValues &&
    av.length === bv.length &&
    av.every((v, i) => v === bv[i])
  );
}

export function sameRequirements(
  a: readonly NodePoolRequirement[],
  b: readonly NodePoolRequirement[],
) {
  return a.length === b.length && a.every((r, i) => sameRequirement(r, b[i]));
}

/**
 * The zone IDs of the cluster that a set of zone requirements allows
 * (Karpenter ANDs requirements). Names map through the cluster's zones.
 *
 * @public
 */
export function allowedZoneIdsOf(
  requirements: readonly NodePoolRequirement[],
  clusterZones: readonly Zone[],
): string[] {
  const zoneRequirements = requirements.filter(isZoneRequirement);
  return uniqueSorted(
    clusterZones
      .filter(zone => zoneRequirements.every(r => allows(r, zone)))
      .map(zone => zone.id),
  );
}

function allows(r: NodePoolRequirement, zone: Zone): boolean {
  const value = r.key === ZONE_NAME_KEY ? zone.name : zone.id;
  switch (r.operator) {
    case 'In':
      return (r.values ?? []).includes(value);
    case 'NotIn':
      return !(r.values ?? []).includes(value);
    case 'Exists':
      return true;
    default:
      // DoesNotExist: every node has a zone label. Gt/Lt/Gte/Lte: zone
      // values are not integers, Karpenter never matches them.
      return false;
  }
}

export function uniqueSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** The zone requirements of a list, with their positions. */
export function zoneRequirementsOf(
  requirements: readonly NodePoolRequirement[],
): PositionedZoneRequirement[] {
  return requirements.flatMap((requirement, index) =>
    isZoneRequirement(requirement)
      ? [{ index, requirement: copyRequirement(requirement) }]
      : [],
  );
}

/**
 * The zone requirements with the given zones excluded, mechanically: `In`
 * drops the zone's value, `NotIn` gains it, and zones no edited requirement
 * excludes go into one appended `zone-id NotIn`. The caller has checked that
 * each zone can be excluded.
 */
export function excludeZones(
  original: readonly PositionedZoneRequirement[],
  excludedZoneIds: readonly string[],
  zoneById: ReadonlyMap<string, Zone>,
): { edited: PositionedZoneRequirement[]; appended?: NodePoolRequirement } {
  const edited = original.map(({ index, requirement }) => ({
    index,
    requirement: copyRequirement(requirement),
  }));
  const appendedValues: string[] = [];
  for (const zoneId of excludedZoneIds) {
    const name = zoneById.get(zoneId)?.name;
    let excluded = false;
    for (const { requirement: r } of edited) {
      const value = r.key === ZONE_NAME_KEY ? name : zoneId;
      if (value === undefined) {
        continue;
      }
      if (r.operator === 'In') {
        r.values = (r.values ?? []).filter(v => v !== value);
        excluded = true;
      } else if (r.operator === 'NotIn') {
        if (!(r.values ?? []).includes(value)) {
          r.values = [...(r.values ?? []), value];
        }
        excluded = true;
      }
    }
    if (!excluded) {
      appendedValues.push(zoneId);
    }
  }
  return appendedValues.length > 0
    ? {
        edited,
        appended: {
          key: ZONE_ID_KEY,
          operator: 'NotIn',
          values: appendedValues,
        },
      }
    : { edited };
}

/**
 * The full requirements list: the current non-zone requirements, in their
 * current order, with the zone requirements put back at their recorded
 * positions (exactly the original positions when the non-zone requirements
 * were not edited meanwhile) and the appended requirement last.
 */
export function assemble(
  current: readonly NodePoolRequirement[],
  zoneRequirements: readonly PositionedZoneRequirement[],
  appended: NodePoolRequirement | undefined,
): NodePoolRequirement[] {
  const result = current
    .filter(r => !isZoneRequirement(r))
    .map(copyRequirement);
  for (const { index, requirement } of [...zoneRequirements].sort(
    (a, b) => a.index - b.index,
  )) {
    result.splice(Math.min(index, result.length), 0, requirement);
  }
  if (appended) {
    result.push(appended);
  }
  return result;
}

export function zoneSequence(
  zoneRequirements: readonly PositionedZoneRequirement[],
  appended: NodePoolRequirement | undefined,
): NodePoolRequirement[] {
  return [
    ...[...zoneRequirements]
      .sort((a, b) => a.index - b.index)
      .map(p => p.requirement),
    ...(appended ? [appended] : []),
  ];
}
