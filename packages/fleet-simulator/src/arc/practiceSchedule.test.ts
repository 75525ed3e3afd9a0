import type { ArcResourceSettings } from './types';
import {
  ACCOUNT,
  createArcFixture,
  encoded,
  itemsOf,
  OUTCOME_ALARM,
  PROD,
  STAGING,
} from './__testUtils__/arcFixture';
import { nextSlot, WEEK_MS } from './practiceSchedule';

const MINUTE = 60_000;
const BLOCKING_ALARM = {
  type: 'CLOUDWATCH',
  alarmIdentifier: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:deploying`,
};

function settings(
  overrides: Partial<ArcResourceSettings> = {},
  configuration: Partial<
    NonNullable<ArcResourceSettings['practiceRunConfiguration']>
  > = {},
): Map<string, ArcResourceSettings> {
  return new Map([
    [
      PROD,
      {
        zonalAutoshiftStatus: 'ENABLED',
        practiceRunConfiguration: {
          outcomeAlarms: [OUTCOME_ALARM],
          blockingAlarms: [BLOCKING_ALARM],
          ...configuration,
        },
        ...overrides,
      },
    ],
  ]);
}

describe('practice runs ARC starts on its own', () => {
  function fixture(s = settings()) {
    const f = createArcFixture({ settings: s });
    const practiceRuns = async () =>
      itemsOf(
        await f.call(
          'GET',
          `/zonalshifts?resourceIdentifier=${encoded(PROD)}&status=ACTIVE`,
        ),
      )
        .concat(
          itemsOf(
            await f.call(
              'GET',
              `/zonalshifts?resourceIdentifier=${encoded(PROD)}&status=EXPIRED`,
            ),
          ),
          itemsOf(
            await f.call(
              'GET',
              `/zonalshifts?resourceIdentifier=${encoded(
                PROD,
              )}&status=CANCELED`,
            ),
          ),
        )
        .filter(shift => shift.shiftType === 'PRACTICE_RUN');
    /** Moves the clock to the due time of PROD's next run. */
    const toDue = (offset = 0) => {
      const due = f.arc.practiceRunDueAt(PROD)!;
      f.clock.advance(due - f.clock.now() + offset);
      return due;
    };
    return { ...f, practiceRuns, toDue };
  }

  it('starts one at the resource’s weekly slot, applies it for 30 minutes and ends it SUCCEEDED, then the next about a week later', async () => {
    const f = fixture();
    const start = f.clock.now();
    const due = f.arc.practiceRunDueAt(PROD)!;
    expect(due).toBe(nextSlot(PROD, start));
    expect(due).toBeGreaterThan(start);
    expect(due - start).toBeLessThanOrEqual(WEEK_MS);
    // Deterministic per resource: another resource has its own slot.
    expect(nextSlot(STAGING, start)).not.toBe(due);

    f.toDue(-MINUTE);
    expect(await f.practiceRuns()).toEqual([]);
    f.clock.advance(MINUTE);
    const [running] = await f.practiceRuns();
    expect(running).toMatchObject({
      resourceIdentifier: PROD,
      status: 'ACTIVE',
      shiftType: 'PRACTICE_RUN',
      practiceRunOutcome: 'PENDING',
      startTime: due / 1000,
    });
    expect(f.arc.appliedAwayZone(PROD)).toBe(running.awayFrom);
    expect(f.events.map(e => e['detail-type'])).toContain(
      'Practice Run Started',
    );

    f.clock.advance(30 * MINUTE);
    const [ended] = await f.practiceRuns();
    expect(ended).toMatchObject({
      status: 'EXPIRED',
      practiceRunOutcome: 'SUCCEEDED',
    });
    expect(f.arc.appliedAwayZone(PROD)).toBeUndefined();
    expect(f.events.map(e => e['detail-type'])).toContain(
      'Practice Run Succeeded',
    );
    const next = f.arc.practiceRunDueAt(PROD)!;
    expect(next - due).toBe(WEEK_MS);
  });

  it('ends a running practice run FAILED when an outcome alarm goes into ALARM', async () => {
    const f = fixture();
    f.toDue();
    f.clock.advance(10 * MINUTE);
    f.arc.setAlarmStates({ [OUTCOME_ALARM.alarmIdentifier]: 'ALARM' });
    const [run] = await f.practiceRuns();
    expect(run).toMatchObject({
      status: 'CANCELED',
      practiceRunOutcome: 'FAILED',
    });
    expect(f.arc.appliedAwayZone(PROD)).toBeUndefined();
    expect(f.events.map(e => e['detail-type'])).toContain(
      'Practice Run Failed',
    );
  });

  it('ends a running practice run INTERRUPTED when a blocking alarm goes into ALARM', async () => {
    const f = fixture();
    f.toDue();
    f.arc.setAlarmStates({ [BLOCKING_ALARM.alarmIdentifier]: 'ALARM' });
    const [run] = await f.practiceRuns();
    expect(run).toMatchObject({
      status: 'CANCELED',
      practiceRunOutcome: 'INTERRUPTED',
    });
  });

  it('does not start while an alarm is in ALARM, and starts once it is OK again', async () => {
    const f = fixture();
    f.arc.setAlarmStates({ [OUTCOME_ALARM.alarmIdentifier]: 'ALARM' });
    f.toDue(5 * MINUTE);
    expect(await f.practiceRuns()).toEqual([]);
    f.arc.setAlarmStates({ [OUTCOME_ALARM.alarmIdentifier]: 'OK' });
    f.clock.advance(MINUTE);
    expect(await f.practiceRuns()).toEqual([
      expect.objectContaining({ status: 'ACTIVE' }),
    ]);
  });

  it('does not start on a blocked date, and starts the next day', async () => {
    const probe = fixture();
    const dueDay = new Date(probe.arc.practiceRunDueAt(PROD)!)
      .toISOString()
      .slice(0, 10);
    const f = fixture(settings({}, { blockedDates: [dueDay] }));
    f.toDue();
    expect(await f.practiceRuns()).toEqual([]);
    const midnight = Date.parse(`${dueDay}T00:00:00Z`) + 24 * 3_600_000;
    f.clock.advance(midnight - f.clock.now());
    const [run] = await f.practiceRuns();
    expect(run).toMatchObject({ status: 'ACTIVE', startTime: midnight / 1000 });
  });

  it('does not start while a customer zonal shift is active', async () => {
    const f = fixture();
    expect((await f.startShift({ expiresIn: '72h' })).status).toBe(201);
    f.toDue(60 * MINUTE);
    expect(await f.practiceRuns()).toEqual([]);
  });

  it('starts none with autoshift disabled, or with the schedule switched off', async () => {
    const off = fixture(settings({ zonalAutoshiftStatus: 'DISABLED' }));
    expect(off.arc.practiceRunDueAt(PROD)).toBeUndefined();
    off.clock.advance(WEEK_MS + MINUTE);
    expect(await off.practiceRuns()).toEqual([]);

    const paused = fixture();
    paused.arc.setPracticeRunSchedule(false);
    paused.clock.advance(WEEK_MS + MINUTE);
    expect(await paused.practiceRuns()).toEqual([]);
  });

  it('counts a resource eligible from when autoshift was enabled through the API', async () => {
    const f = fixture(settings({ zonalAutoshiftStatus: 'DISABLED' }));
    f.clock.advance(3 * 24 * 3_600_000);
    const enabled = await f.call('PUT', `/managedresources/${encoded(PROD)}`, {
      zonalAutoshiftStatus: 'ENABLED',
    });
    expect(enabled.status).toBe(200);
    expect(f.arc.practiceRunDueAt(PROD)).toBe(nextSlot(PROD, f.clock.now()));
  });

  it('refuses an on-demand practice run while an outcome or blocking alarm is in ALARM', async () => {
    const f = fixture();
    const start = () =>
      f.call('POST', '/practiceruns', {
        resourceIdentifier: PROD,
        awayFrom: 'use1-az1',
        comment: 'drill',
      });
    f.arc.setAlarmStates({ [OUTCOME_ALARM.alarmIdentifier]: 'ALARM' });
    expect(await start()).toMatchObject({
      status: 409,
      body: { reason: 'PracticeOutcomeAlarmsRed' },
    });
    f.arc.setAlarmStates({
      [OUTCOME_ALARM.alarmIdentifier]: 'OK',
      [BLOCKING_ALARM.alarmIdentifier]: 'ALARM',
    });
    expect(await start()).toMatchObject({
      status: 409,
      body: { reason: 'PracticeBlockingAlarmsRed' },
    });
    f.arc.setAlarmStates({ [BLOCKING_ALARM.alarmIdentifier]: 'OK' });
    expect((await start()).status).toBe(200);
  });

  it('lists the practice runs a fleet file seeds, with their outcomes, newest last', async () => {
    const f = fixture(
      settings({
        practiceRunHistory: [
          { daysAgo: 3, outcome: 'FAILED' },
          { daysAgo: 10, outcome: 'SUCCEEDED' },
          { daysAgo: 17, outcome: 'INTERRUPTED' },
        ],
      }),
    );
    const now = f.clock.now();
    const runs = await f.practiceRuns();
    const day = 24 * 3_600_000;
    expect(
      runs
        .map(run => [run.startTime, run.status, run.practiceRunOutcome])
        .sort((a, b) => Number(a[0]) - Number(b[0])),
    ).toEqual([
      [(now - 17 * day) / 1000, 'CANCELED', 'INTERRUPTED'],
      [(now - 10 * day) / 1000, 'EXPIRED', 'SUCCEEDED'],
      [(now - 3 * day) / 1000, 'CANCELED', 'FAILED'],
    ]);
    expect(f.events).toEqual([]);
    expect(f.arc.appliedAwayZone(PROD)).toBeUndefined();
  });
});
