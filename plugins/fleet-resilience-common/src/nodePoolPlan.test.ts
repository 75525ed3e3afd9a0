import {
  AWAY_ZONES_ANNOTATION,
  NodePoolPlan,
  ORIGINAL_ZONE_REQUIREMENTS_ANNOTATION,
  PlanNodePool,
  allowedZoneIdsOf,
  applyNodePoolPatch,
  planNodePool,
} from './nodePoolPlan';
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
const CAPACITY: NodePoolRequirement = {
  key: 'karpenter.sh/capacity-type',
  operator: 'In',
  values: ['spot', 'on-demand'],
};

function pool(
  requirements: NodePoolRequirement[],
  annotations: Record<string, string> = {},
): PlanNodePool {
  return { name: 'general', requirements, annotations };
}

function plan(
  nodePool: PlanNodePool,
  awayZoneIds: string[],
  clusterZones: Zone[] = ZONES,
): NodePoolPlan {
  return planNodePool({ nodePool, clusterZones, awayZoneIds });
}

/** Plans, applies, and checks that planning again changes nothing. */
function step(
  nodePool: PlanNodePool,
  awayZoneIds: string[],
  clusterZones: Zone[] = ZONES,
): { result: NodePoolPlan; after: PlanNodePool } {
  const result = plan(nodePool, awayZoneIds, clusterZones);
  const after = result.patch
    ? applyNodePoolPatch(nodePool, result.patch)
    : nodePool;
  const again = plan(after, awayZoneIds, clusterZones);
  expect(again.patch).toBeUndefined();
  expect(again.allowedZoneIds).toEqual(result.allowedZoneIds);
  return { result, after };
}

