import fc from 'fast-check';
import {
  AWAY_ZONES_ANNOTATION as AWAY,
  ORIGINAL_ZONE_REQUIREMENTS_ANNOTATION as ORIGINAL,
  applyNodePoolPatch,
  type PlanNodePool,
} from './nodePoolPlan';
import {
  planStoredNodePool,
  type StoredNodePoolOriginal,
  type StoredNodePoolPlan,
} from './nodePoolPlanStored';
import { NodePoolRequirement, Zone, ZONE_ID_KEY, ZONE_NAME_KEY } from './zones';

const ZONES: Zone[] = [
  { name: 'us-east-1a', id: 'use1-az4' },
  { name: 'us-east-1b', id: 'use1-az6' },
  { name: 'us-east-1c', id: 'use1-az1' },
];
const [A, B, C] = ZONES;
const ARCH: NodePoolRequirement = {
  key: 'kubernetes.io/arch',
  operator: 'In',
  values: ['amd64'],
};
const BY_NAME: NodePoolRequirement = {
  key: ZONE_NAME_KEY,
  operator: 'In',
  values: [C.name, A.name, B.name],
  minValues: 2,
};
const ORIGINAL_REQUIREMENTS = [BY_NAME, ARCH];

function pool(
  requirements: NodePoolRequirement[],
  annotations: Record<string, string> = {},
): PlanNodePool {
  return { name: 'general', requirements, annotations };
}

function plan(
  nodePool: PlanNodePool,
  awayZoneIds: string[],
  stored?: StoredNodePoolOriginal,
): StoredNodePoolPlan {
  return planStoredNodePool({
    nodePool,
    clusterZones: ZONES,
    awayZoneIds,
    ...(stored ? { stored } : {}),
  });
}

/** What the reconciler does with a plan: store before, patch, clear after. */
function apply(
  nodePool: PlanNodePool,
  result: StoredNodePoolPlan,
  stored: StoredNodePoolOriginal | undefined,
): { after: PlanNodePool; stored: StoredNodePoolOriginal | undefined } {
  let nextStored = stored;
  if (result.store && 'put' in result.store) nextStored = result.store.put;
  const after = result.patch
    ? applyNodePoolPatch(nodePool, result.patch)
    : nodePool;
  if (result.store && 'clear' in result.store) nextStored = undefined;
  return { after, stored: nextStored };
}

/** Narrows the original for `away` through the stored plan: the NodePool and the store after it. */
function narrowedFor(away: string[]) {
  const first = plan(pool(ORIGINAL_REQUIREMENTS), away);
  return apply(pool(ORIGINAL_REQUIREMENTS), first, undefined);
}

describe('planStoredNodePool: the store follows the plan', () => {
  it('stores the original before the first exclusion, exactly as the annotation records it', () => {
    const result = plan(pool(ORIGINAL_REQUIREMENTS), [B.id]);
    expect(result.purpose).toBe('exclude');
    expect(result.store).toEqual({
      put: {
        originalZoneRequirements: result.patch!.annotations[ORIGINAL],
        awayZoneIds: [B.id],
      },
    });
    expect(result.recordProblem).toBeUndefined();
  });

  it('stores the original of a NodePool an older version narrowed (annotations only), with no patch', () => {
    const { after } = narrowedFor([B.id]);
    const result = plan(after, [B.id]);
    expect(result.patch).toBeUndefined();
    expect(result.store).toEqual({
      put: {
        originalZoneRequirements: after.annotations[ORIGINAL],
        awayZoneIds: [B.id],
      },
    });
  });

  it('changes nothing while the annotations and the store agree', () => {
    const { after, stored } = narrowedFor([B.id]);
    const result = plan(after, [B.id], stored);
    expect(result.patch).toBeUndefined();
    expect(result.store).toBeUndefined();
    expect(result.recordProblem).toBeUndefined();
  });

  it('updates the stored away zones when the shift moves', () => {
    const { after, stored } = narrowedFor([B.id]);
    const result = plan(after, [A.id], stored);
    expect(result.store).toEqual({
      put: { ...stored, awayZoneIds: [A.id] },
    });
    expect(result.patch?.annotations).toEqual({ [AWAY]: A.id });
  });

  it('restores and clears the store when the shift ends', () => {
    const { after, stored } = narrowedFor([B.id]);
    const result = plan(after, [], stored);
    expect(result.purpose).toBe('restore');
    expect(result.store).toEqual({ clear: true });
    const done = apply(after, result, stored);
    expect(done.after).toEqual(pool(ORIGINAL_REQUIREMENTS));
    expect(done.stored).toBeUndefined();
  });

  it('clears a store left by a pass that stopped before its patch', () => {
    const { stored } = narrowedFor([B.id]);
    const result = plan(pool(ORIGINAL_REQUIREMENTS), [], stored);
    expect(result.patch).toBeUndefined();
    expect(result.store).toEqual({ clear: true });
    expect(result.recordProblem).toBeUndefined();
  });

  it('narrows again from a store left by a pass that stopped before its patch, without rewriting the store', () => {
    const { stored } = narrowedFor([B.id]);
    const result = plan(pool(ORIGINAL_REQUIREMENTS), [B.id], stored);
    expect(result.purpose).toBe('exclude');
    expect(result.store).toBeUndefined();
    expect(result.recordProblem).toBeUndefined();
  });
});

