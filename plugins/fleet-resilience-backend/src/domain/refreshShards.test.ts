import {
  allShards,
  fnv1a32,
  KUBERNETES_REFRESH_TASK_ID,
  kubernetesShardTaskId,
  MAX_REFRESH_SHARDS,
  shardLabel,
  shardName,
  shardOf,
  shardsHolding,
} from './refreshShards';

const arn = (account: string, region: string, name: string) =>
  `arn:aws:eks:${region}:${account}:cluster/${name}`;

describe('fnv1a32', () => {
  it('matches the published FNV-1a 32-bit test vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('hashes the UTF-8 bytes, not UTF-16 code units', () => {
    // 'é' is one UTF-16 unit but two UTF-8 bytes (0xc3 0xa9).
    expect(fnv1a32('\u00e9')).toBe(0x1e9de8c1);
    expect(fnv1a32('é')).not.toBe(fnv1a32('\u00e9'.normalize('NFD')));
  });

  it('walks the same bytes TextEncoder makes, whatever the characters', () => {
    const reference = (text: string) => {
      let hash = 0x811c9dc5;
      for (const byte of new TextEncoder().encode(text)) {
        hash = Math.imul(hash ^ byte, 0x01000193);
      }
      return hash >>> 0;
    };
    for (const text of [
      'arn:aws:eks:us-east-1:111122223333:cluster/a',
      'ß\u07ff\u0800\uffff', // 2- and 3-byte edges
      '\u{1f600}\u{10ffff}', // 4 bytes (surrogate pairs)
      'a\ud800b\udc00', // lone surrogates: U+FFFD
      '\ud83d',
    ]) {
      expect(fnv1a32(text)).toBe(reference(text));
    }
  });

  it('is an unsigned 32-bit integer', () => {
    for (const text of [
      'x',
      'arn:aws:eks:us-east-1:1:cluster/a',
      'ü'.repeat(99),
    ]) {
      const hash = fnv1a32(text);
      expect(Number.isInteger(hash)).toBe(true);
      expect(hash).toBeGreaterThanOrEqual(0);
      expect(hash).toBeLessThan(2 ** 32);
    }
  });
});

describe('shardOf', () => {
  it('maps fixed ARNs to fixed shards (stable across processes and releases)', () => {
    // Changing these breaks every running deployment's split: they are pinned.
    const fixed = [
      arn('111122223333', 'us-east-1', 'alpha'),
      arn('111122223333', 'us-east-1', 'beta'),
      arn('444455556666', 'eu-west-1', 'gamma'),
      arn('444455556666', 'ap-southeast-2', 'payments-prod'),
    ];
    // Hashes computed outside this code (a separate FNV-1a implementation).
    expect(fixed.map(a => fnv1a32(a))).toEqual([
      0x238306e3, 0xa23157cf, 0xd531cef2, 0xc913e43d,
    ]);
    expect(
      fixed.map(a => [shardOf(a, 4), shardOf(a, 7), shardOf(a, 256)]),
    ).toEqual([
      [3, 2, 227],
      [3, 3, 207],
      [2, 5, 242],
      [1, 1, 61],
    ]);
  });

  it('puts every cluster in shard 0 of 1', () => {
    for (let i = 0; i < 100; i++) {
      expect(shardOf(arn('111122223333', 'us-east-1', `c${i}`), 1)).toBe(0);
    }
  });

  // 100,000 ARNs: a random split's spread is then well inside 3 % per shard.
  const fleet = Array.from({ length: 100_000 }, (_, i) =>
    arn(
      String(100000000000 + (i % 20) * 7919),
      ['us-east-1', 'eu-west-1', 'ap-south-1'][i % 3],
      `cluster-${i}`,
    ),
  );

  it.each([2, 10, 32])(
    'spreads 100,000 ARNs evenly over %i shards (each within 3 %% of its share)',
    shards => {
      const counts = new Array<number>(shards).fill(0);
      for (const clusterArn of fleet) {
        counts[shardOf(clusterArn, shards)] += 1;
      }
      const share = fleet.length / shards;
      for (const count of counts) {
        expect(Math.abs(count - share) / share).toBeLessThan(0.03);
      }
    },
  );

  it('always answers a shard from 0 to shards - 1', () => {
    for (let i = 0; i < 1000; i++) {
      const shard = shardOf(`arn-${i}`, 7);
      expect(shard).toBeGreaterThanOrEqual(0);
      expect(shard).toBeLessThan(7);
    }
  });

  it.each([0, -1, 1.5, MAX_REFRESH_SHARDS + 1, NaN])(
    'refuses %p shards, naming the field',
    shards => {
      expect(() => shardOf('arn', shards)).toThrow(
        /shards must be an integer from 1 to 256/,
      );
    },
  );
});

describe('shard names and tasks', () => {
  it('numbers shards from 1 for people: "k-of-n" and "shard k of n"', () => {
    expect(shardLabel({ index: 0, count: 4 })).toBe('1-of-4');
    expect(shardLabel({ index: 3, count: 4 })).toBe('4-of-4');
    expect(shardName({ index: 1, count: 3 })).toBe('shard 2 of 3');
  });

  it('keeps the unsharded task ID for one shard and suffixes the others', () => {
    expect(KUBERNETES_REFRESH_TASK_ID).toBe(
      'fleet-resilience:refresh-kubernetes',
    );
    expect(kubernetesShardTaskId({ index: 0, count: 1 })).toBe(
      'fleet-resilience:refresh-kubernetes',
    );
    expect(allShards(3).map(kubernetesShardTaskId)).toEqual([
      'fleet-resilience:refresh-kubernetes:1-of-3',
      'fleet-resilience:refresh-kubernetes:2-of-3',
      'fleet-resilience:refresh-kubernetes:3-of-3',
    ]);
  });

  it('refuses a shard outside its count', () => {
    expect(() => shardLabel({ index: 4, count: 4 })).toThrow(
      /shard index must be an integer from 0 to 3, got 4/,
    );
    expect(() => kubernetesShardTaskId({ index: -1, count: 1 })).toThrow(
      /shard index/,
    );
    expect(() => allShards(0)).toThrow(/shards must be/);
  });

  it('lists every shard of a count in order', () => {
    expect(allShards(1)).toEqual([{ index: 0, count: 1 }]);
    expect(allShards(3)).toEqual([
      { index: 0, count: 3 },
      { index: 1, count: 3 },
      { index: 2, count: 3 },
    ]);
  });
});

describe('shardsHolding', () => {
  it('names each shard that holds one of the clusters once, in order', () => {
    const arns = Array.from({ length: 50 }, (_, i) => `arn-${i}`);
    const expected = [...new Set(arns.map(a => shardOf(a, 8)))].sort(
      (a, b) => a - b,
    );
    expect(shardsHolding(arns, 8).map(s => s.index)).toEqual(expected);
    const one = arns[7];
    expect(shardsHolding([one, one], 8)).toEqual([
      { index: shardOf(one, 8), count: 8 },
    ]);
    expect(shardsHolding([], 8)).toEqual([]);
  });
});