describe('planNodePool: excluding', () => {
  it.each<{
    name: string;
    requirements: NodePoolRequirement[];
    away: string[];
    expected: NodePoolRequirement[];
    allowed: string[];
  }>([
    {
      name: 'In by name loses the away zone name',
      requirements: [
        ARCH,
        {
          key: ZONE_NAME_KEY,
          operator: 'In',
          values: [A.name, B.name, C.name],
        },
      ],
      away: [B.id],
      expected: [
        ARCH,
        { key: ZONE_NAME_KEY, operator: 'In', values: [A.name, C.name] },
      ],
      allowed: [C.id, A.id],
    },
    {
      name: 'In by ID loses the away zone ID',
      requirements: [
        { key: ZONE_ID_KEY, operator: 'In', values: [A.id, B.id] },
        ARCH,
      ],
      away: [A.id],
      expected: [{ key: ZONE_ID_KEY, operator: 'In', values: [B.id] }, ARCH],
      allowed: [B.id],
    },
    {
      name: 'NotIn by name gains the away zone name',
      requirements: [
        { key: ZONE_NAME_KEY, operator: 'NotIn', values: [C.name] },
      ],
      away: [A.id],
      expected: [
        { key: ZONE_NAME_KEY, operator: 'NotIn', values: [C.name, A.name] },
      ],
      allowed: [B.id],
    },
    {
      name: 'NotIn by ID gains the away zone ID',
      requirements: [{ key: ZONE_ID_KEY, operator: 'NotIn', values: [] }],
      away: [C.id],
      expected: [{ key: ZONE_ID_KEY, operator: 'NotIn', values: [C.id] }],
      allowed: [A.id, B.id],
    },
    {
      name: 'Exists stays and a zone-id NotIn is appended',
      requirements: [{ key: ZONE_NAME_KEY, operator: 'Exists' }, ARCH],
      away: [B.id],
      expected: [
        { key: ZONE_NAME_KEY, operator: 'Exists' },
        ARCH,
        { key: ZONE_ID_KEY, operator: 'NotIn', values: [B.id] },
      ],
      allowed: [A.id, C.id],
    },
    {
      name: 'no zone requirement: a zone-id NotIn is appended',
      requirements: [ARCH, CAPACITY],
      away: [A.id],
      expected: [
        ARCH,
        CAPACITY,
        { key: ZONE_ID_KEY, operator: 'NotIn', values: [A.id] },
      ],
      allowed: [B.id, C.id],
    },
    {
      name: 'no requirements at all',
      requirements: [],
      away: [A.id],
      expected: [{ key: ZONE_ID_KEY, operator: 'NotIn', values: [A.id] }],
      allowed: [B.id, C.id],
    },
    {
      name: 'both keys: each requirement excludes the zone in its own terms',
      requirements: [
        {
          key: ZONE_NAME_KEY,
          operator: 'In',
          values: [A.name, B.name, C.name],
        },
        ARCH,
        { key: ZONE_ID_KEY, operator: 'NotIn', values: [A.id] },
      ],
      away: [B.id],
      expected: [
        { key: ZONE_NAME_KEY, operator: 'In', values: [A.name, C.name] },
        ARCH,
        { key: ZONE_ID_KEY, operator: 'NotIn', values: [A.id, B.id] },
      ],
      allowed: [C.id],
    },
    {
      name: 'two away zones at once',
      requirements: [
        { key: ZONE_ID_KEY, operator: 'In', values: [A.id, B.id, C.id] },
      ],
      away: [C.id, A.id],
      expected: [{ key: ZONE_ID_KEY, operator: 'In', values: [B.id] }],
      allowed: [B.id],
    },
    {
      name: 'minValues still met after the removal',
      requirements: [
        {
          key: ZONE_NAME_KEY,
          operator: 'In',
          values: [A.name, B.name, C.name],
          minValues: 2,
        },
      ],
      away: [A.id],
      expected: [
        {
          key: ZONE_NAME_KEY,
          operator: 'In',
          values: [B.name, C.name],
          minValues: 2,
        },
      ],
      allowed: [C.id, B.id],
    },
  ])('$name', ({ requirements, away, expected, allowed }) => {
    const before = pool(requirements, { team: 'payments' });
    const { result, after } = step(before, away);
    expect(result.purpose).toBe('exclude');
    expect(result.blocked).toBeUndefined();
    expect(after.requirements).toEqual(expected);
    expect(result.allowedZoneIds).toEqual([...allowed].sort());
    expect(result.excludedZoneIds).toEqual([...away].sort());
    expect(after.annotations.team).toBe('payments');
    expect(after.annotations[AWAY_ZONES_ANNOTATION]).toBe(
      [...away].sort().join(','),
    );
    expect(
      JSON.parse(after.annotations[ORIGINAL_ZONE_REQUIREMENTS_ANNOTATION]),
    ).toEqual({
      version: 1,
      requirements: requirements.flatMap((requirement, index) =>
        requirement.key === ZONE_NAME_KEY || requirement.key === ZONE_ID_KEY
          ? [{ index, requirement }]
          : [],
      ),
    });
    // And the end of the shift puts back exactly what was there.
    const restored = step(after, []);
    expect(restored.result.purpose).toBe('restore');
    expect(restored.after).toEqual(before);
  });

  it('does nothing for an away zone the NodePool does not use', () => {
    const nodePool = pool([
      { key: ZONE_ID_KEY, operator: 'In', values: [A.id, B.id] },
    ]);
    const result = plan(nodePool, [C.id]);
    expect(result.patch).toBeUndefined();
    expect(result.blocked).toBeUndefined();
    expect(result.excludedZoneIds).toEqual([]);
    expect(result.allowedZoneIds).toEqual([A.id, B.id]);
    expect(result.summary).toMatch(/needs no change/);
  });

  it('does nothing without a shift on a NodePool it never changed', () => {
    const nodePool = pool([ARCH], { team: 'x' });
    const result = plan(nodePool, []);
    expect(result.patch).toBeUndefined();
    expect(result.allowedZoneIds).toEqual([A.id, B.id, C.id].sort());
  });

  it('carries only requirements and its own annotations in the patch', () => {
    const result = plan(pool([ARCH], { team: 'x' }), [A.id]);
    expect(Object.keys(result.patch!).sort()).toEqual([
      'annotations',
      'requirements',
    ]);
    expect(Object.keys(result.patch!.annotations).sort()).toEqual([
      AWAY_ZONES_ANNOTATION,
      ORIGINAL_ZONE_REQUIREMENTS_ANNOTATION,
    ]);
  });
});

