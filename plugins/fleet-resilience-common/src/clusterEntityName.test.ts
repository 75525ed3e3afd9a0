import { KubernetesValidatorFunctions } from '@backstage/catalog-model';
import fc from 'fast-check';
import {
  clusterEntityName,
  clusterEntityRef,
  ClusterIdentity,
  MAX_ENTITY_NAME_LENGTH,
} from './clusterEntityName';

// Backstage's documented rule: [a-z0-9A-Z] runs with single [-_.] between them.
const STRICT_ENTITY_NAME = /^[a-zA-Z0-9]+(?:[-_.][a-zA-Z0-9]+)*$/;

/** The entity name rules `name` breaks; empty when it is valid. */
function nameProblems(name: string): string[] {
  const problems: string[] = [];
  if (name.length < 1 || name.length > MAX_ENTITY_NAME_LENGTH)
    problems.push(`length ${name.length}`);
  if (!STRICT_ENTITY_NAME.test(name)) problems.push('characters or separators');
  if (name !== name.toLowerCase()) problems.push('not lowercase');
  if (!KubernetesValidatorFunctions.isValidObjectName(name))
    problems.push('catalog validator');
  return problems;
}

function expectValidName(name: string) {
  expect(nameProblems(name)).toEqual([]);
}

const ACCOUNT_A = '111122223333';
const ACCOUNT_B = '444455556666';

describe('clusterEntityName', () => {
  it('is <name>-<region>-<account> for an ordinary cluster', () => {
    expect(
      clusterEntityName({
        name: 'payments-prod-use1',
        region: 'us-east-1',
        accountId: ACCOUNT_A,
      }),
    ).toBe('payments-prod-use1-us-east-1-111122223333');
  });

  it('keeps underscores and single dots of an already valid lowercase name', () => {
    expect(
      clusterEntityName({
        name: 'team_a.blue',
        region: 'eu-west-1',
        accountId: ACCOUNT_A,
      }),
    ).toBe('team_a.blue-eu-west-1-111122223333');
  });

  it('gives the same cluster name in two accounts and two regions four different names', () => {
    const names = [ACCOUNT_A, ACCOUNT_B].flatMap(accountId =>
      ['us-east-1', 'eu-west-1'].map(region =>
        clusterEntityName({ name: 'prod', region, accountId }),
      ),
    );
    expect(new Set(names).size).toBe(4);
    names.forEach(expectValidName);
  });

  it.each([
    ['uppercase', 'Payments-Prod'],
    ['dots in a row', 'a..b'],
    ['leading and trailing separators', '-edge_'],
    ['spaces and symbols', 'my cluster #1 (blue/green)'],
    ['accents', 'clúster-producción'],
    ['non-Latin script only', '生产集群'],
    ['emoji', '🚀-launch'],
    ['a 100-character EKS name', `a${'b'.repeat(98)}c`],
    [
      'a long name with separators at the cut',
      `${'x'.repeat(30)}--${'y'.repeat(60)}`,
    ],
    ['an empty name', ''],
  ])('is valid for %s', (_label, name) => {
    expect(
      nameProblems(
        clusterEntityName({
          name,
          region: 'ap-southeast-2',
          accountId: ACCOUNT_A,
        }),
      ),
    ).toEqual([]);
  });

  it('hashes, keeping region and account, when the name is not canonical', () => {
    const name = clusterEntityName({
      name: 'Payments-Prod',
      region: 'us-east-1',
      accountId: ACCOUNT_A,
    });
    expect(name).toMatch(/^payments-prod-us-east-1-111122223333-[0-9a-z]{8}$/);
  });

  it('tells apart names that differ only in case (the catalog compares names case-insensitively)', () => {
    const upper = clusterEntityName({
      name: 'Prod',
      region: 'us-east-1',
      accountId: ACCOUNT_A,
    });
    const lower = clusterEntityName({
      name: 'prod',
      region: 'us-east-1',
      accountId: ACCOUNT_A,
    });
    expect(upper.toLowerCase()).not.toBe(lower.toLowerCase());
  });

  it('truncates a long name but keeps region, account and the hash', () => {
    const name = clusterEntityName({
      name: 'n'.repeat(100),
      region: 'ap-southeast-2',
      accountId: ACCOUNT_B,
    });
    expect(name).toHaveLength(MAX_ENTITY_NAME_LENGTH);
    expect(name).toMatch(/^n+-ap-southeast-2-444455556666-[0-9a-z]{8}$/);
  });

  it('tells apart two long names that share their first 63 characters', () => {
    const common = 'x'.repeat(70);
    const a = clusterEntityName({
      name: `${common}-a`,
      region: 'us-east-1',
      accountId: ACCOUNT_A,
    });
    const b = clusterEntityName({
      name: `${common}-b`,
      region: 'us-east-1',
      accountId: ACCOUNT_A,
    });
    expect(a).not.toBe(b);
  });

  it('drops region and account rather than the name when those parts are absurdly long', () => {
    const name = clusterEntityName({
      name: 'prod',
      region: 'r'.repeat(80),
      accountId: ACCOUNT_A,
    });
    expectValidName(name);
    expect(name).toMatch(/^prod-[0-9a-z]{8}$/);
  });

  it('is stable: the same identity always gives the same name', () => {
    const identity = {
      name: 'Über Cluster',
      region: 'eu-central-1',
      accountId: ACCOUNT_A,
    };
    expect(clusterEntityName(identity)).toBe(
      clusterEntityName({ ...identity }),
    );
    // Pinned so a change of the rule (which renames every entity) is noticed.
    expect(clusterEntityName(identity)).toBe(
      'uber-cluster-eu-central-1-111122223333-0mj78r7w',
    );
  });

  it('refs the entity as a Resource in the default namespace', () => {
    expect(
      clusterEntityRef({
        name: 'prod',
        region: 'us-east-1',
        accountId: ACCOUNT_A,
      }),
    ).toBe('resource:default/prod-us-east-1-111122223333');
  });
});

