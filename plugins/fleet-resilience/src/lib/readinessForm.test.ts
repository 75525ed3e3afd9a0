import {
  commentProblem,
  practiceRunFormOf,
  practiceRunInput,
  validateFixForm,
  EMPTY_PRACTICE_RUN_FORM,
} from './readinessForm';

const ALARM = 'arn:aws:cloudwatch:us-east-1:111122223333:alarm:5xx';

describe('practiceRunInput', () => {
  it('takes one value per line or comma and sends empty lists too', () => {
    expect(
      practiceRunInput({
        outcomeAlarms: ` ${ALARM}\n\n`,
        blockingAlarms: '',
        blockedWindows: 'Mon:09:00-Mon:17:00, Fri:00:00-Fri:23:59',
        blockedDates: '\n',
      }),
    ).toEqual({
      outcomeAlarms: [ALARM],
      blockingAlarms: [],
      blockedWindows: ['Mon:09:00-Mon:17:00', 'Fri:00:00-Fri:23:59'],
      blockedDates: [],
    });
  });
});

describe('practiceRunFormOf', () => {
  it('fills the form with ARC’s configuration, one value per line', () => {
    expect(
      practiceRunFormOf({
        outcomeAlarms: [
          { type: 'CLOUDWATCH', alarmIdentifier: ALARM },
          { type: 'CLOUDWATCH', alarmIdentifier: `${ALARM}-2` },
        ],
        blockedDates: ['2026-12-24'],
      }),
    ).toEqual({
      outcomeAlarms: `${ALARM}\n${ALARM}-2`,
      blockingAlarms: '',
      blockedWindows: '',
      blockedDates: '2026-12-24',
    });
    expect(practiceRunFormOf(undefined)).toEqual(EMPTY_PRACTICE_RUN_FORM);
  });
});

describe('commentProblem', () => {
  it('requires one line of 1 to 128 characters', () => {
    expect(commentProblem('  ')).toMatch(/required/);
    expect(commentProblem('a\nb')).toMatch(/one line of plain text/);
    expect(commentProblem('x'.repeat(129))).toMatch(/at most 128/);
    expect(commentProblem(` ${'x'.repeat(128)} `)).toBeUndefined();
  });
});

describe('validateFixForm', () => {
  it('returns the trimmed comment and the settings when all is well', () => {
    expect(
      validateFixForm(' why ', {
        ...EMPTY_PRACTICE_RUN_FORM,
        outcomeAlarms: ALARM,
      }),
    ).toEqual({
      ok: true,
      comment: 'why',
      practiceRuns: {
        outcomeAlarms: [ALARM],
        blockingAlarms: [],
        blockedWindows: [],
        blockedDates: [],
      },
    });
    expect(validateFixForm('why', undefined)).toEqual({
      ok: true,
      comment: 'why',
      practiceRuns: undefined,
    });
  });

  it('puts each problem under the field it names', () => {
    const result = validateFixForm('', {
      ...EMPTY_PRACTICE_RUN_FORM,
      blockingAlarms: 'not-an-arn',
      blockedDates: '2026-02-30',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.comment).toMatch(/required/);
    expect(result.problems.fields).toEqual({
      outcomeAlarms: [
        'practiceRuns.outcomeAlarms: required (1 to 10 CloudWatch alarm ARNs)',
      ],
      blockingAlarms: [
        expect.stringMatching(
          /^practiceRuns.blockingAlarms\[0\]: must be a CloudWatch alarm ARN/,
        ),
      ],
      blockedDates: [
        'practiceRuns.blockedDates[0]: is not a date of the calendar',
      ],
    });
    expect(result.problems.other).toEqual([]);
  });
});
