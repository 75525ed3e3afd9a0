import * as common from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  capacityFixture,
  detailFixture,
  ZONES,
} from '../__testUtils__/fixtures';
import {
  nodePoolsBlockedBy,
  zoneLossFor,
  zoneLossSentence,
} from './zoneImpact';

describe('zoneLossSentence', () => {
  const { survivability } = capacityFixture();

  it('says what losing the binding AZ leaves and that it is not enough', () => {
    const loss = zoneLossFor(survivability, 'use1-az2')!;
    expect(zoneLossSentence(loss)).toBe(
      'Losing us-east-1b (use1-az2) leaves 88% of the CPU and 533% of the memory your pods request: not enough CPU.',
    );
  });

  it('says enough when both resources fit', () => {
    const loss = zoneLossFor(survivability, 'use1-az1')!;
    expect(zoneLossSentence(loss)).toMatch(
      /^Losing us-east-1a \(use1-az1\) leaves 133% of the CPU and .* your pods request: enough to run everything\.$/,
    );
  });

  it('handles nothing requested', () => {
    const loss = zoneLossFor(survivability, 'use1-az1')!;
    const none = {
      ...loss,
      cpu: { ...loss.cpu, coverage: undefined },
      memory: { ...loss.memory, coverage: undefined },
    };
    expect(zoneLossSentence(none)).toMatch(/request no CPU or memory/);
  });

  it('finds no outcome for an unknown AZ or a missing assessment', () => {
    expect(zoneLossFor(survivability, 'use1-az9')).toBeUndefined();
    expect(zoneLossFor(undefined, 'use1-az1')).toBeUndefined();
  });
});

describe('nodePoolsBlockedBy', () => {
  const { nodePools } = detailFixture();

  it("is the common package's rule, the one the server's shift impact uses", () => {
    expect(nodePoolsBlockedBy).toBe(common.nodePoolsBlockedBy);
  });

  it('lists NodePools whose only allowed AZ is the shifted one', () => {
    expect(nodePoolsBlockedBy(nodePools, 'use1-az2').map(p => p.name)).toEqual([
      'gpu-b-only',
    ]);
  });

  it('does not block unrestricted NodePools or pools with other AZs', () => {
    expect(nodePoolsBlockedBy(nodePools, 'use1-az1')).toEqual([]);
    const twoZones = {
      ...nodePools[1],
      name: 'two',
      allowedZones: [ZONES[0], ZONES[1]],
    };
    expect(nodePoolsBlockedBy([twoZones], 'use1-az2')).toEqual([]);
  });

  it('does not count a NodePool allowed nowhere as blocked by the shift', () => {
    const nowhere = { ...nodePools[1], name: 'nowhere', allowedZones: [] };
    expect(nodePoolsBlockedBy([nowhere], 'use1-az2')).toEqual([]);
  });
});
