/** Karpenter's native ARC zonal shift support starts with this release. */
export const KARPENTER_NATIVE_ZONAL_SHIFT_VERSION = '1.12.0';

/** Compares dotted numeric versions: negative, zero or positive. */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

export function supportsNativeZonalShift(karpenterVersion: string): boolean {
  return (
    compareVersions(karpenterVersion, KARPENTER_NATIVE_ZONAL_SHIFT_VERSION) >= 0
  );
}
