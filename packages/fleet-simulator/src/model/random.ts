/**
 * Deterministic randomness for the simulator: the generator, object names and
 * fault injection all draw from seeded streams, so a seed reproduces a run.
 */

/** A stream of numbers in [0, 1), the same for the same seed. */
export interface Random {
  next(): number;
  /** An integer in [0, bound). */
  int(bound: number): number;
  pick<T>(items: readonly T[]): T;
  /** `length` lowercase letters and digits, e.g. for Kubernetes name suffixes. */
  suffix(length: number): string;
  /** `length` lowercase hex digits, e.g. for EC2 IDs. */
  hex(length: number): string;
}

/** FNV-1a over the string: a stable 32-bit seed from any text. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

const ALPHANUMERIC = 'bcdfghjklmnpqrstvwxz2456789';
const HEX = '0123456789abcdef';

/** mulberry32: small, fast and good enough for simulation (not for secrets). */
export function createRandom(seed: number | string): Random {
  let state = typeof seed === 'string' ? hashString(seed) : seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (bound: number) => Math.floor(next() * bound);
  const fromAlphabet = (alphabet: string, length: number) => {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[int(alphabet.length)];
    return out;
  };
  return {
    next,
    int,
    pick: items => items[int(items.length)],
    suffix: length => fromAlphabet(ALPHANUMERIC, length),
    hex: length => fromAlphabet(HEX, length),
  };
}
