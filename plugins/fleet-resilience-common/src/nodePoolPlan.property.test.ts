import fc from 'fast-check';
import {
  AWAY_ZONES_ANNOTATION,
  ORIGINAL_ZONE_REQUIREMENTS_ANNOTATION,
  PlanNodePool,
  applyNodePoolPatch,
  planNodePool,
} from './nodePoolPlan';
import {
  NodePoolRequirement,
  NodePoolRequirementOperator,
  Zone,
  ZONE_ID_KEY,
  ZONE_NAME_KEY,
} from './zones';

const NAMES = [
  'eu-west-1a',
  'eu-west-1b',
  'eu-west-1c',
  'eu-west-1d',
  'eu-west-1e',
  'eu-west-1f',
];
const IDS = [
  'euw1-az1',
  'euw1-az2',
  'euw1-az3',
  'euw1-az4',
  'euw1-az5',
  'euw1-az6',
];
/** A zone the cluster does not know, by name and by ID. */
const UNKNOWN_NAME = 'eu-west-1z';
const UNKNOWN_ID = 'euw1-az9';

/** 2..6 zones, names paired with IDs at random (the mapping is per account). */
const clusterZonesArb: fc.Arbitrary<Zone[]> = fc
  .integer({ min: 2, max: 6 })
  .chain(n =>
    fc
      .tuple(
        fc.shuffledSubarray(NAMES, { minLength: n, maxLength: n }),
        fc.shuffledSubarray(IDS, { minLength: n, maxLength: n }),
      )
      .map(([names, ids]) => names.map((name, i) => ({ name, id: ids[i] }))),
  );

const nonZoneRequirementArb: fc.Arbitrary<NodePoolRequirement> = fc.oneof(
  fc.constant<NodePoolRequirement>({
    key: 'kubernetes.io/arch',
    operator: 'In',
    values: ['amd64'],
  }),
  fc.constant<NodePoolRequirement>({
    key: 'karpenter.sh/capacity-type',
    operator: 'NotIn',
    values: ['spot'],
  }),
  fc.constant<NodePoolRequirement>({
    key: 'karpenter.k8s.aws/instance-cpu',
    operator: 'Gt',
    values: ['3'],
  }),
  fc.constant<NodePoolRequirement>({
    key: 'karpenter.k8s.aws/instance-family',
    operator: 'Exists',
    minValues: 2,
  }),
);

function zoneRequirementArb(zones: Zone[]): fc.Arbitrary<NodePoolRequirement> {
  return fc
    .record({
      key: fc.constantFrom(ZONE_NAME_KEY, ZONE_ID_KEY),
      operator: fc.constantFrom<NodePoolRequirementOperator>(
        'In',
        'In',
        'NotIn',
        'NotIn',
        'Exists',
        'DoesNotExist',
      ),
      picks: fc.subarray([...zones.keys()]),
      // Unknown names and minValues are the exception, so that most cases
      // exercise the plain edits.
      unknown: fc.oneof(
        { weight: 1, arbitrary: fc.constant(true) },
        { weight: 4, arbitrary: fc.constant(false) },
      ),
      minValues: fc.oneof(
        { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) },
        { weight: 4, arbitrary: fc.constant(undefined) },
      ),
    })
    .map(({ key, operator, picks, unknown, minValues }) => {
      const values = picks.map(i =>
        key === ZONE_NAME_KEY ? zones[i].name : zones[i].id,
      );
      if (unknown) {
        values.push(key === ZONE_NAME_KEY ? UNKNOWN_NAME : UNKNOWN_ID);
      }
      if (operator === 'In' && values.length === 0) {
        values.push(key === ZONE_NAME_KEY ? zones[0].name : zones[0].id);
      }
      return {
        key,
        operator,
        ...(operator === 'In' || operator === 'NotIn' ? { values } : {}),
        ...(minValues !== undefined ? { minValues } : {}),
      };
    });
}

const annotationsArb = fc.dictionary(
  fc.constantFrom(
    'team',
    'owner',
    'kubectl.kubernetes.io/last-applied',
    'note',
  ),
  fc.string({ maxLength: 8 }),
);

