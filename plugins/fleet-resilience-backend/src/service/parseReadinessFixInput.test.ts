import {
  parseFleetReadinessFixInput,
  parseReadinessFix,
  readinessFixInput,
} from './parseReadinessFixInput';

const ARN = 'arn:aws:eks:us-east-1:111122223333:cluster/payments-prod-use1';
const ALARM = 'arn:aws:cloudwatch:us-east-1:111122223333:alarm:payments-5xx';

const parse = (body: Record<string, unknown>) =>
  readinessFixInput(body, parseReadinessFix(body)).parse([]);

describe('parseReadinessFix', () => {
  it.each([
    [{}, 'fix: is required'],
    [{ fix: 'enable-everything' }, 'fix: is not a known fix'],
    [{ fix: ['enable-autoshift'] }, 'fix: is not a known fix'],
    ['not an object', 'fix: is required'],
  ])('%j: 400 naming the field', (body, message) => {
    expect(() => parseReadinessFix(body)).toThrow(message);
  });
});

describe('readinessFixInput', () => {
  it('takes a fix with a trimmed comment', () => {
    expect(parse({ fix: 'enable-zonal-shift', comment: '  ready  ' })).toEqual({
      fix: 'enable-zonal-shift',
      comment: 'ready',
    });
  });

  it('takes practice runs with configure-practice-runs only', () => {
    expect(
      parse({
        fix: 'configure-practice-runs',
        comment: 'weekly',
        practiceRuns: { outcomeAlarms: [ALARM] },
      }),
    ).toEqual({
      fix: 'configure-practice-runs',
      comment: 'weekly',
      practiceRuns: { outcomeAlarms: [ALARM] },
    });
    expect(() =>
      parse({
        fix: 'enable-autoshift',
        comment: 'x',
        practiceRuns: { outcomeAlarms: [ALARM] },
      }),
    ).toThrow('practiceRuns: is taken only with fix configure-practice-runs');
    expect(() =>
      parse({ fix: 'configure-practice-runs', comment: 'x' }),
    ).toThrow('practiceRuns: is required with fix configure-practice-runs');
  });

  it.each([
    [{ fix: 'enable-autoshift' }, 'comment: is required'],
    [{ fix: 'enable-autoshift', comment: 3 }, 'comment: must be a string'],
    [
      { fix: 'enable-autoshift', comment: 'x'.repeat(129) },
      'comment: must be at most 128 characters',
    ],
    [
      { fix: 'enable-autoshift', comment: 'a\nb' },
      'comment: must be one line of plain text',
    ],
    [
      { fix: 'enable-autoshift', comment: 'x', force: true },
      'Unknown field "force"',
    ],
    [
      {
        fix: 'configure-practice-runs',
        comment: 'x',
        practiceRuns: { outcomeAlarms: ['nope'] },
      },
      'practiceRuns.outcomeAlarms[0]',
    ],
  ])('%j: 400 naming the field', (body, message) => {
    expect(() => parse(body)).toThrow(message);
  });

  it('keeps what was given for the audit, unknown fields marked', () => {
    const body = { fix: 'enable-autoshift', comment: 'x', force: true };
    expect(readinessFixInput(body, 'enable-autoshift').given).toEqual({
      fix: 'enable-autoshift',
      comment: 'x',
      'unknown:force': true,
    });
  });
});

describe('parseFleetReadinessFixInput', () => {
  const base = { fix: 'enable-autoshift', comment: 'fleet', clusters: [ARN] };

  it('is a dry run unless dryRun is false', () => {
    expect(parseFleetReadinessFixInput(base)).toEqual({
      fix: 'enable-autoshift',
      comment: 'fleet',
      clusterArns: [ARN],
      dryRun: true,
    });
    expect(parseFleetReadinessFixInput({ ...base, dryRun: false }).dryRun).toBe(
      false,
    );
  });

  it('names each wrong field', () => {
    expect(() =>
      parseFleetReadinessFixInput({ ...base, dryRun: 'no', clusters: [] }),
    ).toThrow(
      'Invalid fleet readiness fix: dryRun: must be true or false; clusters: must be a list of 1 to 500 cluster ARNs',
    );
    expect(() =>
      parseFleetReadinessFixInput({
        ...base,
        clusters: Array.from({ length: 501 }, () => ARN),
      }),
    ).toThrow('clusters: must be a list of 1 to 500 cluster ARNs');
    expect(() =>
      parseFleetReadinessFixInput({ ...base, clusters: ['arn:nope'] }),
    ).toThrow('clusters:');
  });
});