describe('clusterEntityName properties', () => {
  const awsRegion = fc.constantFrom(
    'us-east-1',
    'us-west-2',
    'eu-west-1',
    'ap-southeast-2',
    'us-gov-west-1',
    'cn-north-1',
    'us-isob-east-1',
    'il-central-1',
  );
  const accountId = fc.stringMatching(/^\d{12}$/);
  const eksName = fc.stringMatching(/^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/);
  const anyName = fc.oneof(
    eksName,
    fc.string({ maxLength: 120 }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
  );
  const identity: fc.Arbitrary<ClusterIdentity> = fc.record({
    name: anyName,
    region: fc.oneof(awsRegion, fc.string({ maxLength: 30 })),
    accountId: fc.oneof(accountId, fc.string({ maxLength: 20 })),
  });

  it('always gives a valid lowercase entity name', () => {
    fc.assert(
      fc.property(identity, id => {
        expect(nameProblems(clusterEntityName(id))).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('never gives two different clusters the same name (case-insensitively)', () => {
    fc.assert(
      fc.property(identity, identity, (a, b) => {
        fc.pre(
          a.name !== b.name ||
            a.region !== b.region ||
            a.accountId !== b.accountId,
        );
        expect(clusterEntityName(a).toLowerCase()).not.toBe(
          clusterEntityName(b).toLowerCase(),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('never collides on near-misses: case, separators and parts moved between name and region', () => {
    // A tiny alphabet makes look-alike identities frequent.
    const piece = fc.stringMatching(/^[aA1._-]{0,4}$/);
    const region = fc.constantFrom(
      'us-east-1',
      'east-1',
      'us-east',
      'xx-east-1-us-east-1',
      'Us-East-1',
    );
    const account = fc.constantFrom(
      ACCOUNT_A,
      '11112222333',
      `${ACCOUNT_A}-`,
      ACCOUNT_B,
    );
    const nearMiss = fc.record({ name: piece, region, accountId: account });
    fc.assert(
      fc.property(nearMiss, nearMiss, (a, b) => {
        fc.pre(
          a.name !== b.name ||
            a.region !== b.region ||
            a.accountId !== b.accountId,
        );
        expect(clusterEntityName(a).toLowerCase()).not.toBe(
          clusterEntityName(b).toLowerCase(),
        );
      }),
      { numRuns: 5000 },
    );
    // And the textbook near-miss: a suffix of the name that looks like a region.
    expect(
      clusterEntityName({
        name: 'a-us',
        region: 'east-1',
        accountId: ACCOUNT_A,
      }),
    ).not.toBe(
      clusterEntityName({
        name: 'a',
        region: 'us-east-1',
        accountId: ACCOUNT_A,
      }),
    );
  });

  it('never collides across a realistic fleet with shared names in many accounts and regions', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({ name: eksName, region: awsRegion, accountId }),
          {
            minLength: 50,
            maxLength: 300,
            selector: c => `${c.accountId}/${c.region}/${c.name}`,
          },
        ),
        fleet => {
          const names = fleet.map(c => clusterEntityName(c).toLowerCase());
          expect(new Set(names).size).toBe(fleet.length);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('is the readable canonical form for lowercase EKS names that fit', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z0-9]{1,10}(-[a-z0-9]{1,10}){0,2}$/),
        awsRegion,
        accountId,
        (name, region, account) => {
          expect(clusterEntityName({ name, region, accountId: account })).toBe(
            `${name}-${region}-${account}`,
          );
        },
      ),
    );
  });
});
