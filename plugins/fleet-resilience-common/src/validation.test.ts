import {
  expiresInToMilliseconds,
  formatValidationProblems,
  plainTextProblem,
  StartShiftInput,
  validateStartShift,
  validateUpdateShift,
} from './validation';
import { Zone } from './zones';

const zones: Zone[] = [
  { name: 'us-east-1a', id: 'use1-az4' },
  { name: 'us-east-1b', id: 'use1-az6' },
];
const valid = { awayFrom: 'use1-az6', expiresIn: '2h', comment: 'AZ impaired' };

function problemsOf(input: StartShiftInput, clusterZones = zones) {
  const result = validateStartShift(input, clusterZones);
  return result.ok ? [] : result.problems;
}

describe('validateStartShift', () => {
  it('accepts a valid request as it is', () => {
    expect(validateStartShift(valid, zones)).toEqual({
      ok: true,
      value: valid,
    });
  });

  it('normalises an AZ given by name to its ID', () => {
    const result = validateStartShift(
      { ...valid, awayFrom: 'us-east-1a' },
      zones,
    );
    expect(result).toEqual({
      ok: true,
      value: { ...valid, awayFrom: 'use1-az4' },
    });
  });

  it('trims the comment', () => {
    const result = validateStartShift(
      { ...valid, comment: '  drill \n' },
      zones,
    );
    expect(result.ok && result.value.comment).toBe('drill');
  });

  describe('awayFrom', () => {
    it('must be an AZ of the cluster; the message lists the valid ones', () => {
      expect(problemsOf({ ...valid, awayFrom: 'use1-az1' })).toEqual([
        {
          field: 'awayFrom',
          message:
            '"use1-az1" is not an AZ of this cluster; choose one of use1-az4 (us-east-1a), use1-az6 (us-east-1b)',
        },
      ]);
    });

    it('is matched exactly', () => {
      expect(problemsOf({ ...valid, awayFrom: 'US-EAST-1A' })).toHaveLength(1);
      expect(problemsOf({ ...valid, awayFrom: 'use1-az4 ' })).toHaveLength(1);
    });

    it('cannot be checked when the cluster AZs are unknown', () => {
      expect(problemsOf(valid, [])).toEqual([
        {
          field: 'awayFrom',
          message:
            '"use1-az6" cannot be checked: the cluster\'s AZs are unknown',
        },
      ]);
    });

    it.each([[undefined], [null], ['']])('is required (%p)', awayFrom => {
      expect(problemsOf({ ...valid, awayFrom })).toEqual([
        {
          field: 'awayFrom',
          message: 'is required: the AZ ID or AZ name to shift away from',
        },
      ]);
    });

    it('must be a string', () => {
      expect(problemsOf({ ...valid, awayFrom: 4 })).toEqual([
        { field: 'awayFrom', message: 'must be a string' },
      ]);
    });
  });

  describe('expiresIn', () => {
    it.each([['1m'], ['30m'], ['1h'], ['72h'], ['4320m']])(
      'accepts %s (1 minute to 72 hours)',
      expiresIn => {
        expect(problemsOf({ ...valid, expiresIn })).toEqual([]);
      },
    );

    it.each([
      ['0m'],
      ['0h'],
      ['1d'],
      [' 1h'],
      ['1h '],
      ['01h'],
      ['1.5h'],
      ['1H'],
      ['-1h'],
      ['h'],
      ['90'],
    ])('rejects the format of %j', expiresIn => {
      expect(problemsOf({ ...valid, expiresIn })).toEqual([
        {
          field: 'expiresIn',
          message: `"${expiresIn}" must be a whole number of minutes or hours from 1m to 72h, such as 30m or 2h, without spaces or leading zeros`,
        },
      ]);
    });

    it.each([['73h'], ['4321m'], ['99999999999999999999h']])(
      'rejects %s as longer than 72 hours',
      expiresIn => {
        expect(problemsOf({ ...valid, expiresIn })).toEqual([
          {
            field: 'expiresIn',
            message: `"${expiresIn}" is longer than ARC's maximum of 72h (4320m)`,
          },
        ]);
      },
    );

    it.each([[undefined], [null], ['']])('is required (%p)', expiresIn => {
      expect(problemsOf({ ...valid, expiresIn })).toEqual([
        { field: 'expiresIn', message: 'is required, e.g. 30m or 2h' },
      ]);
    });

    it('must be a string', () => {
      expect(problemsOf({ ...valid, expiresIn: 60 })).toEqual([
        { field: 'expiresIn', message: 'must be a string such as 30m or 2h' },
      ]);
    });
  });

  describe('comment', () => {
    it('accepts 128 characters, counted after trimming', () => {
      const comment = ` ${'x'.repeat(128)} `;
      expect(problemsOf({ ...valid, comment })).toEqual([]);
    });

    it('rejects 129 characters', () => {
      expect(problemsOf({ ...valid, comment: 'x'.repeat(129) })).toEqual([
        {
          field: 'comment',
          message: 'must be at most 128 characters after trimming; it has 129',
        },
      ]);
    });

    it('counts UTF-16 code units, never fewer than ARC may count', () => {
      // 64 emoji are 64 code points but 128 code units; 65 are 130.
      expect(problemsOf({ ...valid, comment: '🚨'.repeat(64) })).toEqual([]);
      expect(problemsOf({ ...valid, comment: '🚨'.repeat(65) })).toHaveLength(
        1,
      );
    });

    it.each([[undefined], [null], [''], ['   \t\n']])(
      'is required (%p)',
      comment => {
        expect(problemsOf({ ...valid, comment })).toEqual([
          {
            field: 'comment',
            message: 'is required: say why traffic is shifted',
          },
        ]);
      },
    );

    it('must be a string', () => {
      expect(problemsOf({ ...valid, comment: ['x'] })).toEqual([
        { field: 'comment', message: 'must be a string' },
      ]);
    });

    it.each([
      ['NUL', 'AZ\u0000impaired', 'U+0000 at character 3'],
      ['a tab inside', 'AZ\timpaired', 'U+0009 at character 3'],
      ['a newline inside', 'AZ\nimpaired', 'U+000A at character 3'],
      ['ESC', '\u001b[31mred', 'U+001B at character 1'],
      ['DEL', 'AZ\u007f', 'U+007F at character 3'],
      ['a C1 control', 'AZ\u0085', 'U+0085 at character 3'],
      ['a line separator', 'a\u2028b', 'U+2028 at character 2'],
      ['a bidi override', 'a\u202Eb', 'U+202E at character 2'],
      ['a bidi isolate', 'a\u2066b', 'U+2066 at character 2'],
      ['an unpaired surrogate', '🚨a\ud800', 'U+D800 at character 3'],
    ])(
      'rejects %s, naming the field and the character',
      (_, comment, found) => {
        expect(problemsOf({ ...valid, comment })).toEqual([
          {
            field: 'comment',
            message: `must be one line of plain text without control or bidirectional formatting characters; found ${found}`,
          },
        ]);
      },
    );

    it('rejects a control character in an update too', () => {
      expect(validateUpdateShift({ comment: 'x\u0000' })).toEqual({
        ok: false,
        problems: [
          {
            field: 'comment',
            message: expect.stringContaining('found U+0000 at character 2'),
          },
        ],
      });
    });
  });

  it('lists every problem at once, in field order', () => {
    expect(problemsOf({}).map(p => p.field)).toEqual([
      'awayFrom',
      'expiresIn',
      'comment',
    ]);
  });
});

