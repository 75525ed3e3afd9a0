import fc from 'fast-check';
import {
  InvalidQuantityError,
  parseCpuMillicores,
  parseMemoryBytes,
} from './quantity';

describe('parseCpuMillicores', () => {
  it.each([
    ['250m', 250],
    ['2', 2 * 1000],
    ['1.5', 1.5 * 1000],
    // 1.1 * 1000 is 1100.0000000000002 in floating point; rounding that up
    // would give 1101.
    ['1.1', 1100],
    ['0.001', 1],
    ['.5', 500],
    ['1.', 1000],
    ['+3', 3000],
    ['1e3', 1000 * 1000],
    ['1E3', 1000 * 1000],
    ['2e-3', 2],
    ['1k', 1000 * 1000],
    ['0', 0],
    ['-0', 0],
    ['0m', 0],
  ])('parses %s as %d millicores', (quantity, millicores) => {
    expect(parseCpuMillicores(quantity)).toBe(millicores);
  });

  it.each([
    // Kubernetes rounds a fraction of a millicore up (MilliValue()).
    ['0.1m', 1],
    ['1.0001', 1001],
    ['1e-4', 1],
  ])('rounds %s up to %d millicores', (quantity, millicores) => {
    expect(parseCpuMillicores(quantity)).toBe(millicores);
  });
});

describe('parseMemoryBytes', () => {
  it.each([
    ['128974848', 128974848],
    ['129M', 129 * 1000 ** 2],
    ['123Ki', 123 * 1024],
    ['512Mi', 512 * 1024 ** 2],
    ['1Gi', 1024 ** 3],
    ['1.5Gi', 1.5 * 1024 ** 3],
    ['1.5Ki', 1536],
    ['2Ti', 2 * 1024 ** 4],
    ['3k', 3000],
    ['1e3', 1000],
    ['5G', 5 * 1000 ** 3],
    // 7 * 2^50 still fits in a safe integer (below 2^53).
    ['7Pi', 7 * 2 ** 50],
  ])('parses %s as %d bytes', (quantity, bytes) => {
    expect(parseMemoryBytes(quantity)).toBe(bytes);
  });

  it('rounds a fraction of a byte up, as Value() does', () => {
    // "100m" of memory is 0.1 byte: a common typo that Kubernetes accepts.
    expect(parseMemoryBytes('100m')).toBe(1);
    expect(parseMemoryBytes('0.5')).toBe(1);
    expect(parseMemoryBytes('1.0001Ki')).toBe(1025); // 1024.1024 bytes
  });

  it('rejects values beyond a safe integer instead of losing precision', () => {
    // 8Pi = 2^53, the first integer above Number.MAX_SAFE_INTEGER.
    expect(() => parseMemoryBytes('8Pi')).toThrow('too large');
    expect(() => parseMemoryBytes('1E')).toThrow('too large');
  });
});

describe('invalid quantities', () => {
  it.each([
    [''],
    [' 1'],
    ['1 '],
    ['abc'],
    ['1K'],
    ['1ki'],
    ['1KiB'],
    ['1e'],
    ['1e1.5'],
    ['1.2.3'],
    ['--1'],
    ['1Mi2'],
    ['m'],
    ['.'],
    ['0x10'],
    ['1,5'],
    ['Infinity'],
    ['NaN'],
  ])('rejects %j with the expected format', quantity => {
    expect(() => parseCpuMillicores(quantity)).toThrow(InvalidQuantityError);
    expect(() => parseMemoryBytes(quantity)).toThrow(
      `Invalid quantity "${quantity}": expected a number with an optional suffix`,
    );
  });

  it.each([['-1'], ['-500m'], ['-1Gi']])('rejects negative %s', quantity => {
    expect(() => parseCpuMillicores(quantity)).toThrow(
      `Invalid quantity "${quantity}": must not be negative`,
    );
  });

  it('rejects absurd exponents without computing them', () => {
    expect(() => parseCpuMillicores('1e100000000')).toThrow(
      'exponent out of range',
    );
  });
});

describe('quantity properties', () => {
  const amount = fc.integer({ min: 0, max: 1_000_000_000 });

  it('a plain integer is that many cores, a milli-suffixed one that many millicores', () => {
    fc.assert(
      fc.property(amount, n => {
        expect(parseCpuMillicores(`${n}`)).toBe(n * 1000);
        expect(parseCpuMillicores(`${n}m`)).toBe(n);
      }),
    );
  });

  it('binary and decimal suffixes scale by 1024 and 1000', () => {
    fc.assert(
      fc.property(amount, n => {
        expect(parseMemoryBytes(`${n}Ki`)).toBe(n * 1024);
        expect(parseMemoryBytes(`${n}k`)).toBe(n * 1000);
        expect(parseMemoryBytes(`${n}e3`)).toBe(n * 1000);
      }),
    );
  });
});
