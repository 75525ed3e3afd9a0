import type { WorkloadFacts } from './types';
import { assessWorkload } from './workload';

function workload(overrides: Partial<WorkloadFacts> = {}): WorkloadFacts {
  return {
    kind: 'Deployment',
    namespace: 'shop',
    name: 'checkout',
    desiredReplicas: 3,
    readyByZone: { 'us-east-1a': 1, 'us-east-1b': 1, 'us-east-1c': 1 },
    readyWithoutZone: 0,
    podCount: 3,
    zoneSpread: 'topology-spread',
    ...overrides,
  };
}

describe('assessWorkload', () => {
  it('passes a workload spread one replica per AZ over three AZs', () => {
    const a = assessWorkload(workload());
    expect(a.risks).toEqual([]);
    expect(a.readyReplicas).toBe(3);
    expect(a.worstZone).toBe('us-east-1a');
    expect(a.leftAfterWorstZone).toBe(2);
    expect(a.required).toBe(2);
    expect(a.requiredFrom).toBe('half-of-desired');
    expect(a.reason).toBe(
      '3 of 3 ready in 3 AZs; losing us-east-1a leaves 2, 2 required',
    );
  });

  it.each`
    case                                          | facts                                                                                                                                | risks
    ${'all ready replicas in one AZ'}             | ${{ readyByZone: { 'us-east-1a': 3 } }}                                                                                              | ${['one-zone']}
    ${'one ready of three, others pending'}       | ${{ readyByZone: { 'us-east-1a': 1 } }}                                                                                              | ${['one-zone']}
    ${'one AZ, no spread constraint'}             | ${{ readyByZone: { 'us-east-1a': 2 }, desiredReplicas: 2, zoneSpread: 'none' }}                                                      | ${['one-zone', 'no-zone-spread']}
    ${'uneven: losing the big AZ leaves too few'} | ${{ desiredReplicas: 4, readyByZone: { 'us-east-1a': 3, 'us-east-1b': 1 } }}                                                         | ${['zone-loss-below-budget']}
    ${'PDB minAvailable percent not kept'}        | ${{ desiredReplicas: 4, readyByZone: { 'us-east-1a': 2, 'us-east-1b': 2 }, disruptionBudget: { name: 'b', minAvailable: '75%' } }}   | ${['zone-loss-below-budget']}
    ${'PDB maxUnavailable percent kept'}          | ${{ desiredReplicas: 4, readyByZone: { 'us-east-1a': 2, 'us-east-1b': 2 }, disruptionBudget: { name: 'b', maxUnavailable: '50%' } }} | ${[]}
    ${'PDB minAvailable int not kept'}            | ${{ disruptionBudget: { name: 'b', minAvailable: 3 } }}                                                                              | ${['zone-loss-below-budget']}
    ${'all pods pending'}                         | ${{ readyByZone: {}, podCount: 3 }}                                                                                                  | ${['zone-loss-below-budget']}
    ${'all pods pending, PDB requires nothing'}   | ${{ readyByZone: {}, disruptionBudget: { name: 'b', minAvailable: 0 } }}                                                             | ${[]}
    ${'zero desired replicas'}                    | ${{ desiredReplicas: 0, readyByZone: {}, podCount: 0, zoneSpread: 'none' }}                                                          | ${[]}
    ${'single replica'}                           | ${{ desiredReplicas: 1, readyByZone: { 'us-east-1a': 1 }, zoneSpread: 'none' }}                                                      | ${['single-replica']}
    ${'single replica pending'}                   | ${{ desiredReplicas: 1, readyByZone: {} }}                                                                                           | ${['single-replica']}
    ${'spread but no constraint'}                 | ${{ zoneSpread: 'none' }}                                                                                                            | ${['no-zone-spread']}
    ${'anti-affinity counts as spread'}           | ${{ zoneSpread: 'anti-affinity' }}                                                                                                   | ${[]}
    ${'zero counts in an AZ are no replicas'}     | ${{ readyByZone: { 'us-east-1a': 2, 'us-east-1b': 0 }, desiredReplicas: 2 }}                                                         | ${['one-zone']}
    ${'unzoned ready replicas: not one-zone'}     | ${{ readyByZone: { 'us-east-1a': 1 }, readyWithoutZone: 2 }}                                                                         | ${[]}
  `('$case: $risks', ({ facts, risks }) => {
    expect(assessWorkload(workload(facts)).risks).toEqual(risks);
  });

  it('says which AZ holds the ready replicas of a one-zone workload', () => {
    const a = assessWorkload(
      workload({ readyByZone: { 'us-east-1b': 1 }, podCount: 3 }),
    );
    expect(a.reason).toBe('1 of 1 ready replica in us-east-1b (3 desired)');
    expect(a.worstZone).toBe('us-east-1b');
    expect(a.leftAfterWorstZone).toBe(0);
  });

  it('names the worst AZ, what it leaves and the PDB rule', () => {
    const a = assessWorkload(
      workload({
        desiredReplicas: 4,
        readyByZone: { 'us-east-1a': 1, 'us-east-1b': 3 },
        disruptionBudget: { name: 'b', minAvailable: 2 },
      }),
    );
    expect(a.worstZone).toBe('us-east-1b');
    expect(a.leftAfterWorstZone).toBe(1);
    expect(a.required).toBe(2);
    expect(a.requiredFrom).toBe('pdb-min-available');
    expect(a.reason).toBe(
      'losing us-east-1b leaves 1 of 4 ready replicas; 2 required (minAvailable)',
    );
  });

  it('says when no replica is ready', () => {
    const a = assessWorkload(workload({ readyByZone: {}, podCount: 3 }));
    expect(a.worstZone).toBeUndefined();
    expect(a.readyReplicas).toBe(0);
    expect(a.reason).toBe(
      'no ready replica (3 pods, none ready); 2 required (half of the desired)',
    );
  });

  it('counts ready replicas on unlabelled nodes as surviving, and says so', () => {
    const a = assessWorkload(
      workload({ readyByZone: { 'us-east-1a': 1 }, readyWithoutZone: 2 }),
    );
    expect(a.readyReplicas).toBe(3);
    expect(a.leftAfterWorstZone).toBe(2);
    expect(a.reason).toContain(
      '2 ready replicas on nodes without a zone label',
    );
  });

  it('falls back to half the desired on a bad PDB and says so', () => {
    const a = assessWorkload(
      workload({ disruptionBudget: { name: 'b', minAvailable: 'abc%' } }),
    );
    expect(a.required).toBe(2);
    expect(a.requiredFrom).toBe('half-of-desired');
    expect(a.reason).toContain('PDB b: minAvailable "abc%"');
  });

  it('drops zero counts from readyByZone', () => {
    const a = assessWorkload(
      workload({ readyByZone: { 'us-east-1a': 2, 'us-east-1b': 0 } }),
    );
    expect(a.readyByZone).toEqual({ 'us-east-1a': 2 });
  });
});