describe('validateUpdateShift', () => {
  it('accepts a new expiry alone', () => {
    expect(validateUpdateShift({ expiresIn: '30m' })).toEqual({
      ok: true,
      value: { expiresIn: '30m' },
    });
  });

  it('accepts a new comment alone, trimmed, treating null as absent', () => {
    const result = validateUpdateShift({
      expiresIn: null,
      comment: ' extended ',
    });
    expect(result).toEqual({ ok: true, value: { comment: 'extended' } });
    // No expiresIn key at all, so a JSON body built from it sends none.
    expect(result.ok && 'expiresIn' in result.value).toBe(false);
  });

  it('accepts both', () => {
    expect(validateUpdateShift({ expiresIn: '72h', comment: 'c' })).toEqual({
      ok: true,
      value: { expiresIn: '72h', comment: 'c' },
    });
  });

  it('needs at least one of them', () => {
    for (const input of [{}, { expiresIn: null, comment: undefined }]) {
      expect(validateUpdateShift(input)).toEqual({
        ok: false,
        problems: [
          {
            field: 'input',
            message: 'give extendBy or a new expiresIn, a new comment, or both',
          },
        ],
      });
    }
  });

  it('accepts extendBy alone or with a comment, by the expiresIn grammar', () => {
    expect(validateUpdateShift({ extendBy: '90m' })).toEqual({
      ok: true,
      value: { extendBy: '90m' },
    });
    expect(
      validateUpdateShift({ extendBy: '72h', expiresIn: null, comment: ' c ' }),
    ).toEqual({ ok: true, value: { extendBy: '72h', comment: 'c' } });
  });

  it('checks extendBy as expiresIn is checked', () => {
    expect(validateUpdateShift({ extendBy: '73h' })).toEqual({
      ok: false,
      problems: [
        {
          field: 'extendBy',
          message: `"73h" is longer than ARC's maximum of 72h (4320m)`,
        },
      ],
    });
    for (const extendBy of ['0m', '1d', 5, '']) {
      const result = validateUpdateShift({ extendBy });
      expect(!result.ok && result.problems.map(p => p.field)).toEqual([
        'extendBy',
      ]);
    }
  });

  it('refuses expiresIn and extendBy together, naming both, with any other problem', () => {
    expect(
      validateUpdateShift({ expiresIn: '1h', extendBy: '1h', comment: ' ' }),
    ).toEqual({
      ok: false,
      problems: [
        {
          field: 'expiresIn, extendBy',
          message:
            'give one of them: extendBy adds time to the current expiry, expiresIn sets a new expiry counted from now',
        },
        {
          field: 'comment',
          message: 'is required: say why traffic is shifted',
        },
      ],
    });
  });

  it('checks each given field with the start-shift rules', () => {
    expect(validateUpdateShift({ expiresIn: '73h', comment: '  ' })).toEqual({
      ok: false,
      problems: [
        {
          field: 'expiresIn',
          message: `"73h" is longer than ARC's maximum of 72h (4320m)`,
        },
        {
          field: 'comment',
          message: 'is required: say why traffic is shifted',
        },
      ],
    });
  });
});

