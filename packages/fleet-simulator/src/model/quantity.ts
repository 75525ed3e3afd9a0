/**
 * Kubernetes resource quantities, as far as the simulator needs them: CPU in
 * millicores and memory in bytes, for scheduling and NodePool limits.
 */

const QUANTITY = /^(\d+(?:\.\d+)?|\.\d+)(m|k|M|G|T|P|Ki|Mi|Gi|Ti|Pi)?$/;

const MULTIPLIER: Record<string, number> = {
  '': 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
};

/** True when `value` is a non-negative quantity the simulator understands. */
export function isQuantity(value: string): boolean {
  return QUANTITY.test(value);
}

function parse(value: string | number, unitsPerWhole: number): number {
  if (typeof value === 'number') return Math.ceil(value * unitsPerWhole);
  const match = QUANTITY.exec(value);
  if (!match) throw new RangeError(`invalid quantity "${value}"`);
  return Math.ceil(
    Number(match[1]) * MULTIPLIER[match[2] ?? ''] * unitsPerWhole,
  );
}

/** `500m` -> 500, `2` -> 2000. */
export function milliCpu(value: string | number): number {
  return parse(value, 1000);
}

/** `1Gi` -> 1073741824. */
export function bytes(value: string | number): number {
  return parse(value, 1);
}

/**
 * An int-or-percent (`3`, `"3"`, `"25%"`) of `total`, percentages rounded up
 * as Kubernetes scales PDB fields and Karpenter scales disruption budgets.
 */
export function scaledIntOrPercent(
  value: number | string,
  total: number,
): number {
  if (typeof value === 'number') return value;
  return value.endsWith('%')
    ? Math.ceil((Number(value.slice(0, -1)) * total) / 100)
    : Number(value);
}

/** Millicores as Kubernetes prints them: `4` or `3920m`. */
export function formatMilliCpu(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** Bytes as the kubelet reports memory: whole Ki. */
export function formatMemory(value: number): string {
  return `${Math.floor(value / 1024)}Ki`;
}
