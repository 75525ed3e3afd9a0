/**
 * The NodePool zone plan: what a Karpenter NodePool's zone requirements must
 * be while ARC shifts traffic away from some AZs, and how to restore them
 * exactly afterwards. Pure: no I/O, no clock.
 *
 * Rules:
 * - Every plan is computed from the ORIGINAL zone requirements: the current
 *   ones on the first change, afterwards the ones recorded in
 *   {@link ORIGINAL_ZONE_REQUIREMENTS_ANNOTATION} in that same first patch.
 *   A restart, a second replica or a moved shift therefore always reaches the
 *   same result, and the restore puts back exactly what was there.
 * - Excluding an away zone: every zone requirement allowing it is edited in
 *   its own terms (name or ID), so each still reads right on its own: `In`
 *   loses the zone's value, `NotIn` gains it (appended, so the restore is the
 *   recorded original, never "remove what looks like ours": a zone the user
 *   excluded stays excluded); when only `Exists` (or no zone requirement)
 *   allows the zone, one
 *   requirement `topology.k8s.aws/zone-id NotIn [zones]` is appended. IDs are
 *   used for it because they are the same in every account and are what ARC
 *   names, so no name mapping can go wrong. Karpenter intersects requirements
 *   with the same key, so an appended requirement narrows and never widens.
 * - A zone is not excluded (blocked, reported) when that would leave no known
 *   zone (an `In` never ends up empty), fewer zones than a zone requirement's
 *   `minValues`, when the zone is not among the cluster's zones (its name
 *   is unknown: never guessed), or when a requirement would have to be added
 *   to a NodePool that already has the 100 the CRD allows. Blocked zones
 *   change nothing.
 * - `DoesNotExist` (and Gt/Lt/Gte/Lte) on a zone key allows no zone at all: left
 *   as it is, reported as a warning.
 * - Only requirements with a zone key and the plan's two annotations ever
 *   change; other requirements are carried over as they are now (even when
 *   edited during a shift), and the zone requirements go back to their
 *   recorded positions among them.
 * - If the zone requirements no longer are what the plan last wrote (edited by
 *   hand during a shift) or the annotations are unreadable or only one is
 *   there, the plan changes nothing and says why: it never guesses which
 *   version is meant. Removing both annotations makes the current requirements
 *   the new original.
 */
import {
  ZONE_ID_KEY,
  ZONE_NAME_KEY,
  type NodePoolRequirement,
  type NodePoolRequirementOperator,
  type Zone,
} from './zones';

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
 * What the plan needs of a NodePool.
 *
 * @public
 */
export interface PlanNodePool {
  name: string;
  requirements: NodePoolRequirement[];
  annotations: Record<string, string>;
}

/** @public */
export interface NodePoolPlanInput {
  nodePool: PlanNodePool;
  /** The cluster's zones (name and ID); the zones a NodePool without a zone requirement may use. */
  clusterZones: readonly Zone[];
  /** Zone IDs ARC applies a shift away from now; empty when no shift is applied. */
  awayZoneIds: readonly string[];
}

/**
 * A JSON merge patch of the NodePool: the whole requirements list (merge
 * patches replace arrays) and the annotations to set (`null` removes one).
 *
 * @public
 */
export interface NodePoolPatch {
  requirements: NodePoolRequirement[];
  annotations: Record<string, string | null>;
}

/**
 * An away zone the plan did not exclude, and why.
 *
 * @public
 */
export interface BlockedZone {
  zoneId: string;
  reason: string;
}

/** @public */
export interface NodePoolPlan {
  /** Undefined when the NodePool is already as desired (or when nothing can safely be changed). */
  patch?: NodePoolPatch;
  /** `exclude` while a shift applies, `restore` when returning to the original. */
  purpose?: 'exclude' | 'restore';
  /** Zone IDs the NodePool may place capacity in once the patch is applied (known cluster zones only). */
  allowedZoneIds: string[];
  /** Zone IDs the NodePool avoids once the patch is applied because of the shift. */
  excludedZoneIds: string[];
  /** Away zones the plan could not exclude, and why (e.g. pinned only to the impaired AZ). */
  blocked?: { zoneIds: string[]; reason: string };
  /** The same, one reason per zone. */
  blockedZones?: BlockedZone[];
  /** Things worth a look that do not block (e.g. a zone name the cluster does not know). */
  warnings?: string[];
  /** One sentence for logs and the UI. */
  summary: string;
}

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

type Positioned = RecordedZoneRequirements['requirements'][number];