/** Away sets one after another: start, move, overlap, and a final end. */
function shiftsArb(zones: Zone[]): fc.Arbitrary<string[][]> {
  const ids = [...zones.map(z => z.id), UNKNOWN_ID];
  return fc
    .array(
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...ids).map(id => [id]) },
        {
          weight: 2,
          arbitrary: fc.subarray(ids, { minLength: 2, maxLength: 3 }),
        },
        { weight: 1, arbitrary: fc.constant<string[]>([]) },
      ),
      { minLength: 1, maxLength: 6 },
    )
    .map(events => [...events, []]);
}

const scenarioArb = clusterZonesArb.chain(zones =>
  fc.record({
    zones: fc.constant(zones),
    requirements: fc
      .array(fc.oneof(nonZoneRequirementArb, zoneRequirementArb(zones)), {
        maxLength: 5,
      })
      .map(list => list.map(r => JSON.parse(JSON.stringify(r)))),
    annotations: annotationsArb,
    shifts: shiftsArb(zones),
  }),
);

/** Independent oracle: the zones a requirement list allows. */
function allowedIds(requirements: NodePoolRequirement[], zones: Zone[]) {
  return zones
    .filter(zone =>
      requirements.every(r => {
        if (r.key !== ZONE_NAME_KEY && r.key !== ZONE_ID_KEY) {
          return true;
        }
        const value = r.key === ZONE_NAME_KEY ? zone.name : zone.id;
        if (r.operator === 'In') return (r.values ?? []).includes(value);
        if (r.operator === 'NotIn') return !(r.values ?? []).includes(value);
        return r.operator === 'Exists';
      }),
    )
    .map(zone => zone.id)
    .sort();
}

const nonZone = (requirements: NodePoolRequirement[]) =>
  requirements.filter(r => r.key !== ZONE_NAME_KEY && r.key !== ZONE_ID_KEY);

