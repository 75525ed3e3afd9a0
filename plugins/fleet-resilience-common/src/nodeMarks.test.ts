import fc from 'fast-check';
import {
  DO_NOT_DISRUPT_ANNOTATION as DND,
  DO_NOT_DISRUPT_FOR_ANNOTATION as FOR,
  MarkNode,
  applyNodeMarkPatch,
  planNodeMarks,
} from './nodeMarks';

function node(
  name: string,
  zoneId: string | undefined,
  annotations: Record<string, string> = {},
): MarkNode {
  return { name, ...(zoneId ? { zoneId } : {}), annotations };
}

/** Applies a plan to the nodes. */
function apply(nodes: MarkNode[], awayZoneIds: string[]): MarkNode[] {
  const { patches } = planNodeMarks(nodes, awayZoneIds);
  return nodes.map(n => {
    const patch = patches.find(p => p.name === n.name);
    return patch
      ? { ...n, annotations: applyNodeMarkPatch(n.annotations, patch) }
      : n;
  });
}

describe('planNodeMarks', () => {
  it.each<{
    name: string;
    node: MarkNode;
    away: string[];
    patch?: Record<string, string | null>;
    marked?: boolean;
    byOthers?: boolean;
    released?: boolean;
  }>([
    {
      name: 'marks a node of the away zone',
      node: node('n', 'az1', { team: 'x' }),
      away: ['az1'],
      patch: { [DND]: 'true', [FOR]: 'az1' },
      marked: true,
    },
    {
      name: 'leaves a node of another zone',
      node: node('n', 'az2'),
      away: ['az1'],
    },
    {
      name: 'leaves a node without a zone label',
      node: node('n', undefined),
      away: ['az1'],
    },
    {
      name: 'keeps its own mark while the zone is away',
      node: node('n', 'az1', { [DND]: 'true', [FOR]: 'az1' }),
      away: ['az1'],
      marked: true,
    },
    {
      name: 'never marks a node that has do-not-disrupt of its own',
      node: node('n', 'az1', { [DND]: 'true' }),
      away: ['az1'],
      byOthers: true,
    },
    {
      name: 'never unmarks a node whose do-not-disrupt is someone else’s',
      node: node('n', 'az1', { [DND]: 'true' }),
      away: [],
    },
    {
      name: 'removes its mark when the shift ends',
      node: node('n', 'az1', { [DND]: 'true', [FOR]: 'az1', team: 'x' }),
      away: [],
      patch: { [DND]: null, [FOR]: null },
    },
    {
      name: 'removes its mark when the shift moves to another zone',
      node: node('n', 'az1', { [DND]: 'true', [FOR]: 'az1' }),
      away: ['az2'],
      patch: { [DND]: null, [FOR]: null },
    },
    {
      name: 'judges a node without a zone label by its marker',
      node: node('n', undefined, { [DND]: 'true', [FOR]: 'az1' }),
      away: ['az1'],
      marked: true,
    },
    {
      name: 'unmarks a node without a zone label once its marker zone is back',
      node: node('n', undefined, { [DND]: 'true', [FOR]: 'az1' }),
      away: ['az2'],
      patch: { [DND]: null, [FOR]: null },
    },
    {
      name: 'someone changed do-not-disrupt over our mark: theirs stays, our marker goes',
      node: node('n', 'az1', { [DND]: 'false', [FOR]: 'az1' }),
      away: [],
      patch: { [FOR]: null },
    },
    {
      name: 'someone changed do-not-disrupt during the shift: it is theirs now',
      node: node('n', 'az1', { [DND]: 'false', [FOR]: 'az1' }),
      away: ['az1'],
      patch: { [FOR]: null },
      byOthers: true,
    },
    {
      name: 'someone removed our do-not-disrupt during the shift: not set again',
      node: node('n', 'az1', { [FOR]: 'az1' }),
      away: ['az1'],
      released: true,
    },
    {
      name: 'a released node loses the marker when the shift ends',
      node: node('n', 'az1', { [FOR]: 'az1' }),
      away: [],
      patch: { [FOR]: null },
    },
    {
      name: 'a marker naming another zone is corrected',
      node: node('n', 'az1', { [DND]: 'true', [FOR]: 'az9' }),
      away: ['az1'],
      patch: { [FOR]: 'az1' },
      marked: true,
    },
  ])('$name', ({ node: n, away, patch, marked, byOthers, released }) => {
    const plan = planNodeMarks([n], away);
    expect(plan.patches).toEqual(
      patch ? [{ name: n.name, annotations: patch }] : [],
    );
    expect(plan.marked).toEqual(marked ? [n.name] : []);
    expect(plan.markedByOthers).toEqual(byOthers ? [n.name] : []);
    expect(plan.released).toEqual(released ? [n.name] : []);
    // Planning again after the patch changes nothing.
    expect(planNodeMarks(apply([n], away), away).patches).toEqual([]);
  });

  it('plans every node of a cluster, sorted lists', () => {
    const nodes = [
      node('c', 'az1'),
      node('a', 'az1'),
      node('b', 'az2'),
      node('d', 'az1', { [DND]: 'true' }),
    ];
    const plan = planNodeMarks(nodes, ['az1']);
    expect(plan.patches.map(p => p.name)).toEqual(['c', 'a']);
    expect(plan.marked).toEqual(['a', 'c']);
    expect(plan.markedByOthers).toEqual(['d']);
  });
});

describe('planNodeMarks properties', () => {
  const zones = ['az1', 'az2', 'az3'];
  const nodesArb = fc.uniqueArray(
    fc.record({
      name: fc.string({ minLength: 1, maxLength: 4 }),
      zoneId: fc.option(fc.constantFrom(...zones), { nil: undefined }),
      annotations: fc.dictionary(
        fc.constantFrom(DND, 'team', 'note'),
        fc.constantFrom('true', 'false', 'x'),
      ),
    }),
    { selector: n => n.name, maxLength: 8 },
  );
  const shiftsArb = fc.array(fc.subarray(zones, { maxLength: 2 }), {
    minLength: 1,
    maxLength: 5,
  });

  it('marks then unmarks every node back exactly, through moving shifts', () => {
    fc.assert(
      fc.property(nodesArb, shiftsArb, (original, shifts) => {
        let nodes: MarkNode[] = original.map(n => ({
          name: n.name,
          ...(n.zoneId ? { zoneId: n.zoneId } : {}),
          annotations: n.annotations,
        }));
        const start = JSON.parse(JSON.stringify(nodes));
        for (const away of shifts) {
          nodes = apply(nodes, away);
          // Every node of an away zone is protected, by us or by someone else.
          const protectedNodes = nodes.filter(
            n => n.zoneId && away.includes(n.zoneId),
          );
          expect(
            protectedNodes.filter(n => n.annotations[DND] === undefined),
          ).toEqual([]);
          // No other node carries our marker; a second plan changes nothing.
          expect(
            nodes.filter(
              n =>
                n.annotations[FOR] !== undefined &&
                !(n.zoneId && away.includes(n.zoneId)),
            ),
          ).toEqual([]);
          expect(planNodeMarks(nodes, away).patches).toEqual([]);
        }
        expect(apply(nodes, [])).toEqual(start);
      }),
      { numRuns: 300 },
    );
  });
});
