import fc from 'fast-check';
import type { DisruptionBudgetFacts, WorkloadFacts } from './types';
import { assessWorkload } from './workload';

/**
 * A workload with r ready replicas in each of k ≥ 3 AZs (desired k·r, all
 * ready) keeps (k-1)·r after losing any AZ. "Enough replicas" is r ≥ 1:
 * without a PDB it needs ceil(k·r/2) ≤ (k-1)·r, true for k ≥ 2. The PDBs
 * generated are those the spread satisfies, by construction:
 * minAvailable ≤ (k-1)·r, maxUnavailable ≥ r (as integers or percentages
 * that round to such values).
 */
const spread = fc
  .record({
    zones: fc.uniqueArray(fc.stringMatching(/^[a-z]{2}-[a-z]+-[0-9][a-f]$/), {
      minLength: 3,
      maxLength: 6,
    }),
    perZone: fc.integer({ min: 1, max: 20 }),
    zoneSpread: fc.constantFrom(
      'topology-spread',
      'anti-affinity',
      'none',
    ) as fc.Arbitrary<WorkloadFacts['zoneSpread']>,
  })
  .chain(({ zones, perZone, zoneSpread }) => {
    const k = zones.length;
    const desired = k * perZone;
    const survivors = (k - 1) * perZone;
    const pdb: fc.Arbitrary<DisruptionBudgetFacts | undefined> = fc.oneof(
      fc.constant(undefined),
      fc
        .integer({ min: 0, max: survivors })
        .map(minAvailable => ({ name: 'pdb', minAvailable })),
      // p ≤ 100(k-1)/k: ceil(k·r·p/100) ≤ (k-1)·r.
      fc
        .integer({ min: 0, max: Math.floor((100 * (k - 1)) / k) })
        .map(p => ({ name: 'pdb', minAvailable: `${p}%` })),
      fc
        .integer({ min: perZone, max: desired })
        .map(maxUnavailable => ({ name: 'pdb', maxUnavailable })),
      // p ≥ 100/k: ceil(k·r·p/100) ≥ r.
      fc
        .integer({ min: Math.ceil(100 / k), max: 100 })
        .map(p => ({ name: 'pdb', maxUnavailable: `${p}%` })),
    );
    return pdb.map(
      (disruptionBudget): WorkloadFacts => ({
        kind: 'Deployment',
        namespace: 'apps',
        name: 'web',
        desiredReplicas: desired,
        readyByZone: Object.fromEntries(zones.map(z => [z, perZone])),
        readyWithoutZone: 0,
        podCount: desired,
        zoneSpread,
        ...(disruptionBudget ? { disruptionBudget } : {}),
      }),
    );
  });

describe('workload assessment properties', () => {
  it('never flags a workload spread evenly over 3 or more AZs', () => {
    fc.assert(
      fc.property(spread, facts => {
        const { risks } = assessWorkload(facts);
        expect(risks).not.toContain('one-zone');
        expect(risks).not.toContain('zone-loss-below-budget');
      }),
      { numRuns: 500 },
    );
  });

  it('always flags replicas all ready in one AZ as one-zone', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 50 }),
        fc.integer({ min: 1, max: 50 }),
        (desired, ready) => {
          const { risks } = assessWorkload({
            kind: 'StatefulSet',
            namespace: 'db',
            name: 'pg',
            desiredReplicas: desired,
            readyByZone: { 'eu-west-1a': ready },
            readyWithoutZone: 0,
            podCount: desired,
            zoneSpread: 'topology-spread',
          });
          expect(risks).toContain('one-zone');
        },
      ),
    );
  });
});
