/**
 * Thrown when a Kubernetes resource quantity cannot be parsed.
 *
 * @public
 */
export class InvalidQuantityError extends Error {
  constructor(quantity: string, problem: string) {
    super(`Invalid quantity "${quantity}": ${problem}`);
    this.name = 'InvalidQuantityError';
  }
}

// Kubernetes' grammar: a decimal number, then nothing, a decimal SI suffix,
// a binary SI suffix or a decimal exponent (`1e3`). `E` alone is exa; `E3`
// is an exponent. No whitespace, as in the API server.
const QUANTITY =
  /^([+-]?)(\d*)(?:\.(\d*))?(?:(Ki|Mi|Gi|Ti|Pi|Ei)|[eE]([+-]?\d+)|(m|k|M|G|T|P|E)?)$/;

const DECIMAL_SUFFIX_EXPONENT: Record<string, number> = {
  m: -3,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};

const BINARY_SUFFIX_EXPONENT: Record<string, number> = {
  Ki: 10,
  Mi: 20,
  Gi: 30,
  Ti: 40,
  Pi: 50,
  Ei: 60,
};

// Keeps BigInt powers cheap; real quantities use exponents below 20.
const MAX_DECIMAL_EXPONENT = 1000;

const EXPECTED =
  'expected a number with an optional suffix (m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei) or exponent (e3)';

// BigInt() calls and shifts rather than `1n` literals and `**`, which
// bundlers may down-level to Math.pow and break.
function powerOfTenBig(exponent: number): bigint {
  return BigInt(`1${'0'.repeat(exponent)}`);
}

/**
 * Parses a quantity and returns it in `unitsPerWhole` units (1000 for
 * millicores), rounded up like Kubernetes' `MilliValue()` and `Value()`.
 * Exact: BigInt arithmetic, so `1.1` CPU is 1100m and not 1101m.
 */
function parseQuantity(quantity: string, unitsPerWhole: number): number {
  const match = QUANTITY.exec(quantity);
  const [, sign, whole = '', fraction = '', binary, exponent, decimal] =
    match ?? [];
  if (!match || whole.length + fraction.length === 0) {
    throw new InvalidQuantityError(quantity, EXPECTED);
  }
  const powerOfTen =
    exponent !== undefined
      ? Number(exponent)
      : DECIMAL_SUFFIX_EXPONENT[decimal ?? ''] ?? 0;
  if (Math.abs(powerOfTen) > MAX_DECIMAL_EXPONENT) {
    throw new InvalidQuantityError(quantity, 'exponent out of range');
  }
  const mantissa = BigInt(whole + fraction);
  if (mantissa === BigInt(0)) {
    return 0;
  }
  if (sign === '-') {
    throw new InvalidQuantityError(quantity, 'must not be negative');
  }
  const powerOfTwo = binary ? BINARY_SUFFIX_EXPONENT[binary] : 0;
  const numerator =
    ((mantissa * BigInt(unitsPerWhole)) << BigInt(powerOfTwo)) *
    powerOfTenBig(Math.max(powerOfTen, 0));
  const denominator = powerOfTenBig(fraction.length + Math.max(-powerOfTen, 0));
  const roundedUp = (numerator + denominator - BigInt(1)) / denominator;
  if (roundedUp > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new InvalidQuantityError(quantity, 'too large');
  }
  return Number(roundedUp);
}

/**
 * Parses a Kubernetes CPU quantity (`250m`, `2`, `1.5`, `1e3`) into
 * millicores, rounding a fraction of a millicore up.
 *
 * @throws {@link InvalidQuantityError} on malformed or negative input.
 * @public
 */
export function parseCpuMillicores(quantity: string): number {
  return parseQuantity(quantity, 1000);
}

/**
 * Parses a Kubernetes memory quantity (`512Mi`, `1Gi`, `129M`, `128974848`)
 * into bytes, rounding a fraction of a byte up.
 *
 * @throws {@link InvalidQuantityError} on malformed or negative input.
 * @public
 */
export function parseMemoryBytes(quantity: string): number {
  return parseQuantity(quantity, 1);
}