describe('planNodePool: blocked', () => {
  it('never empties an In pinned only to the away zone', () => {
    const nodePool = pool([
      ARCH,
      { key: ZONE_NAME_KEY, operator: 'In', values: [B.name] },
    ]);
    const result = plan(nodePool, [B.id]);
    expect(result.patch).toBeUndefined();
    expect(result.blocked?.zoneIds).toEqual([B.id]);
    expect(result.blocked?.reason).toMatch(/leave it no zone/);
    expect(result.allowedZoneIds).toEqual([B.id]);
    expect(result.summary).toMatch(/not excluded: use1-az6/);
  });

  it('blocks when two requirements together allow only the away zone', () => {
    const nodePool = pool([
      { key: ZONE_NAME_KEY, operator: 'In', values: [A.name, B.name] },
      { key: ZONE_ID_KEY, operator: 'In', values: [B.id, C.id] },
    ]);
    const result = plan(nodePool, [B.id]);
    expect(result.patch).toBeUndefined();
    expect(result.blocked?.zoneIds).toEqual([B.id]);
  });

  it('blocks a removal that would break minValues', () => {
    const nodePool = pool([
      {
        key: ZONE_ID_KEY,
        operator: 'In',
        values: [A.id, B.id],
        minValues: 2,
      },
    ]);
    const result = plan(nodePool, [A.id]);
    expect(result.patch).toBeUndefined();
    expect(result.blocked?.reason).toMatch(/minValues 2/);
  });

  it('blocks minValues on a NotIn too (it counts zones left)', () => {
    const nodePool = pool([
      { key: ZONE_ID_KEY, operator: 'NotIn', values: [], minValues: 3 },
    ]);
    expect(plan(nodePool, [A.id]).blocked?.zoneIds).toEqual([A.id]);
  });

  it('blocks an away zone missing from the cluster zones (its name would be guessed)', () => {
    const nodePool = pool([
      { key: ZONE_NAME_KEY, operator: 'NotIn', values: [] },
    ]);
    const result = plan(nodePool, ['use1-az9']);
    expect(result.patch).toBeUndefined();
    expect(result.blocked?.zoneIds).toEqual(['use1-az9']);
    expect(result.blocked?.reason).toMatch(/not among the cluster's zones/);
  });

  it('excludes what it can and reports the rest', () => {
    const nodePool = pool([
      { key: ZONE_ID_KEY, operator: 'In', values: [A.id, B.id] },
    ]);
    const { result, after } = step(nodePool, [A.id, B.id]);
    expect(result.excludedZoneIds).toEqual([A.id]);
    expect(result.blocked?.zoneIds).toEqual([B.id]);
    expect(after.requirements).toEqual([
      { key: ZONE_ID_KEY, operator: 'In', values: [B.id] },
    ]);
  });

  it('leaves DoesNotExist alone and says so', () => {
    const nodePool = pool([{ key: ZONE_ID_KEY, operator: 'DoesNotExist' }]);
    const result = plan(nodePool, [A.id]);
    expect(result.patch).toBeUndefined();
    expect(result.allowedZoneIds).toEqual([]);
    expect(result.warnings?.join()).toMatch(/DoesNotExist/);
  });

  it('warns about zone names the cluster does not know, and still excludes a known zone', () => {
    const nodePool = pool([
      {
        key: ZONE_NAME_KEY,
        operator: 'In',
        values: [A.name, 'us-east-1z', B.name],
      },
    ]);
    const { result, after } = step(nodePool, [A.id]);
    expect(result.warnings?.join()).toMatch(/us-east-1z/);
    expect(after.requirements[0].values).toEqual(['us-east-1z', B.name]);
  });

  it('blocks when only an unknown zone name would remain', () => {
    const nodePool = pool([
      { key: ZONE_NAME_KEY, operator: 'In', values: [A.name, 'us-east-1z'] },
    ]);
    const result = plan(nodePool, [A.id]);
    expect(result.patch).toBeUndefined();
    expect(result.blocked?.zoneIds).toEqual([A.id]);
  });

  it('blocks adding a requirement to a NodePool that has the 100 Karpenter allows', () => {
    const many = Array.from({ length: 100 }, (_, i) => ({
      key: `example.com/label-${i}`,
      operator: 'Exists' as const,
    }));
    const full = plan(pool(many), [A.id]);
    expect(full.patch).toBeUndefined();
    expect(full.blocked?.reason).toMatch(/100 requirements/);
    // With a zone In there is nothing to add: it is edited in place.
    const withIn = plan(
      pool([
        ...many.slice(1),
        { key: ZONE_ID_KEY, operator: 'In', values: [A.id, B.id] },
      ]),
      [A.id],
    );
    expect(withIn.blocked).toBeUndefined();
    expect(withIn.patch?.requirements).toHaveLength(100);
    expect(plan(pool(many.slice(1)), [A.id]).patch?.requirements).toHaveLength(
      100,
    );
  });

  it('changes nothing when the cluster zone list maps a name to two IDs', () => {
    const result = plan(
      pool([ARCH]),
      [A.id],
      [...ZONES, { name: A.name, id: 'use1-az9' }],
    );
    expect(result.patch).toBeUndefined();
    expect(result.blocked?.reason).toMatch(/inconsistent/);
  });
});

describe('planNodePool: moving and ending shifts', () => {
  const original = pool(
    [
      { key: ZONE_NAME_KEY, operator: 'In', values: [A.name, B.name, C.name] },
      ARCH,
      { key: ZONE_ID_KEY, operator: 'NotIn', values: [C.id] },
    ],
    { owner: 'platform' },
  );

  it('a shift moving to another zone re-allows the first exactly as it was', () => {
    const first = step(original, [A.id]).after;
    expect(first.requirements[0].values).toEqual([B.name, C.name]);
    const moved = step(first, [B.id]);
    expect(moved.result.purpose).toBe('exclude');
    expect(moved.after.requirements).toEqual([
      { key: ZONE_NAME_KEY, operator: 'In', values: [A.name, C.name] },
      ARCH,
      { key: ZONE_ID_KEY, operator: 'NotIn', values: [C.id, B.id] },
    ]);
    expect(moved.after.annotations[AWAY_ZONES_ANNOTATION]).toBe(B.id);
    expect(moved.after.annotations[ORIGINAL_ZONE_REQUIREMENTS_ANNOTATION]).toBe(
      first.annotations[ORIGINAL_ZONE_REQUIREMENTS_ANNOTATION],
    );
    expect(step(moved.after, []).after).toEqual(original);
  });

  it('never re-allows a zone the user had excluded', () => {
    // C is excluded by the user; a shift away from C changes nothing, and the
    // restore after a shift away from A keeps C excluded.
    expect(plan(original, [C.id]).patch).toBeUndefined();
    const shifted = step(original, [A.id, C.id]);
    expect(shifted.result.excludedZoneIds).toEqual([A.id]);
    const restored = step(shifted.after, []).after;
    expect(restored.requirements[2]).toEqual({
      key: ZONE_ID_KEY,
      operator: 'NotIn',
      values: [C.id],
    });
  });

  it('restores from the recorded original, not from the edited list (restart, other replica)', () => {
    const shifted = step(original, [A.id]).after;
    // A fresh planner sees only the NodePool: same restore.
    const restore = plan(
      JSON.parse(JSON.stringify(shifted)) as PlanNodePool,
      [],
    );
    expect(restore.patch?.annotations).toEqual({
      [ORIGINAL_ZONE_REQUIREMENTS_ANNOTATION]: null,
      [AWAY_ZONES_ANNOTATION]: null,
    });
    expect(applyNodePoolPatch(shifted, restore.patch!)).toEqual(original);
  });

  it('keeps non-zone requirements the user edited during the shift, zone requirements back in place', () => {
    const shifted = step(original, [A.id]).after;
    const edited: PlanNodePool = {
      ...shifted,
      requirements: [
        CAPACITY,
        ...shifted.requirements.filter(r => r.key !== ARCH.key),
      ],
    };
    const restored = step(edited, []).after;
    expect(restored.requirements).toEqual([
      original.requirements[0],
      CAPACITY,
      original.requirements[2],
    ]);
  });

  it('when all away zones become blocked, it returns to the original', () => {
    const nodePool = pool([
      { key: ZONE_ID_KEY, operator: 'In', values: [A.id, B.id] },
    ]);
    const shifted = step(nodePool, [A.id]).after;
    // Now ARC applies a shift away from a zone the plan cannot map: back to
    // the original, and that zone is reported.
    const moved = step(shifted, ['use1-az9']);
    expect(moved.result.purpose).toBe('restore');
    expect(moved.result.blocked?.zoneIds).toEqual(['use1-az9']);
    expect(moved.after).toEqual(nodePool);
  });
});

describe('planNodePool: hand edits and damaged annotations', () => {
  const original = pool([
    { key: ZONE_ID_KEY, operator: 'In', values: [A.id, B.id, C.id] },
  ]);
  const shifted = () => step(original, [A.id]).after;

  it('changes nothing when zone requirements were edited by hand during a shift', () => {
    const nodePool = shifted();
    nodePool.requirements = [
      { key: ZONE_ID_KEY, operator: 'In', values: [C.id] },
    ];
    for (const away of [[A.id], [B.id], []]) {
      const result = plan(nodePool, away);
      expect(result.patch).toBeUndefined();
      expect(result.summary).toMatch(
        /changed since the plan excluded use1-az4/,
      );
      expect(result.allowedZoneIds).toEqual([C.id]);
    }
  });

  it('accepts the current requirements as the original once the annotations are removed', () => {
    const nodePool = shifted();
    nodePool.requirements = [
      { key: ZONE_ID_KEY, operator: 'In', values: [B.id, C.id] },
    ];
    nodePool.annotations = {};
    expect(plan(nodePool, [A.id]).patch).toBeUndefined();
    expect(plan(nodePool, []).patch).toBeUndefined();
  });

  it.each([
    ['not JSON', '{'],
    ['wrong version', JSON.stringify({ version: 2, requirements: [] })],
    [
      'non-zone key',
      JSON.stringify({
        version: 1,
        requirements: [{ index: 0, requirement: ARCH }],
      }),
    ],
    [
      'bad index',
      JSON.stringify({
        version: 1,
        requirements: [
          { index: -1, requirement: { key: ZONE_ID_KEY, operator: 'Exists' } },
        ],
      }),
    ],
  ])(
    'changes nothing when the recorded original is unreadable (%s)',
    (_, text) => {
      const nodePool = shifted();
      nodePool.annotations[ORIGINAL_ZONE_REQUIREMENTS_ANNOTATION] = text;
      const result = plan(nodePool, []);
      expect(result.patch).toBeUndefined();
      expect(result.summary).toMatch(/unreadable/);
    },
  );

  it('changes nothing when one of the two annotations is missing', () => {
    const nodePool = shifted();
    delete nodePool.annotations[AWAY_ZONES_ANNOTATION];
    const result = plan(nodePool, [A.id]);
    expect(result.patch).toBeUndefined();
    expect(result.summary).toMatch(/only one of the annotations/);
  });

  it('changes nothing when an excluded zone disappeared from the cluster zones', () => {
    const nodePool = shifted();
    const result = plan(nodePool, [], [B, C]);
    expect(result.patch).toBeUndefined();
    expect(result.summary).toMatch(/cannot check or undo/);
  });
});

describe('allowedZoneIdsOf', () => {
  it('intersects zone requirements and ignores the rest', () => {
    expect(
      allowedZoneIdsOf(
        [
          ARCH,
          { key: ZONE_NAME_KEY, operator: 'NotIn', values: [A.name] },
          { key: ZONE_ID_KEY, operator: 'In', values: [A.id, B.id] },
        ],
        ZONES,
      ),
    ).toEqual([B.id]);
  });
});

describe('applyNodePoolPatch', () => {
  it('replaces requirements and merges annotations (null removes)', () => {
    const nodePool = pool([ARCH], { a: '1', b: '2' });
    const after = applyNodePoolPatch(nodePool, {
      requirements: [CAPACITY],
      annotations: { a: null, c: '3' },
    });
    expect(after).toEqual(pool([CAPACITY], { b: '2', c: '3' }));
    expect(nodePool).toEqual(pool([ARCH], { a: '1', b: '2' }));
  });
});
