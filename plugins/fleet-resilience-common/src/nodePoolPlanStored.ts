/**
 * The NodePool zone plan with the reconciler's own copy of the original.
 *
 * The plan records the original zone requirements in the NodePool's
 * annotations; anyone who can edit the NodePool can delete or change them
 * during a shift (a GitOps sync, a hand edit). Without a second copy the
 * narrowed requirements would then become the "original" and the AZ would
 * never be given back. So the reconciler also keeps the original in its own
 * store, and this plan decides with both. Pure: no I/O, no clock.
 *
 * Rules:
 * - The stored original wins over the annotations whenever it explains the
 *   NodePool: its zone requirements are the stored original narrowed by the
 *   stored away zones, by the annotated ones, or not narrowed at all. The
 *   annotations are then planned as if they were the stored ones, written
 *   back when they differ, and the summary says what was found.
 * - When it does not explain them and neither annotation is there, the
 *   NodePool was replaced (e.g. re-applied from Git with other zones): the
 *   current requirements are the original, as without a store, and the stored
 *   copy is replaced or cleared.
 * - When it does not explain them and an annotation is there, nothing
 *   changes (`unresolved`): neither version is guessed.
 * - `store` says what the store must hold afterwards: `put` (before the
 *   patch, so the original is stored before anything is narrowed) while a
 *   zone stays excluded, `clear` (after the patch) once none is.
 */
import { describeList, noChange } from './nodePoolPlanNoChange';
import { planNodePool } from './nodePoolPlan';
import {
  AWAY_ZONES_ANNOTATION,
  ORIGINAL_ZONE_REQUIREMENTS_ANNOTATION,
  parseAwayZones,
  parseRecordedZoneRequirements,
} from './nodePoolPlanRecord';
import {
  copyRequirement,
  excludeZones,
  isZoneRequirement,
  sameRequirements,
  uniqueSorted,
  zoneSequence,
  type PositionedZoneRequirement,
} from './nodePoolRequirements';
import type { NodePoolPlan, NodePoolPlanInput } from './nodePoolPlanTypes';
import type { Zone } from './zones';

/**
 * What the reconciler keeps of one NodePool in its own store while a zone is
 * excluded: the same two facts the plan's annotations hold.
 *
 * @public
 */
export interface StoredNodePoolOriginal {
  /** The original zone requirements, exactly as {@link ORIGINAL_ZONE_REQUIREMENTS_ANNOTATION} records them. */
  originalZoneRequirements: string;
  /** The zone IDs the plan excluded last (sorted). */
  awayZoneIds: string[];
}

/**
 * The plan's input with the reconciler's stored copy.
 *
 * @public
 */
export interface StoredNodePoolPlanInput extends NodePoolPlanInput {
  /** The reconciler's stored copy for this NodePool, if it has one. */
  stored?: StoredNodePoolOriginal;
}

/**
 * The plan, plus what the reconciler's store must hold afterwards.
 *
 * @public
 */
export interface StoredNodePoolPlan extends NodePoolPlan {
  /**
   * `put`: store this before applying the patch (or now, without one);
   * `clear`: remove the stored copy once the patch is applied (or now,
   * without one); undefined: keep what is stored.
   */
  store?: { put: StoredNodePoolOriginal } | { clear: true };
  /**
   * Set when the NodePool's annotations did not match the stored copy (or the
   * stored copy no longer applied): what was found and what the plan does.
   */
  recordProblem?: string;
}

const KEYS = [ORIGINAL_ZONE_REQUIREMENTS_ANNOTATION, AWAY_ZONES_ANNOTATION];

function withoutPlanAnnotations(
  annotations: Readonly<Record<string, string>>,
): Record<string, string> {
  const rest = { ...annotations };
  for (const key of KEYS) delete rest[key];
  return rest;
}

