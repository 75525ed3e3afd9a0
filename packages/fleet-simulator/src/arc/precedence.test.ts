import { ArcControlError } from './errors';
import {
  AUTOSHIFT_ON,
  PARTNER,
  PROD,
  STAGING,
  createArcFixture,
  encoded,
  itemsOf,
} from './__testUtils__/arcFixture';

const practiceRun = {
  resourceIdentifier: PROD,
  awayFrom: 'use1-az4',
  comment: 'weekly',
};

describe('precedence: customer shift > autoshift > FIS experiment > practice run', () => {
  it('applies only the winner, and falls back when it ends', async () => {
    const { arc, call, startShift, fleet, events } = createArcFixture({
      settings: AUTOSHIFT_ON,
    });
    await call('POST', '/practiceruns', practiceRun);
    expect(arc.appliedAwayZone(PROD)).toBe('use1-az4');

    // An autoshift interrupts the practice run (AWS cancels it, outcome INTERRUPTED).
    const autoshift = arc.startAutoshift({ awayFrom: 'use1-az2' });
    expect(autoshift.resources).toEqual([PROD]);
    expect(arc.appliedAwayZone(PROD)).toBe('use1-az2');
    expect(itemsOf(await call('GET', '/zonalshifts'))[0]).toMatchObject({
      status: 'CANCELED',
      practiceRunOutcome: 'INTERRUPTED',
    });

    // A customer shift wins over the autoshift, which stays listed as NOT_APPLIED.
    await startShift({ awayFrom: 'use1-az1' });
    const resource = (await call('GET', `/managedresources/${encoded(PROD)}`))
      .body;
    expect(resource.appliedWeights).toEqual({
      'use1-az1': 0,
      'use1-az2': 1,
      'use1-az4': 1,
    });
    expect(resource.zonalShifts).toEqual([
      expect.objectContaining({
        zonalShiftId: 'shift-0002',
        appliedStatus: 'APPLIED',
      }),
    ]);
    expect(resource.autoshifts).toEqual([
      {
        appliedStatus: 'NOT_APPLIED',
        awayFrom: 'use1-az2',
        startTime: expect.any(Number),
      },
    ]);

    await call('DELETE', '/zonalshifts/shift-0002');
    expect(arc.appliedAwayZone(PROD)).toBe('use1-az2');
    arc.endAutoshift('use1-az2');
    expect(arc.appliedAwayZone(PROD)).toBeUndefined();

    expect(fleet.appliedChanges.map(c => c.awayFrom)).toEqual([
      'use1-az4',
      'use1-az2',
      'use1-az1',
      'use1-az2',
      undefined,
    ]);
    expect(events.map(e => e['detail-type'])).toEqual([
      'Practice Run Started',
      'Practice Run Interrupted',
      'Autoshift In Progress',
      'Manual Shift Started',
      'Manual Shift Canceled',
      'Autoshift Completed',
    ]);
  });

  it('refuses a practice run while an autoshift, a shift or another practice run is active', async () => {
    const { arc, call, startShift } = createArcFixture({
      settings: AUTOSHIFT_ON,
    });
    arc.startAutoshift({ awayFrom: 'use1-az2' });
    const duringAutoshift = await call('POST', '/practiceruns', practiceRun);
    expect([duringAutoshift.status, duringAutoshift.body.reason]).toEqual([
      409,
      'ZonalAutoshiftActive',
    ]);
    arc.endAutoshift('use1-az2');

    await startShift();
    const duringShift = await call('POST', '/practiceruns', practiceRun);
    expect(duringShift.body).toMatchObject({
      reason: 'SimultaneousZonalShiftsConflict',
      zonalShiftId: 'shift-0001',
    });
    await call('DELETE', '/zonalshifts/shift-0001');

    await call('POST', '/practiceruns', practiceRun);
    const second = await call('POST', '/practiceruns', practiceRun);
    expect(second.body).toMatchObject({
      reason: 'ZonalShiftAlreadyExists',
      zonalShiftId: 'shift-0002',
    });
  });

  it('lets an FIS experiment interrupt a practice run and yield to a customer shift', async () => {
    const { arc, call, startShift, events } = createArcFixture({
      settings: AUTOSHIFT_ON,
    });
    await call('POST', '/practiceruns', practiceRun);
    const fis = arc.startFisExperiment({
      resourceArn: PROD,
      awayFrom: 'use1-az2',
      durationMs: 3_600_000,
    });
    expect(fis).toMatchObject({
      shiftType: 'FIS_EXPERIMENT',
      status: 'ACTIVE',
      awayFrom: 'use1-az2',
    });
    expect(arc.appliedAwayZone(PROD)).toBe('use1-az2');

    const update = await call('PATCH', `/zonalshifts/${fis.zonalShiftId}`, {
      comment: 'mine',
    });
    expect(update.body.reason).toBe('FISExperimentUpdateNotAllowed');
    expect(() =>
      arc.startFisExperiment({
        resourceArn: PROD,
        awayFrom: 'use1-az1',
        durationMs: 60_000,
      }),
    ).toThrow(ArcControlError);

    await startShift({ awayFrom: 'use1-az1' });
    expect(arc.appliedAwayZone(PROD)).toBe('use1-az1');
    const shifts = itemsOf(await call('GET', '/zonalshifts'));
    expect(shifts.map(s => [s.shiftType, s.status])).toEqual([
      ['PRACTICE_RUN', 'CANCELED'],
      ['FIS_EXPERIMENT', 'CANCELED'],
      ['ZONAL_SHIFT', 'ACTIVE'],
    ]);
    expect(events.map(e => e['detail-type'])).toContain(
      'FIS Experiment Autoshift Canceled',
    );
  });

  it('completes an FIS experiment at the end of its duration', () => {
    const { arc, clock, events } = createArcFixture();
    arc.startFisExperiment({
      resourceArn: PARTNER,
      awayFrom: 'use1-az1',
      durationMs: 600_000,
    });
    clock.advance(600_000);
    expect(arc.appliedAwayZone(PARTNER)).toBeUndefined();
    expect(events.map(e => [e['detail-type'], e.account])).toEqual([
      ['FIS Experiment Autoshift In Progress', '444455556666'],
      ['FIS Experiment Autoshift Completed', '444455556666'],
    ]);
  });
});