describe('expiresInToMilliseconds', () => {
  it.each([
    ['1m', 60 * 1000],
    ['90m', 90 * 60 * 1000],
    ['2h', 2 * 60 * 60 * 1000],
    ['72h', 72 * 60 * 60 * 1000],
    ['4320m', 72 * 60 * 60 * 1000],
  ])('converts %s to %d ms', (expiresIn, ms) => {
    expect(expiresInToMilliseconds(expiresIn)).toBe(ms);
  });

  it.each([['0m'], ['73h'], ['1d'], ['']])('rejects %j', expiresIn => {
    expect(() => expiresInToMilliseconds(expiresIn)).toThrow(RangeError);
    expect(() => expiresInToMilliseconds(expiresIn)).toThrow(/^expiresIn /);
  });
});

describe('formatValidationProblems', () => {
  it('joins field and message of each problem', () => {
    expect(
      formatValidationProblems([
        { field: 'awayFrom', message: 'is required' },
        { field: 'comment', message: 'must be a string' },
      ]),
    ).toBe('awayFrom: is required; comment: must be a string');
  });
});

describe('plainTextProblem', () => {
  it('accepts printable text of every script, emoji included', () => {
    for (const text of [
      'AZ impaired',
      'Zone über Ünterbrechung',
      '区域故障 🚨',
      'a\u00a0b',
      '',
    ]) {
      expect(plainTextProblem(text)).toBeUndefined();
    }
  });

  it('rejects every C0 control, DEL and every C1 control', () => {
    const controls = [
      ...Array.from({ length: 0x20 }, (_, i) => i),
      ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
    ];
    for (const code of controls) {
      expect(plainTextProblem(`ok${String.fromCharCode(code)}`)).toContain(
        `U+${code.toString(16).toUpperCase().padStart(4, '0')} at character 3`,
      );
    }
    expect(plainTextProblem('\u00a0')).toBeUndefined();
  });
});
