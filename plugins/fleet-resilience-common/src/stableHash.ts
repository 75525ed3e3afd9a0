/**
 * A short, stable, platform-independent hash for entity name suffixes: two
 * FNV-1a 32-bit lanes with different offset bases, 40 bits in all, as 8
 * base-36 characters. Pure JavaScript (no `node:crypto`) so the naming rule
 * can run anywhere, the frontend and the common package included.
 */
const FNV_PRIME = 0x01000193;
const OFFSET_BASES = [0x811c9dc5, 0x050c5d1f] as const;

function fnv1a32(text: string, offsetBasis: number): number {
  let hash = offsetBasis;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash >>> 0;
}

/** 8 lowercase base-36 characters (`[0-9a-z]{8}`). */
export function stableHash(text: string): string {
  const high = fnv1a32(text, OFFSET_BASES[0]);
  const low = fnv1a32(text, OFFSET_BASES[1]) & 0xff;
  // 40 bits stay exact in a double (< 2^53) and fit in 8 base-36 digits (36^8 > 2^41).
  return (high * 256 + low).toString(36).padStart(8, '0');
}