describe('autoshifts', () => {
  it('shifts only resources with autoshift enabled and lists ACTIVE by default', async () => {
    const { arc, call } = createArcFixture({ settings: AUTOSHIFT_ON });
    arc.startAutoshift({ awayFrom: 'use1-az1' });
    expect(arc.appliedAwayZone(PROD)).toBe('use1-az1');
    expect(arc.appliedAwayZone(STAGING)).toBeUndefined();
    expect(itemsOf(await call('GET', '/autoshifts'))).toEqual([
      { awayFrom: 'use1-az1', startTime: expect.any(Number), status: 'ACTIVE' },
    ]);
    arc.endAutoshift('use1-az1');
    expect(itemsOf(await call('GET', '/autoshifts'))).toEqual([]);
    expect(itemsOf(await call('GET', '/autoshifts?status=COMPLETED'))).toEqual([
      expect.objectContaining({
        status: 'COMPLETED',
        endTime: expect.any(Number),
      }),
    ]);
  });

  it('emits one event per account for the resources it names', () => {
    const { arc, events } = createArcFixture();
    arc.startAutoshift({ awayFrom: 'use1-az1', resourceArns: [PROD, PARTNER] });
    expect(events.map(e => [e.account, e.resources])).toEqual([
      ['111122223333', [PROD]],
      ['444455556666', [PARTNER]],
    ]);
  });

  it('ends the autoshift for a resource whose autoshift is disabled', async () => {
    const { arc, call, events } = createArcFixture({ settings: AUTOSHIFT_ON });
    arc.startAutoshift({ awayFrom: 'use1-az1' });
    await call('PUT', `/managedresources/${encoded(PROD)}`, {
      zonalAutoshiftStatus: 'DISABLED',
    });
    expect(arc.appliedAwayZone(PROD)).toBeUndefined();
    expect(events.at(-1)).toMatchObject({
      'detail-type': 'Autoshift Completed',
      resources: [PROD],
    });
    expect(itemsOf(await call('GET', '/autoshifts'))).toHaveLength(1);
  });

  it('refuses control calls that AWS could not make', () => {
    const { arc } = createArcFixture({ settings: AUTOSHIFT_ON });
    const codeOf = (action: () => unknown) => {
      try {
        action();
      } catch (error) {
        return (error as ArcControlError).code;
      }
      return 'no error';
    };
    expect(codeOf(() => arc.endAutoshift('use1-az1'))).toBe('NotFound');
    expect(codeOf(() => arc.startAutoshift({ awayFrom: 'us-east-1a' }))).toBe(
      'Invalid',
    );
    expect(codeOf(() => arc.startAutoshift({ awayFrom: 'use1-az9' }))).toBe(
      'NotFound',
    );
    expect(
      codeOf(() =>
        arc.startAutoshift({ awayFrom: 'use1-az4', resourceArns: [STAGING] }),
      ),
    ).toBe('Invalid');
    arc.startAutoshift({ awayFrom: 'use1-az1' });
    expect(codeOf(() => arc.startAutoshift({ awayFrom: 'use1-az1' }))).toBe(
      'Conflict',
    );
    expect(codeOf(() => arc.endFisExperiment('shift-9999'))).toBe('NotFound');
    expect(
      codeOf(() =>
        arc.startFisExperiment({
          resourceArn: STAGING,
          awayFrom: 'use1-az1',
          durationMs: 0,
        }),
      ),
    ).toBe('Invalid');
  });
});
