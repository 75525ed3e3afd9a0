import {
  nodeFitsRequirements,
  requirementAdmits,
  zoneAllowed,
  ZONE_ID_LABEL,
  ZONE_LABEL,
} from './requirements';

const zoneA = { name: 'us-east-1a', id: 'use1-az1' };
const zoneB = { name: 'us-east-1b', id: 'use1-az2' };

describe('requirementAdmits', () => {
  it.each([
    ['In', ['a', 'b'], 'a', true],
    ['In', ['a', 'b'], 'c', false],
    ['In', ['a'], undefined, false],
    ['NotIn', ['a'], 'a', false],
    ['NotIn', ['a'], 'b', true],
    ['NotIn', ['a'], undefined, true],
    ['Exists', [], 'x', true],
    ['Exists', [], undefined, false],
    ['DoesNotExist', [], undefined, true],
    ['DoesNotExist', [], 'x', false],
    ['Gt', ['4'], '8', true],
    ['Gt', ['4'], '4', false],
    ['Lt', ['4'], '2', true],
    ['Gte', ['4'], '4', true],
    ['Lte', ['4'], '5', false],
  ] as const)('%s %j admits %s: %s', (operator, values, value, expected) => {
    expect(
      requirementAdmits({ key: 'k', operator, values: [...values] }, value),
    ).toBe(expected);
  });
});

describe('zoneAllowed', () => {
  it('reads requirements by zone name and by zone ID', () => {
    const byName = [
      { key: ZONE_LABEL, operator: 'In' as const, values: ['us-east-1a'] },
    ];
    const byId = [
      { key: ZONE_ID_LABEL, operator: 'In' as const, values: ['use1-az2'] },
    ];
    expect(zoneAllowed(byName, zoneA)).toBe(true);
    expect(zoneAllowed(byName, zoneB)).toBe(false);
    expect(zoneAllowed(byId, zoneA)).toBe(false);
    expect(zoneAllowed(byId, zoneB)).toBe(true);
  });

  it('needs every zone requirement to admit the zone and ignores other keys', () => {
    const requirements = [
      { key: ZONE_LABEL, operator: 'Exists' as const },
      { key: ZONE_ID_LABEL, operator: 'NotIn' as const, values: ['use1-az1'] },
      {
        key: 'node.kubernetes.io/instance-type',
        operator: 'In' as const,
        values: ['m5.large'],
      },
    ];
    expect(zoneAllowed(requirements, zoneA)).toBe(false);
    expect(zoneAllowed(requirements, zoneB)).toBe(true);
    expect(zoneAllowed([], zoneA)).toBe(true);
  });
});

describe('nodeFitsRequirements', () => {
  const labels = {
    [ZONE_LABEL]: 'us-east-1a',
    [ZONE_ID_LABEL]: 'use1-az1',
    'kubernetes.io/arch': 'amd64',
  };

  it('checks zone keys strictly', () => {
    expect(
      nodeFitsRequirements(
        [{ key: ZONE_LABEL, operator: 'In', values: ['us-east-1b'] }],
        labels,
      ),
    ).toBe(false);
    expect(
      nodeFitsRequirements(
        [{ key: ZONE_ID_LABEL, operator: 'In', values: ['use1-az1'] }],
        labels,
      ),
    ).toBe(true);
    expect(
      nodeFitsRequirements(
        [{ key: ZONE_ID_LABEL, operator: 'In', values: ['use1-az1'] }],
        { 'kubernetes.io/arch': 'amd64' },
      ),
    ).toBe(false);
  });

  it('checks other keys only when the node carries the label', () => {
    expect(
      nodeFitsRequirements(
        [{ key: 'kubernetes.io/arch', operator: 'In', values: ['arm64'] }],
        labels,
      ),
    ).toBe(false);
    expect(
      nodeFitsRequirements(
        [
          {
            key: 'karpenter.k8s.aws/instance-hypervisor',
            operator: 'In',
            values: ['nitro'],
          },
        ],
        labels,
      ),
    ).toBe(true);
  });
});
