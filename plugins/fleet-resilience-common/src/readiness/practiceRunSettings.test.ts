import { parsePracticeRunSettings } from './practiceRunSettings';

const ALARM = 'arn:aws:cloudwatch:us-east-1:111122223333:alarm:checkout-5xx';
const BLOCKING =
  'arn:aws-us-gov:cloudwatch:us-gov-west-1:111122223333:alarm:deploying now';

const SIXTEEN_WINDOWS = Array.from(
  { length: 16 },
  (_, i) =>
    `Wed:${String(i).padStart(2, '0')}:00-Wed:${String(i).padStart(2, '0')}:30`,
);

function problems(value: unknown): string[] {
  const result = parsePracticeRunSettings(value);
  return 'problems' in result ? result.problems : [];
}

describe('parsePracticeRunSettings', () => {
  it('accepts every member within ARC limits', () => {
    expect(
      parsePracticeRunSettings({
        outcomeAlarms: [ALARM],
        blockingAlarms: [BLOCKING],
        blockedWindows: ['Mon:09:00-Mon:17:00', 'Sun:00:00-Sun:23:59'],
        blockedDates: ['2026-12-24', '2028-02-29'],
      }),
    ).toEqual({
      settings: {
        outcomeAlarms: [ALARM],
        blockingAlarms: [BLOCKING],
        blockedWindows: ['Mon:09:00-Mon:17:00', 'Sun:00:00-Sun:23:59'],
        blockedDates: ['2026-12-24', '2028-02-29'],
      },
    });
  });

  it('keeps empty lists, and drops null ones', () => {
    expect(
      parsePracticeRunSettings({
        outcomeAlarms: [ALARM],
        blockedWindows: [],
        blockedDates: null,
      }),
    ).toEqual({ settings: { outcomeAlarms: [ALARM], blockedWindows: [] } });
  });

  it('accepts 10 outcome alarms and 15 windows', () => {
    const alarms = Array.from({ length: 10 }, (_, i) => `${ALARM}-${i}`);
    const windows = Array.from(
      { length: 15 },
      (_, i) =>
        `Tue:${String(i).padStart(2, '0')}:00-Tue:${String(i).padStart(
          2,
          '0',
        )}:30`,
    );
    expect(
      problems({ outcomeAlarms: alarms, blockedWindows: windows }),
    ).toEqual([]);
  });

  it.each`
    input                                                                      | problem
    ${undefined}                                                               | ${'practiceRuns: must be an object'}
    ${[ALARM]}                                                                 | ${'practiceRuns: must be an object'}
    ${{}}                                                                      | ${'practiceRuns.outcomeAlarms: required'}
    ${{ outcomeAlarms: [] }}                                                   | ${'practiceRuns.outcomeAlarms: must hold 1 to 10 entries, got 0'}
    ${{ outcomeAlarms: ALARM }}                                                | ${'practiceRuns.outcomeAlarms: must be a list of 1 to 10 strings'}
    ${{ outcomeAlarms: Array.from({ length: 11 }, (_, i) => `${ALARM}${i}`) }} | ${'practiceRuns.outcomeAlarms: must hold 1 to 10 entries, got 11'}
    ${{ outcomeAlarms: ['checkout-5xx'] }}                                     | ${'practiceRuns.outcomeAlarms[0]: must be a CloudWatch alarm ARN'}
    ${{ outcomeAlarms: ['arn:aws:sns:us-east-1:111122223333:topic'] }}         | ${'practiceRuns.outcomeAlarms[0]: must be a CloudWatch alarm ARN'}
    ${{ outcomeAlarms: ['arn:aws:cloudwatch:us-east-1:1234:alarm:x'] }}        | ${'practiceRuns.outcomeAlarms[0]: must be a CloudWatch alarm ARN'}
    ${{ outcomeAlarms: [`${ALARM}\n`] }}                                       | ${'practiceRuns.outcomeAlarms[0]: must be a CloudWatch alarm ARN'}
    ${{ outcomeAlarms: [ALARM, ALARM] }}                                       | ${`practiceRuns.outcomeAlarms[1]: ${ALARM} is listed twice`}
    ${{ outcomeAlarms: [42] }}                                                 | ${'practiceRuns.outcomeAlarms[0]: must be a string'}
    ${{ outcomeAlarms: [ALARM], blockingAlarms: ['nope'] }}                    | ${'practiceRuns.blockingAlarms[0]: must be a CloudWatch alarm ARN'}
    ${{ outcomeAlarms: [ALARM], blockedWindows: ['mon:09:00-mon:17:00'] }}     | ${'practiceRuns.blockedWindows[0]: must look like Mon:09:00-Mon:17:00'}
    ${{ outcomeAlarms: [ALARM], blockedWindows: ['Mon:9:00-Mon:17:00'] }}      | ${'practiceRuns.blockedWindows[0]: must look like'}
    ${{ outcomeAlarms: [ALARM], blockedWindows: ['Mon:24:00-Mon:24:30'] }}     | ${'practiceRuns.blockedWindows[0]: hours go from 00 to 23'}
    ${{ outcomeAlarms: [ALARM], blockedWindows: ['Mon:10:60-Mon:11:00'] }}     | ${'practiceRuns.blockedWindows[0]: minutes go from 00 to 59'}
    ${{ outcomeAlarms: [ALARM], blockedWindows: ['Mon:22:00-Tue:02:00'] }}     | ${'practiceRuns.blockedWindows[0]: must start and end on the same day'}
    ${{ outcomeAlarms: [ALARM], blockedWindows: ['Mon:17:00-Mon:09:00'] }}     | ${'practiceRuns.blockedWindows[0]: must end after it starts'}
    ${{ outcomeAlarms: [ALARM], blockedWindows: SIXTEEN_WINDOWS }}             | ${'practiceRuns.blockedWindows: must hold 0 to 15 entries, got 16'}
    ${{ outcomeAlarms: [ALARM], blockedDates: ['2026-02-30'] }}                | ${'practiceRuns.blockedDates[0]: is not a date of the calendar'}
    ${{ outcomeAlarms: [ALARM], blockedDates: ['2027-02-29'] }}                | ${'practiceRuns.blockedDates[0]: is not a date of the calendar'}
    ${{ outcomeAlarms: [ALARM], blockedDates: ['24/12/2026'] }}                | ${'practiceRuns.blockedDates[0]: must be a date YYYY-MM-DD'}
    ${{ outcomeAlarms: [ALARM], allowedWindows: ['Mon:09:00-Mon:17:00'] }}     | ${'practiceRuns.allowedWindows: unknown field'}
  `('refuses $input: $problem', ({ input, problem }) => {
    const found = problems(input);
    expect(found.some(p => p.startsWith(problem))).toBe(true);
  });

  it("refuses alarms outside the cluster's region when given it", () => {
    const settings = { outcomeAlarms: [ALARM], blockingAlarms: [BLOCKING] };
    expect(parsePracticeRunSettings(settings, { region: 'us-east-1' })).toEqual(
      {
        problems: [
          "practiceRuns.blockingAlarms[0]: must be an alarm in the cluster's region us-east-1, not us-gov-west-1",
        ],
      },
    );
    expect(
      parsePracticeRunSettings(
        { outcomeAlarms: [ALARM] },
        { region: 'us-east-1' },
      ),
    ).toEqual({ settings: { outcomeAlarms: [ALARM] } });
  });

  it('reports every problem at once', () => {
    expect(
      problems({ blockedDates: ['x'], blockedWindows: ['y'], extra: 1 }),
    ).toHaveLength(4);
  });
});