/** What happened to the annotations, in words, for the status. */
function describeAnnotations(
  actual: Readonly<Record<string, string>>,
  expected: Readonly<Record<string, string>>,
): string | undefined {
  const removed = KEYS.filter(
    key => actual[key] === undefined && expected[key] !== undefined,
  );
  const changed = KEYS.filter(
    key =>
      actual[key] !== undefined &&
      expected[key] !== undefined &&
      actual[key] !== expected[key],
  );
  const added = KEYS.filter(
    key => actual[key] !== undefined && expected[key] === undefined,
  );
  const parts = [
    removed.length > 0 ? `${removed.join(' and ')} removed` : '',
    changed.length > 0 ? `${changed.join(' and ')} changed` : '',
    added.length > 0 ? `${added.join(' and ')} added` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

function narrowed(
  original: readonly PositionedZoneRequirement[],
  awayZoneIds: readonly string[],
  zones: readonly Zone[],
) {
  const zoneById = new Map(zones.map(zone => [zone.id, zone]));
  const { edited, appended } = excludeZones(original, awayZoneIds, zoneById);
  return zoneSequence(edited, appended);
}

/** The store change that matches the plan's outcome. */
function storeAfter(
  plan: NodePoolPlan,
  annotationsAfter: Readonly<Record<string, string>>,
  stored: StoredNodePoolOriginal | undefined,
): StoredNodePoolPlan['store'] {
  if (plan.unresolved) return undefined;
  const original = annotationsAfter[ORIGINAL_ZONE_REQUIREMENTS_ANNOTATION];
  if (plan.excludedZoneIds.length > 0 && original !== undefined) {
    const put = {
      originalZoneRequirements: original,
      awayZoneIds: [...plan.excludedZoneIds].sort(),
    };
    const same =
      stored?.originalZoneRequirements === put.originalZoneRequirements &&
      stored.awayZoneIds.join(',') === put.awayZoneIds.join(',');
    return same ? undefined : { put };
  }
  return stored ? { clear: true } : undefined;
}

function annotationsAfterPatch(
  annotations: Readonly<Record<string, string>>,
  patch: Readonly<Record<string, string | null>> | undefined,
): Record<string, string> {
  const after = { ...annotations };
  for (const [key, value] of Object.entries(patch ?? {})) {
    if (value === null) delete after[key];
    else after[key] = value;
  }
  return after;
}

/**
 * Plans `nodePool` from the annotations as `planned` holds them, with a patch
 * that brings the actual annotations there too.
 */
function planFrom(
  input: StoredNodePoolPlanInput,
  planned: Record<string, string>,
  problem: string | undefined,
): StoredNodePoolPlan {
  const { nodePool } = input;
  const plan = planNodePool({
    ...input,
    nodePool: { ...nodePool, annotations: planned },
  });
  const after = annotationsAfterPatch(planned, plan.patch?.annotations);
  const annotations: Record<string, string | null> = {};
  for (const key of KEYS) {
    if (nodePool.annotations[key] !== after[key]) {
      annotations[key] = after[key] ?? null;
    }
  }
  let patch = plan.patch;
  let purpose = plan.purpose;
  if (patch) {
    patch = { requirements: patch.requirements, annotations };
  } else if (Object.keys(annotations).length > 0 && !plan.unresolved) {
    // The requirements are right; only the annotations are written back.
    patch = {
      requirements: nodePool.requirements.map(copyRequirement),
      annotations,
    };
    purpose = plan.excludedZoneIds.length > 0 ? 'exclude' : 'restore';
  }
  const store = storeAfter(plan, after, input.stored);
  return {
    ...plan,
    ...(patch ? { patch, purpose } : {}),
    ...(store ? { store } : {}),
    ...(problem
      ? { recordProblem: problem, summary: `${plan.summary} (${problem})` }
      : {}),
  };
}

/**
 * Plans one NodePool with the reconciler's stored original (see the file
 * comment for the rules). Without `stored` it is {@link planNodePool} plus
 * the store change.
 *
 * @public
 */
export function planStoredNodePool(
  input: StoredNodePoolPlanInput,
): StoredNodePoolPlan {
  const { nodePool, stored, clusterZones, awayZoneIds } = input;
  const actual = nodePool.annotations;
  const parsed = stored
    ? parseRecordedZoneRequirements(stored.originalZoneRequirements)
    : undefined;
  if (!stored || !parsed || 'error' in parsed) {
    // Without a readable copy, the annotations are all there is.
    const problem =
      parsed && 'error' in parsed
        ? `the reconciler's stored original is unreadable (${parsed.error}) and is replaced`
        : undefined;
    return planFrom(input, { ...actual }, problem);
  }

  const current = nodePool.requirements.filter(isZoneRequirement);
  const annotatedAwayText = actual[AWAY_ZONES_ANNOTATION];
  const annotatedAway =
    annotatedAwayText !== undefined
      ? parseAwayZones(annotatedAwayText)
      : undefined;
  const candidates = [stored.awayZoneIds, annotatedAway ?? [], []];
  const explained = candidates.find(away =>
    sameRequirements(
      narrowed(parsed.requirements, away, clusterZones),
      current,
    ),
  );

  if (explained) {
    const planned = withoutPlanAnnotations(actual);
    if (explained.length > 0) {
      planned[ORIGINAL_ZONE_REQUIREMENTS_ANNOTATION] =
        stored.originalZoneRequirements;
      planned[AWAY_ZONES_ANNOTATION] = [...explained].sort().join(',');
    }
    const found = describeAnnotations(actual, planned);
    const problem = found
      ? `annotation ${found}${
          explained.length > 0
            ? ` while ${describeList(
                explained,
              )} was excluded: the reconciler's stored original is used and the annotations are written back`
            : `: the reconciler's stored original is used`
        }`
      : undefined;
    return planFrom(input, planned, problem);
  }

  if (KEYS.every(key => actual[key] === undefined)) {
    const problem = `its zone requirements were replaced and the annotations removed (neither the reconciler's stored original nor that original without ${describeList(
      stored.awayZoneIds,
    )}): the current zone requirements are taken as the original`;
    return planFrom(input, { ...actual }, problem);
  }

  const reason = `its zone requirements and annotations match neither the reconciler's stored original nor that original without ${describeList(
    stored.awayZoneIds,
  )}, so neither is assumed; restore the original zone requirements by hand, or remove the annotations ${ORIGINAL_ZONE_REQUIREMENTS_ANNOTATION} and ${AWAY_ZONES_ANNOTATION} to keep the current ones`;
  return {
    ...noChange(nodePool, clusterZones, uniqueSorted(awayZoneIds), reason, []),
    recordProblem: reason,
  };
}