describe('planNodePool properties', () => {
  it('excludes away zones, never empties an In, is idempotent and restores exactly', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        ({ zones, requirements, annotations, shifts }) => {
          const original: PlanNodePool = {
            name: 'pool',
            requirements,
            annotations,
          };
          const originalAllowed = allowedIds(requirements, zones);
          let current = original;
          for (const away of shifts) {
            const plan = planNodePool({
              nodePool: current,
              clusterZones: zones,
              awayZoneIds: away,
            });
            if (plan.patch) {
              current = applyNodePoolPatch(current, plan.patch);
            }
            const allowed = allowedIds(current.requirements, zones);
            const blocked = plan.blocked?.zoneIds ?? [];
            // (a) every away zone is out unless reported blocked, and nothing
            // else is taken away.
            const excluded = away.filter(id => !blocked.includes(id));
            expect(allowed).toEqual(
              originalAllowed.filter(id => !excluded.includes(id)),
            );
            expect(plan.allowedZoneIds).toEqual(allowed);
            // (c) planning again changes nothing.
            expect(
              planNodePool({
                nodePool: current,
                clusterZones: zones,
                awayZoneIds: away,
              }).patch,
            ).toBeUndefined();
            // (d) no In without values.
            expect(
              current.requirements.filter(
                r => r.operator === 'In' && !r.values?.length,
              ),
            ).toEqual([]);
            // Non-zone requirements are never touched.
            expect(nonZone(current.requirements)).toEqual(
              nonZone(requirements),
            );
            // The plan's annotations are there exactly while it excludes a zone.
            expect(
              current.annotations[AWAY_ZONES_ANNOTATION] !== undefined,
            ).toBe(plan.excludedZoneIds.length > 0);
            expect(
              current.annotations[ORIGINAL_ZONE_REQUIREMENTS_ANNOTATION] !==
                undefined,
            ).toBe(plan.excludedZoneIds.length > 0);
          }
          // (b) after the last shift ends, exactly the original.
          expect(current).toEqual(original);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('blocks an away zone only when excluding it would leave no zone, break minValues or needs an unknown name', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        ({ zones, requirements, annotations, shifts }) => {
          const away = shifts[0];
          const plan = planNodePool({
            nodePool: { name: 'pool', requirements, annotations },
            clusterZones: zones,
            awayZoneIds: away,
          });
          const minValues = Math.max(
            0,
            ...requirements
              .filter(r => r.key === ZONE_NAME_KEY || r.key === ZONE_ID_KEY)
              .map(r => r.minValues ?? 0),
          );
          let allowed = allowedIds(requirements, zones);
          for (const id of [...new Set(away)].sort()) {
            const known = zones.some(z => z.id === id);
            const after = allowed.filter(a => a !== id);
            const mustBlock =
              !known ||
              (allowed.includes(id) &&
                (after.length === 0 || after.length < minValues));
            expect(plan.blocked?.zoneIds.includes(id) ?? false).toBe(mustBlock);
            if (!mustBlock) {
              allowed = after;
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps non-zone requirements edited during shifts and puts zone requirements back in their order', () => {
    const editArb = fc.record({
      insert: fc.boolean(),
      at: fc.nat(),
      requirement: nonZoneRequirementArb,
    });
    fc.assert(
      fc.property(
        scenarioArb,
        fc.array(editArb, { minLength: 1, maxLength: 6 }),
        ({ zones, requirements, annotations, shifts }, edits) => {
          const original: PlanNodePool = {
            name: 'pool',
            requirements,
            annotations,
          };
          let current = original;
          let expectedNonZone = nonZone(requirements);
          shifts.forEach((away, i) => {
            const plan = planNodePool({
              nodePool: current,
              clusterZones: zones,
              awayZoneIds: away,
            });
            if (plan.patch) {
              current = applyNodePoolPatch(current, plan.patch);
            }
            // Someone edits a non-zone requirement between two plans.
            const edit = edits[i % edits.length];
            const list = [...current.requirements];
            const nonZoneAt = list
              .map((r, index) => ({ r, index }))
              .filter(({ r }) => nonZone([r]).length === 1);
            if (edit.insert) {
              list.splice(edit.at % (list.length + 1), 0, edit.requirement);
            } else if (nonZoneAt.length > 0) {
              list.splice(nonZoneAt[edit.at % nonZoneAt.length].index, 1);
            }
            current = { ...current, requirements: list };
            expectedNonZone = nonZone(list);
          });
          const end = planNodePool({
            nodePool: current,
            clusterZones: zones,
            awayZoneIds: [],
          });
          const restored = end.patch
            ? applyNodePoolPatch(current, end.patch)
            : current;
          expect(nonZone(restored.requirements)).toEqual(expectedNonZone);
          expect(
            restored.requirements.filter(r => nonZone([r]).length === 0),
          ).toEqual(requirements.filter(r => nonZone([r]).length === 0));
          expect(restored.annotations).toEqual(annotations);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('changes nothing once zone requirements were edited by hand during a shift', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.nat(),
        fc.subarray(IDS, { minLength: 1, maxLength: 2 }),
        ({ zones, requirements, annotations, shifts }, pick, handValues) => {
          const away = shifts[0];
          const plan = planNodePool({
            nodePool: { name: 'pool', requirements, annotations },
            clusterZones: zones,
            awayZoneIds: away,
          });
          fc.pre(plan.patch !== undefined && plan.purpose === 'exclude');
          const shifted = applyNodePoolPatch(
            { name: 'pool', requirements, annotations },
            plan.patch!,
          );
          // The hand edit: one zone requirement replaced, or one added.
          const list = [...shifted.requirements];
          const zoneAt = list
            .map((r, index) => ({ r, index }))
            .filter(({ r }) => nonZone([r]).length === 0);
          const edited: NodePoolRequirement = {
            key: ZONE_ID_KEY,
            operator: 'In',
            values: handValues,
          };
          if (pick % 2 === 0 && zoneAt.length > 0) {
            list[zoneAt[pick % zoneAt.length].index] = edited;
          } else {
            list.push(edited);
          }
          const zoneOnly = (rs: NodePoolRequirement[]) =>
            rs.filter(r => nonZone([r]).length === 0);
          fc.pre(
            JSON.stringify(zoneOnly(list)) !==
              JSON.stringify(zoneOnly(shifted.requirements)),
          );
          const handEdited = { ...shifted, requirements: list };
          for (const next of [away, [], shifts[1] ?? []]) {
            const again = planNodePool({
              nodePool: handEdited,
              clusterZones: zones,
              awayZoneIds: next,
            });
            expect(again.patch).toBeUndefined();
            expect(again.summary).toMatch(/changed since the plan excluded/);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
