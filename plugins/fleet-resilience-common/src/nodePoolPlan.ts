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
import { MAX_NODEPOOL_REQUIREMENTS, ZONE_NAME_KEY, type Zone } from './zones';
import {
  AWAY_ZONES_ANNOTATION,
  ORIGINAL_ZONE_REQUIREMENTS_ANNOTATION,
  parseAwayZones,
  parseRecordedZoneRequirements,
  serializeRecordedZoneRequirements,
} from './nodePoolPlanRecord';
import {
  allowedZoneIdsOf,
  assemble,
  copyRequirement,
  excludeZones,
  isZoneRequirement,
  sameRequirements,
  uniqueSorted,
  zoneRequirementsOf,
  zoneSequence,
  type PositionedZoneRequirement,
} from './nodePoolRequirements';
import { describeList, noChange } from './nodePoolPlanNoChange';
import type {
  BlockedZone,
  NodePoolPatch,
  NodePoolPlan,
  NodePoolPlanInput,
  PlanNodePool,
} from './nodePoolPlanTypes';

export * from './nodePoolPlanTypes';
export {
  AWAY_ZONES_ANNOTATION,
  ORIGINAL_ZONE_REQUIREMENTS_ANNOTATION,
  parseRecordedZoneRequirements,
  serializeRecordedZoneRequirements,
  type RecordedZoneRequirements,
} from './nodePoolPlanRecord';
export { allowedZoneIdsOf, isZoneRequirement } from './nodePoolRequirements';

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
  let original: PositionedZoneRequirement[];
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
    } else if (needsAppend && requirementCount >= MAX_NODEPOOL_REQUIREMENTS) {
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
