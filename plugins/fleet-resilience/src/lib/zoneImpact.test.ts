import { capacityFixture } from '../__testUtils__/fixtures';
import { zoneLossFor, zoneLossSentence } from './zoneImpact';

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