describe('planStoredNodePool: annotations removed or edited during a shift', () => {
  const removals: Array<[string, (a: Record<string, string>) => void]> = [
    [
      'both removed',
      a => {
        delete a[ORIGINAL];
        delete a[AWAY];
      },
    ],
    ['the original removed', a => delete a[ORIGINAL]],
    ['the away zones removed', a => delete a[AWAY]],
    ['the original made unreadable', a => (a[ORIGINAL] = '{oops')],
    [
      'the original edited to the narrowed requirements',
      a =>
        (a[ORIGINAL] = JSON.stringify({
          version: 1,
          requirements: [
            {
              index: 0,
              requirement: {
                key: ZONE_NAME_KEY,
                operator: 'In',
                values: [C.name, A.name],
                minValues: 2,
              },
            },
          ],
        })),
    ],
    ['the away zones edited', a => (a[AWAY] = A.id)],
    ['the away zones emptied', a => (a[AWAY] = '')],
  ];

  it.each(removals)(
    '%s: the shift ending restores the stored original exactly and says so',
    (_name, tamper) => {
      const { after, stored } = narrowedFor([B.id]);
      const annotations = { ...after.annotations };
      tamper(annotations);
      const tampered = { ...after, annotations };
      const result = plan(tampered, [], stored);
      expect(result.purpose).toBe('restore');
      expect(result.recordProblem).toMatch(
        /annotation .* while use1-az6 was excluded: the reconciler's stored original is used/,
      );
      expect(result.summary).toContain(result.recordProblem);
      expect(result.store).toEqual({ clear: true });
      const done = apply(tampered, result, stored);
      expect(done.after).toEqual(pool(ORIGINAL_REQUIREMENTS));
      expect(done.stored).toBeUndefined();
    },
  );

  it.each(removals)(
    '%s: while the shift goes on, only the annotations are written back',
    (_name, tamper) => {
      const { after, stored } = narrowedFor([B.id]);
      const annotations = { ...after.annotations };
      tamper(annotations);
      const tampered = { ...after, annotations };
      const result = plan(tampered, [B.id], stored);
      expect(result.purpose).toBe('exclude');
      expect(result.patch?.requirements).toEqual(after.requirements);
      expect(result.store).toBeUndefined();
      const done = apply(tampered, result, stored);
      expect(done.after).toEqual(after);
      expect(plan(done.after, [B.id], stored).patch).toBeUndefined();
    },
  );

  it('annotations removed and the shift moved: narrowed from the stored original for the new zone', () => {
    const { after, stored } = narrowedFor([B.id]);
    const bare = pool(after.requirements);
    const result = plan(bare, [A.id], stored);
    const done = apply(bare, result, stored);
    expect(done.after.requirements).toEqual([
      { ...BY_NAME, values: [C.name, B.name] },
      ARCH,
    ]);
    expect(done.stored?.awayZoneIds).toEqual([A.id]);
    expect(
      apply(done.after, plan(done.after, [], done.stored), done.stored),
    ).toEqual({ after: pool(ORIGINAL_REQUIREMENTS), stored: undefined });
  });

  it('an appended requirement (Exists only) is taken off again after the annotations vanished', () => {
    const exists: NodePoolRequirement[] = [
      ARCH,
      { key: ZONE_ID_KEY, operator: 'Exists' },
    ];
    const first = plan(pool(exists), [C.id]);
    const narrowedPool = applyNodePoolPatch(pool(exists), first.patch!);
    expect(narrowedPool.requirements).toHaveLength(3);
    const stored = (first.store as { put: StoredNodePoolOriginal }).put;
    const result = plan(pool(narrowedPool.requirements), [], stored);
    expect(
      applyNodePoolPatch(pool(narrowedPool.requirements), result.patch!),
    ).toEqual(pool(exists));
  });

  it('without the store, the same removal makes the narrowed requirements the original (why the store exists)', () => {
    const { after } = narrowedFor([B.id]);
    const result = plan(pool(after.requirements), []);
    expect(result.patch).toBeUndefined();
    expect(result.allowedZoneIds).not.toContain(B.id);
  });
});