/** Karpenter v1 NodePool CRD: `requirements` maxItems. */
const MAX_REQUIREMENTS = 100;
const ZONE_KEYS: ReadonlySet<string> = new Set([ZONE_NAME_KEY, ZONE_ID_KEY]);
const OPERATORS: ReadonlySet<string> = new Set<NodePoolRequirementOperator>([
  'In',
  'NotIn',
  'Exists',
  'DoesNotExist',
  'Gt',
  'Lt',
  'Gte',
  'Lte',
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
function copyRequirement(r: NodePoolRequirement): NodePoolRequirement {
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

function sameRequirements(
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

function uniqueSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** The zone requirements of a list, with their positions. */
function zoneRequirementsOf(
  requirements: readonly NodePoolRequirement[],
): Positioned[] {
  return requirements.flatMap((requirement, index) =>
    isZoneRequirement(requirement)
      ? [{ index, requirement: copyRequirement(requirement) }]
      : [],
  );
}

/** Serialises the recorded original (stable: same input, same string). */
export function serializeRecordedZoneRequirements(
  requirements: readonly Positioned[],
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
 */
export function parseRecordedZoneRequirements(
  text: string,
): { requirements: Positioned[] } | { error: string } {
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
  const requirements: Positioned[] = [];
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
      !OPERATORS.has(r.operator) ||
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
function parseAwayZones(text: string): string[] | undefined {
  const ids = text.split(',').map(s => s.trim());
  if (ids.some(id => id === '')) {
    return undefined;
  }
  return uniqueSorted(ids);
}

/**
 * The zone requirements with the given zones excluded, mechanically: `In`
 * drops the zone's value, `NotIn` gains it, and zones no edited requirement
 * excludes go into one appended `zone-id NotIn`. The caller has checked that
 * each zone can be excluded.
 */
function excludeZones(
  original: readonly Positioned[],
  excludedZoneIds: readonly string[],
  zoneById: ReadonlyMap<string, Zone>,
): { edited: Positioned[]; appended?: NodePoolRequirement } {
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
function assemble(
  current: readonly NodePoolRequirement[],
  zoneRequirements: readonly Positioned[],
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

function zoneSequence(
  zoneRequirements: readonly Positioned[],
  appended: NodePoolRequirement | undefined,
): NodePoolRequirement[] {
  return [
    ...[...zoneRequirements]
      .sort((a, b) => a.index - b.index)
      .map(p => p.requirement),
    ...(appended ? [appended] : []),
  ];
}

/** Checks the cluster's zone list maps names and IDs one to one. */
function zoneMapProblem(zones: readonly Zone[]): string | undefined {
  const byId = new Map<string, string>();
  const byName = new Map<string, string>();
  for (const zone of zones) {
    if ((byId.get(zone.id) ?? zone.name) !== zone.name) {
      return `zone ID ${zone.id} has two names (${byId.get(zone.id)}, ${
        zone.name
      })`;
    }
    if ((byName.get(zone.name) ?? zone.id) !== zone.id) {
      return `zone name ${zone.name} has two IDs (${byName.get(zone.name)}, ${
        zone.id
      })`;
    }
    byId.set(zone.id, zone.name);
    byName.set(zone.name, zone.id);
  }
  return undefined;
}

function describeList(ids: readonly string[]): string {
  return ids.length === 0 ? 'no zone' : ids.join(', ');
}

function noChange(
  nodePool: PlanNodePool,
  clusterZones: readonly Zone[],
  awayZoneIds: readonly string[],
  reason: string,
  warnings: string[],
): NodePoolPlan {
  const allowed = allowedZoneIdsOf(nodePool.requirements, clusterZones);
  const stillAllowed = awayZoneIds.filter(id => allowed.includes(id));
  const recordedAway = nodePool.annotations[AWAY_ZONES_ANNOTATION];
  return {
    allowedZoneIds: allowed,
    excludedZoneIds: recordedAway ? parseAwayZones(recordedAway) ?? [] : [],
    ...(stillAllowed.length > 0
      ? {
          blocked: { zoneIds: stillAllowed, reason },
          blockedZones: stillAllowed.map(zoneId => ({ zoneId, reason })),
        }
      : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
    summary: `NodePool ${nodePool.name} left unchanged: ${reason}`,
  };
}

/**
 * Plans the zone requirements of one NodePool for the zones ARC applies a
 * shift away from now (see the file comment for the rules).
 *
 * @public
 */
export function planNodePool(input: NodePoolPlanInput): NodePoolPlan {
  const { nodePool, clusterZones } = input;
  const awayZoneIds = uniqueSorted(input.awayZoneIds);
  const warnings: string[] = [];

  const mapProblem = zoneMapProblem(clusterZones);
  if (mapProblem) {
    return noChange(
      nodePool,
      clusterZones,
      awayZoneIds,
      `the cluster's zone list is inconsistent (${mapProblem})`,
      warnings,
    );
  }
  const zoneById = new Map(clusterZones.map(zone => [zone.id, zone]));
  const knownNames = new Set(clusterZones.map(zone => zone.name));

  // The original zone requirements: recorded, or the current ones.
  const recordedText =
    nodePool.annotations[ORIGINAL_ZONE_REQUIREMENTS_ANNOTATION];
  const awayText = nodePool.annotations[AWAY_ZONES_ANNOTATION];
  let original: Positioned[];
  if (recordedText === undefined && awayText === undefined) {
    original = zoneRequirementsOf(nodePool.requirements);
  } else {
    const resolve = `; to keep the requirements as they are, remove the annotations ${ORIGINAL_ZONE_REQUIREMENTS_ANNOTATION} and ${AWAY_ZONES_ANNOTATION}`;
    if (recordedText === undefined || awayText === undefined) {
      return noChange(
        nodePool,
        clusterZones,
        awayZoneIds,
        `only one of the annotations ${ORIGINAL_ZONE_REQUIREMENTS_ANNOTATION} and ${AWAY_ZONES_ANNOTATION} is present, the original zone requirements are unknown${resolve}`,
        warnings,
      );
    }
    const parsed = parseRecordedZoneRequirements(recordedText);
    const recordedAway = parseAwayZones(awayText);
    if ('error' in parsed || !recordedAway) {
      const why =
        'error' in parsed
          ? `annotation ${ORIGINAL_ZONE_REQUIREMENTS_ANNOTATION} is unreadable (${parsed.error})`
          : `annotation ${AWAY_ZONES_ANNOTATION} is unreadable`;
      return noChange(
        nodePool,
        clusterZones,
        awayZoneIds,
        `${why}${resolve}`,
        warnings,
      );
    }
    original = parsed.requirements;
    const unknownRecorded = recordedAway.filter(id => !zoneById.has(id));
    if (unknownRecorded.length > 0) {
      // Without the name the plan can neither check nor undo its own edit;
      // keeping the exclusion is the safe side until the zones are known.
      return noChange(
        nodePool,
        clusterZones,
        awayZoneIds,
        `excluded zone(s) ${unknownRecorded.join(
          ', ',
        )} are not among the cluster's zones, so the plan cannot check or undo its change`,
        warnings,
      );
    }
    // What the plan wrote last time must still be there: otherwise someone
    // edited the zone requirements by hand and neither version is guessed.
    const written = excludeZones(original, recordedAway, zoneById);
    const expected = zoneSequence(written.edited, written.appended);
    const currentZone = nodePool.requirements.filter(isZoneRequirement);
    if (!sameRequirements(expected, currentZone)) {
      return noChange(
        nodePool,
        clusterZones,
        awayZoneIds,
        `its zone requirements were changed since the plan excluded ${describeList(
          recordedAway,
        )}, so neither the change nor the original is assumed${resolve}, or restore the original zone requirements by hand`,
        warnings,
      );
    }
  }

  const originalRequirements = original.map(p => p.requirement);
  for (const r of originalRequirements) {
    if (r.key === ZONE_NAME_KEY) {
      const unknown = (r.values ?? []).filter(v => !knownNames.has(v));
      if (unknown.length > 0) {
        warnings.push(
          `zone name(s) ${unknown.join(', ')} of a ${
            r.operator
          } requirement are not among the cluster's zones`,
        );
      }
    }
    if (
      r.operator !== 'In' &&
      r.operator !== 'NotIn' &&
      r.operator !== 'Exists'
    ) {
      warnings.push(
        `a ${r.key} ${r.operator} requirement allows no zone at all; left as it is`,
      );
    }
  }
  // Zones that only Exists (or nothing) constrains need an appended
  // requirement; Karpenter's CRD takes at most 100.
  const needsAppend = !originalRequirements.some(
    r => r.operator === 'In' || r.operator === 'NotIn',
  );
  const requirementCount =
    nodePool.requirements.filter(r => !isZoneRequirement(r)).length +
    original.length;
  const minValues = Math.max(
    0,
    ...originalRequirements.map(r => r.minValues ?? 0),
  );

  // Which away zones to exclude, one at a time in ID order.
  let allowed = new Set(allowedZoneIdsOf(originalRequirements, clusterZones));
  const excludedZoneIds: string[] = [];
  const blockedZones: BlockedZone[] = [];
  for (const zoneId of awayZoneIds) {
    if (!zoneById.has(zoneId)) {
      blockedZones.push({
        zoneId,
        reason: `zone ${zoneId} is not among the cluster's zones, its name is unknown`,
      });
      continue;
    }
    if (!allowed.has(zoneId)) {
      continue; // the NodePool does not use it anyway
    }
    const after = [...allowed].filter(id => id !== zoneId);
    if (after.length === 0) {
      blockedZones.push({
        zoneId,
        reason: `the NodePool may only use ${describeList([
          ...allowed,
        ])}: excluding ${zoneId} would leave it no zone`,
      });
    } else if (needsAppend && requirementCount >= MAX_REQUIREMENTS) {
      blockedZones.push({
        zoneId,
        reason: `the NodePool has ${requirementCount} requirements, the most Karpenter accepts: no room to add one excluding ${zoneId}`,
      });
    } else if (after.length < minValues) {
      blockedZones.push({
        zoneId,
        reason: `excluding ${zoneId} would leave ${after.length} zone(s), fewer than the zone requirement's minValues ${minValues}`,
      });
    } else {
      excludedZoneIds.push(zoneId);
      allowed = new Set(after);
    }
  }

  // The desired state: original minus the excluded zones.
  const desired =
    excludedZoneIds.length > 0
      ? excludeZones(original, excludedZoneIds, zoneById)
      : { edited: original, appended: undefined };
  const requirements = assemble(
    nodePool.requirements,
    desired.edited,
    desired.appended,
  );
  const annotations: Record<string, string | null> = {};
  if (excludedZoneIds.length > 0) {
    if (recordedText === undefined) {
      annotations[ORIGINAL_ZONE_REQUIREMENTS_ANNOTATION] =
        serializeRecordedZoneRequirements(original);
    }
    const awayValue = excludedZoneIds.join(',');
    if (awayText !== awayValue) {
      annotations[AWAY_ZONES_ANNOTATION] = awayValue;
    }
  } else {
    if (recordedText !== undefined) {
      annotations[ORIGINAL_ZONE_REQUIREMENTS_ANNOTATION] = null;
    }
    if (awayText !== undefined) {
      annotations[AWAY_ZONES_ANNOTATION] = null;
    }
  }
  const changed =
    !sameRequirements(requirements, nodePool.requirements) ||
    Object.keys(annotations).length > 0;

  const allowedZoneIds = allowedZoneIdsOf(requirements, clusterZones);
  const blocked =
    blockedZones.length > 0
      ? {
          blocked: {
            zoneIds: blockedZones.map(b => b.zoneId),
            reason: blockedZones.map(b => b.reason).join('; '),
          },
          blockedZones,
        }
      : {};
  const purpose = excludedZoneIds.length > 0 ? 'exclude' : 'restore';
  const blockedNote =
    blockedZones.length > 0
      ? `; not excluded: ${blockedZones.map(b => b.zoneId).join(', ')} (${
          blocked.blocked?.reason
        })`
      : '';
  let summary: string;
  if (!changed) {
    summary =
      excludedZoneIds.length > 0
        ? `NodePool ${nodePool.name} already avoids ${describeList(
            excludedZoneIds,
          )}`
        : `NodePool ${nodePool.name} needs no change`;
  } else if (purpose === 'exclude') {
    summary = `NodePool ${nodePool.name} excludes ${describeList(
      excludedZoneIds,
    )}`;
  } else {
    summary = `NodePool ${nodePool.name} gets its original zone requirements back`;
  }
  summary += `, allowed zones: ${describeList(allowedZoneIds)}${blockedNote}`;

  return {
    ...(changed ? { patch: { requirements, annotations }, purpose } : {}),
    allowedZoneIds,
    excludedZoneIds,
    ...blocked,
    ...(warnings.length > 0 ? { warnings } : {}),
    summary,
  };
}

/**
 * The NodePool after a patch, with merge-patch semantics (for tests and dry runs).
 *
 * @public
 */
export function applyNodePoolPatch(
  nodePool: PlanNodePool,
  patch: NodePoolPatch,
): PlanNodePool {
  const annotations = { ...nodePool.annotations };
  for (const [key, value] of Object.entries(patch.annotations)) {
    if (value === null) {
      delete annotations[key];
    } else {
      annotations[key] = value;
    }
  }
  return {
    ...nodePool,
    requirements: patch.requirements.map(copyRequirement),
    annotations,
  };
}
