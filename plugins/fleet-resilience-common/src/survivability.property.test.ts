import fc from 'fast-check';
import { CapacityNode, CapacityPod, computeClusterCapacity } from './capacity';
import { assessSurvivability, ZoneLossOutcome } from './survivability';
import { Zone } from './zones';

const ZONES: Zone[] = [1, 2, 3, 4, 5].map(n => ({
  name: `eu-west-1${'abcde'[n - 1]}`,
  id: `euw1-az${n}`,
}));

const amount = fc.integer({ min: 0, max: 64_000 });

const nodeArb = fc.record({
  zoneIndex: fc.integer({ min: 0, max: ZONES.length - 1 }),
  cpu: amount,
  memory: amount,
  unschedulable: fc.boolean(),
});

const podArb = fc.record({ cpu: amount, memory: amount });

type NodeSpec = {
  zoneIndex: number;
  cpu: number;
  memory: number;
  unschedulable: boolean;
};

function toNodes(specs: readonly NodeSpec[]): CapacityNode[] {
  return specs.map((spec, i) => ({
    name: `n${i}`,
    zone: ZONES[spec.zoneIndex],
    allocatable: { cpuMillicores: spec.cpu, memoryBytes: spec.memory },
    unschedulable: spec.unschedulable,
  }));
}

function toPods(specs: ReadonlyArray<{ cpu: number; memory: number }>) {
  return specs.map(
    (spec): CapacityPod => ({
      phase: 'Pending',
      requests: { cpuMillicores: spec.cpu, memoryBytes: spec.memory },
    }),
  );
}

function assess(
  nodes: readonly NodeSpec[],
  pods: readonly { cpu: number; memory: number }[],
) {
  return assessSurvivability(
    computeClusterCapacity(toNodes(nodes), toPods(pods)),
  );
}

function lossOf(outcomes: ZoneLossOutcome[], zone: Zone) {
  return outcomes.find(outcome => outcome.zone.id === zone.id);
}

describe('survivability properties', () => {
  const cluster = fc.record({
    nodes: fc.array(nodeArb, { minLength: 1, maxLength: 12 }),
    pods: fc.array(podArb, { maxLength: 8 }),
    extra: nodeArb,
  });

  it('adding a node never turns a surviving cluster into an at-risk one', () => {
    fc.assert(
      fc.property(cluster, ({ nodes, pods, extra }) => {
        const before = assess(nodes, pods);
        const after = assess([...nodes, extra], pods);
        // fast-check reports the cluster that breaks the implication.
        expect(
          before.verdict !== 'survives' || after.verdict === 'survives',
        ).toBe(true);
      }),
    );
  });

  it('adding a node never lowers what the loss of any existing AZ leaves', () => {
    fc.assert(
      fc.property(cluster, ({ nodes, pods, extra }) => {
        const before = assess(nodes, pods).zoneLosses;
        const after = assess([...nodes, extra], pods).zoneLosses;
        for (const loss of before) {
          const grown = lossOf(after, loss.zone)!;
          expect(grown.cpu.remaining).toBeGreaterThanOrEqual(
            loss.cpu.remaining,
          );
          expect(grown.memory.remaining).toBeGreaterThanOrEqual(
            loss.memory.remaining,
          );
          expect(grown.cpu.coverage ?? Infinity).toBeGreaterThanOrEqual(
            loss.cpu.coverage ?? Infinity,
          );
          expect(grown.memory.coverage ?? Infinity).toBeGreaterThanOrEqual(
            loss.memory.coverage ?? Infinity,
          );
        }
      }),
    );
  });

  it('a cluster survives exactly when its binding AZ does, and no loss is tighter', () => {
    fc.assert(
      fc.property(cluster, ({ nodes, pods }) => {
        const result = assess(nodes, pods);
        const tightness = (loss: ZoneLossOutcome) =>
          Math.min(
            loss.cpu.coverage ?? Infinity,
            loss.memory.coverage ?? Infinity,
          );
        // Undefined only when nothing is requested: every loss is then untight.
        const bindingTightness = result.bindingZone
          ? tightness(result.bindingZone)
          : Infinity;
        expect(Math.min(...result.zoneLosses.map(tightness))).toBe(
          bindingTightness,
        );
        expect(result.bindingZone?.survives ?? true).toBe(
          result.zoneLosses.every(loss => loss.survives),
        );
        // Every node here has a zone, so the verdict is never unknown.
        expect(result.verdict).toBe(
          result.zoneLosses.every(loss => loss.survives)
            ? 'survives'
            : 'at-risk',
        );
      }),
    );
  });

  it('with N equal AZs, survives exactly when requests <= (N-1)/N of the total', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: ZONES.length }),
        fc.integer({ min: 1, max: 64_000 }),
        fc.integer({ min: 1, max: 64_000 }),
        fc.array(podArb, { minLength: 1, maxLength: 8 }),
        (zoneCount, cpu, memory, pods) => {
          const nodes = ZONES.slice(0, zoneCount).map((_, zoneIndex) => ({
            zoneIndex,
            cpu,
            memory,
            unschedulable: false,
          }));
          const cpuRequested = pods.reduce((s, p) => s + p.cpu, 0);
          const memoryRequested = pods.reduce((s, p) => s + p.memory, 0);
          // requests / (N x size) <= (N-1)/N, multiplied out to stay in integers.
          const fits =
            cpuRequested <= (zoneCount - 1) * cpu &&
            memoryRequested <= (zoneCount - 1) * memory;
          expect(assess(nodes, pods).verdict).toBe(
            fits ? 'survives' : 'at-risk',
          );
        },
      ),
    );
  });
});