describe('planStoredNodePool: when the store no longer applies', () => {
  it('a NodePool replaced without the annotations (e.g. a GitOps sync) keeps its new requirements as the original', () => {
    const { stored } = narrowedFor([B.id]);
    const replaced = pool([
      ARCH,
      { key: ZONE_NAME_KEY, operator: 'In', values: [A.name, B.name] },
    ]);
    const ended = plan(replaced, [], stored);
    expect(ended.patch).toBeUndefined();
    expect(ended.store).toEqual({ clear: true });
    expect(ended.recordProblem).toMatch(/replaced/);
    const ongoing = plan(replaced, [B.id], stored);
    expect(ongoing.patch?.requirements).toEqual([
      ARCH,
      { key: ZONE_NAME_KEY, operator: 'In', values: [A.name] },
    ]);
    expect(ongoing.store).toEqual({
      put: {
        originalZoneRequirements: ongoing.patch!.annotations[ORIGINAL],
        awayZoneIds: [B.id],
      },
    });
  });

  it('requirements edited by hand with the annotations still there: nothing changes, the store is kept', () => {
    const { after, stored } = narrowedFor([B.id]);
    const edited = {
      ...after,
      requirements: [
        { key: ZONE_NAME_KEY, operator: 'In' as const, values: [C.name] },
        ARCH,
      ],
    };
    const result = plan(edited, [], stored);
    expect(result.patch).toBeUndefined();
    expect(result.store).toBeUndefined();
    expect(result.unresolved).toBe(true);
    expect(result.recordProblem).toMatch(/neither is assumed/);
  });

  it('an unreadable stored copy is replaced while narrowed, and cleared once restored', () => {
    const { after, stored } = narrowedFor([B.id]);
    const broken = { ...stored!, originalZoneRequirements: 'nope' };
    const ongoing = plan(after, [B.id], broken);
    expect(ongoing.store).toEqual({ put: stored });
    expect(ongoing.recordProblem).toMatch(/unreadable/);
    const ended = plan(after, [], broken);
    expect(ended.store).toEqual({ clear: true });
    expect(apply(after, ended, broken).after).toEqual(
      pool(ORIGINAL_REQUIREMENTS),
    );
  });
});

describe('planStoredNodePool: property', () => {
  type Step =
    | { type: 'shift'; away: string[] }
    | { type: 'removeAnnotations' }
    | { type: 'editOriginal'; text: string }
    | { type: 'editAway'; text: string }
    | { type: 'restart' };
  const zoneIds = ZONES.map(z => z.id);
  const stepArb: fc.Arbitrary<Step> = fc.oneof(
    fc
      .subarray(zoneIds, { maxLength: 1 })
      .map(away => ({ type: 'shift' as const, away })),
    fc.constant({ type: 'removeAnnotations' as const }),
    fc
      .constantFrom('', '{}', 'x', '{"version":1,"requirements":[]}')
      .map(text => ({ type: 'editOriginal' as const, text })),
    fc
      .constantFrom('', ...zoneIds)
      .map(text => ({ type: 'editAway' as const, text })),
    fc.constant({ type: 'restart' as const }),
  );
  const originals: NodePoolRequirement[][] = [
    ORIGINAL_REQUIREMENTS,
    [ARCH, { key: ZONE_ID_KEY, operator: 'Exists' }],
    [ARCH],
    [
      { key: ZONE_ID_KEY, operator: 'NotIn', values: [C.id] },
      ARCH,
      { key: ZONE_NAME_KEY, operator: 'In', values: [A.name, B.name, C.name] },
    ],
  ];

  it('whatever happens to the annotations, the last pass after the shift ends restores the original exactly', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...originals),
        fc.array(stepArb, { maxLength: 12 }),
        (requirements, steps) => {
          let nodePool = pool(requirements);
          let stored: StoredNodePoolOriginal | undefined;
          let away: string[] = [];
          const pass = () => {
            const result = plan(nodePool, away, stored);
            ({ after: nodePool, stored } = apply(nodePool, result, stored));
          };
          for (const step of steps) {
            const annotations = { ...nodePool.annotations };
            if (step.type === 'shift') {
              away = step.away;
              pass();
            } else if (step.type === 'removeAnnotations') {
              delete annotations[ORIGINAL];
              delete annotations[AWAY];
            } else if (step.type === 'editOriginal') {
              if (annotations[ORIGINAL] !== undefined)
                annotations[ORIGINAL] = step.text;
            } else if (step.type === 'editAway') {
              if (annotations[AWAY] !== undefined)
                annotations[AWAY] = step.text;
            } else {
              pass();
            }
            nodePool = { ...nodePool, annotations };
          }
          away = [];
          pass();
          expect(nodePool).toEqual(pool(requirements));
          expect(stored).toBeUndefined();
          expect(plan(nodePool, away, stored).patch).toBeUndefined();
        },
      ),
      { numRuns: 500 },
    );
  });
});
