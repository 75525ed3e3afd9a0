import { createManualClock, type SimClock } from '../clock';
import {
  AUTOSHIFT_ON,
  LEGACY,
  OREGON,
  OUTCOME_ALARM,
  PROD,
  STAGING,
  createArcFixture,
  encoded,
  itemsOf,
} from './__testUtils__/arcFixture';

const START = Date.UTC(2026, 10, 22, 8, 0, 0);
const seconds = (ms: number) => ms / 1000;

describe('ARC zonal shift API', () => {
  it('starts a zonal shift with 201, epoch-second times and a Manual Shift Started event', async () => {
    const { startShift, events, fleet } = createArcFixture();
    const response = await startShift({ expiresIn: '90m' });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      zonalShiftId: 'shift-0001',
      resourceIdentifier: PROD,
      awayFrom: 'use1-az1',
      startTime: seconds(START),
      expiryTime: seconds(START + 90 * 60_000),
      status: 'ACTIVE',
      comment: 'bad deploy in az1',
    });
    expect(events).toEqual([
      {
        'detail-type': 'Manual Shift Started',
        source: 'aws.arc-zonal-shift',
        account: '111122223333',
        region: 'us-east-1',
        time: new Date(START).toISOString(),
        resources: [PROD],
        detail: {
          version: expect.any(String),
          metadata: { awayFrom: 'use1-az1', notes: 'bad deploy in az1' },
        },
      },
    ]);
    expect(fleet.appliedChanges).toEqual([{ arn: PROD, awayFrom: 'use1-az1' }]);
  });

  it('shows the applied shift and weights in GetManagedResource (URL-encoded ARN)', async () => {
    const { startShift, call } = createArcFixture();
    await startShift({ awayFrom: 'use1-az2' });
    const response = await call('GET', `/managedresources/${encoded(PROD)}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      arn: PROD,
      name: 'prod',
      appliedWeights: { 'use1-az1': 1, 'use1-az2': 0, 'use1-az4': 1 },
      zonalShifts: [
        expect.objectContaining({
          appliedStatus: 'APPLIED',
          zonalShiftId: 'shift-0001',
          awayFrom: 'use1-az2',
          shiftType: 'ZONAL_SHIFT',
        }),
      ],
      autoshifts: [],
      zonalAutoshiftStatus: 'DISABLED',
    });
  });

  it('updates the comment and expiry from now, and cancels, keeping the history', async () => {
    const { startShift, call, clock, events } = createArcFixture();
    await startShift();
    clock.advance(10 * 60_000);
    const updated = await call('PATCH', '/zonalshifts/shift-0001', {
      expiresIn: '3h',
      comment: 'longer',
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      comment: 'longer',
      expiryTime: seconds(START + 10 * 60_000 + 3 * 3_600_000),
    });
    const canceled = await call('DELETE', '/zonalshifts/shift-0001');
    expect(canceled.body).toMatchObject({ status: 'CANCELED' });
    expect(events.map(e => e['detail-type'])).toEqual([
      'Manual Shift Started',
      'Manual Shift Updated',
      'Manual Shift Canceled',
    ]);
    const listed = await call('GET', '/zonalshifts');
    expect(itemsOf(listed)).toEqual([
      expect.objectContaining({
        zonalShiftId: 'shift-0001',
        status: 'CANCELED',
        shiftType: 'ZONAL_SHIFT',
      }),
    ]);
    const again = await call('DELETE', '/zonalshifts/shift-0001');
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      reason: 'ZonalShiftStatusNotActive',
      zonalShiftId: 'shift-0001',
    });
  });

  it('counts an updated expiresIn from the update, so a shorter one shortens the shift', async () => {
    const { startShift, call, clock } = createArcFixture();
    await startShift({ expiresIn: '2h' });
    clock.advance(30 * 60_000);
    const updated = await call('PATCH', '/zonalshifts/shift-0001', {
      expiresIn: '1h',
    });
    expect(updated.status).toBe(200);
    // Not START + 2h + 1h (an extension), nor START + 1h (from the start).
    expect(updated.body.expiryTime).toBe(seconds(START + 90 * 60_000));
  });

  it('expires a shift when the clock passes its expiry, with no event', async () => {
    const { startShift, call, clock, events, fleet } = createArcFixture();
    await startShift({ expiresIn: '30m' });
    clock.advance(30 * 60_000);
    expect(fleet.appliedChanges.at(-1)).toEqual({
      arn: PROD,
      awayFrom: undefined,
    });
    expect(events.map(e => e['detail-type'])).toEqual(['Manual Shift Started']);
    const expired = await call('GET', '/zonalshifts?status=EXPIRED');
    expect(itemsOf(expired)).toEqual([
      expect.objectContaining({ status: 'EXPIRED' }),
    ]);
    const update = await call('PATCH', '/zonalshifts/shift-0001', {
      comment: 'too late',
    });
    expect(update.status).toBe(409);
    expect(update.body.reason).toBe('ZonalShiftStatusNotActive');
  });

  it('expires lazily on read even when no listener saw the time move', async () => {
    let now = START;
    const silentClock: SimClock = {
      now: () => now,
      advance: () => undefined,
      onAdvance: () => () => undefined,
    };
    const { startShift, call, arc } = createArcFixture({ clock: silentClock });
    await startShift({ expiresIn: '1h' });
    now += 3_600_000;
    const resource = await call('GET', `/managedresources/${encoded(PROD)}`);
    expect(resource.body.zonalShifts).toEqual([]);
    expect(resource.body.appliedWeights).toEqual({
      'use1-az1': 1,
      'use1-az2': 1,
      'use1-az4': 1,
    });
    expect(arc.appliedAwayZone(PROD)).toBeUndefined();
  });

  it('refuses a second customer shift on one resource with the first one named', async () => {
    const { startShift } = createArcFixture();
    await startShift();
    const second = await startShift({ awayFrom: 'use1-az2' });
    expect(second.status).toBe(409);
    expect(second.headers['x-amzn-errortype']).toBe('ConflictException');
    expect(second.body).toEqual({
      message: expect.any(String),
      reason: 'ZonalShiftAlreadyExists',
      zonalShiftId: 'shift-0001',
    });
  });

  it('does not know clusters without zonal shift enabled, nor resources of another region', async () => {
    const { startShift, call } = createArcFixture();
    expect((await startShift({ resourceIdentifier: LEGACY })).status).toBe(404);
    expect(
      (await call('GET', `/managedresources/${encoded(LEGACY)}`)).body,
    ).toEqual({
      message: expect.stringContaining(LEGACY),
    });
    expect(
      (await call('GET', `/managedresources/${encoded(OREGON)}`)).status,
    ).toBe(404);
    const listed = await call('GET', '/managedresources');
    expect(itemsOf(listed).map(r => r.arn)).toEqual([PROD, STAGING]);
    const west = await call('GET', '/managedresources', undefined, 'us-west-2');
    expect(itemsOf(west).map(r => r.arn)).toEqual([OREGON]);
  });

  it('lists managed resources with zones, weights and practice run status', async () => {
    const { call } = createArcFixture({ settings: AUTOSHIFT_ON });
    const listed = await call('GET', '/managedresources');
    expect(itemsOf(listed)[0]).toEqual({
      arn: PROD,
      name: 'prod',
      availabilityZones: ['use1-az1', 'use1-az2', 'use1-az4'],
      appliedWeights: { 'use1-az1': 1, 'use1-az2': 1, 'use1-az4': 1 },
      zonalShifts: [],
      autoshifts: [],
      zonalAutoshiftStatus: 'ENABLED',
      practiceRunStatus: 'ENABLED',
    });
    expect(itemsOf(listed)[1]).toMatchObject({
      zonalAutoshiftStatus: 'DISABLED',
      practiceRunStatus: 'DISABLED',
    });
  });

  it('pages zonal shifts with a token that survives new shifts', async () => {
    const { startShift, call } = createArcFixture();
    await startShift();
    await startShift({ resourceIdentifier: STAGING });
    await call('DELETE', '/zonalshifts/shift-0001');
    await startShift();
    const first = await call('GET', '/zonalshifts?maxResults=2');
    expect(itemsOf(first).map(s => s.zonalShiftId)).toEqual([
      'shift-0001',
      'shift-0002',
    ]);
    await call('DELETE', '/zonalshifts/shift-0003');
    await startShift();
    const token = encodeURIComponent(String(first.body.nextToken));
    const second = await call(
      'GET',
      `/zonalshifts?maxResults=2&nextToken=${token}`,
    );
    expect(itemsOf(second).map(s => s.zonalShiftId)).toEqual([
      'shift-0003',
      'shift-0004',
    ]);
    expect(second.body.nextToken).toBeUndefined();
    const filtered = await call(
      'GET',
      `/zonalshifts?status=ACTIVE&resourceIdentifier=${encoded(PROD)}`,
    );
    expect(itemsOf(filtered).map(s => s.zonalShiftId)).toEqual(['shift-0004']);
  });

  it('refuses a token from another operation or a forged one', async () => {
    const { call } = createArcFixture();
    for (let i = 0; i < 3; i++)
      await call('POST', '/zonalshifts', {
        resourceIdentifier: i % 2 ? STAGING : PROD,
        awayFrom: 'use1-az1',
        expiresIn: '1h',
        comment: `${i}`,
      });
    const resources = await call('GET', '/managedresources?maxResults=1');
    const token = encodeURIComponent(String(resources.body.nextToken));
    const misused = await call('GET', `/zonalshifts?nextToken=${token}`);
    expect(misused.status).toBe(400);
    expect(misused.body.reason).toBe('InvalidToken');
    const forged = await call('GET', '/managedresources?nextToken=not-a-token');
    expect(forged.body.reason).toBe('InvalidToken');
  });

  it('answers UnknownOperationException for an unencoded ARN or a path ARC does not have', async () => {
    const { call } = createArcFixture();
    const unencoded = await call('GET', `/managedresources/${PROD}`);
    expect(unencoded.status).toBe(404);
    expect(unencoded.headers['x-amzn-errortype']).toBe(
      'UnknownOperationException',
    );
    expect((await call('GET', '/zonalshifts/shift-0001')).status).toBe(404);
  });
});

describe('practice runs and their configuration', () => {
  const config = { resourceIdentifier: PROD, outcomeAlarms: [OUTCOME_ALARM] };

  it('requires a practice run configuration to enable autoshift, and autoshift off to delete it', async () => {
    const { call } = createArcFixture();
    const enable = () =>
      call('PUT', `/managedresources/${encoded(PROD)}`, {
        zonalAutoshiftStatus: 'ENABLED',
      });
    expect((await enable()).body).toMatchObject({
      reason: 'PracticeConfigurationDoesNotExist',
    });
    const created = await call('POST', '/configuration', config);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      arn: PROD,
      name: 'prod',
      zonalAutoshiftStatus: 'DISABLED',
      practiceRunConfiguration: { outcomeAlarms: [OUTCOME_ALARM] },
    });
    expect((await call('POST', '/configuration', config)).body).toMatchObject({
      reason: 'PracticeConfigurationAlreadyExists',
    });
    expect((await enable()).body).toEqual({
      resourceIdentifier: PROD,
      zonalAutoshiftStatus: 'ENABLED',
    });
    const refused = await call('DELETE', `/configuration/${encoded(PROD)}`);
    expect(refused.status).toBe(409);
    expect(refused.body.reason).toBe('AutoShiftEnabled');
    await call('PUT', `/managedresources/${encoded(PROD)}`, {
      zonalAutoshiftStatus: 'DISABLED',
    });
    const deleted = await call('DELETE', `/configuration/${encoded(PROD)}`);
    expect(deleted.body).toEqual({
      arn: PROD,
      name: 'prod',
      zonalAutoshiftStatus: 'DISABLED',
    });
    expect(
      (await call('GET', `/managedresources/${encoded(PROD)}`)).body
        .practiceRunConfiguration,
    ).toBeUndefined();
  });

  it('updates only the members given', async () => {
    const { call } = createArcFixture();
    await call('POST', '/configuration', {
      ...config,
      blockedDates: ['2026-12-24'],
    });
    const updated = await call('PATCH', `/configuration/${encoded(PROD)}`, {
      blockedWindows: ['Sat:00:00-Sat:23:59'],
    });
    expect(updated.body.practiceRunConfiguration).toEqual({
      outcomeAlarms: [OUTCOME_ALARM],
      blockedDates: ['2026-12-24'],
      blockedWindows: ['Sat:00:00-Sat:23:59'],
    });
    const missing = await call('PATCH', `/configuration/${encoded(STAGING)}`, {
      blockedDates: [],
    });
    expect(missing.body.reason).toBe('PracticeConfigurationDoesNotExist');
  });

  it('runs a practice run for 30 minutes, reporting expiry one minute ahead, then SUCCEEDED', async () => {
    const { call, clock, events } = createArcFixture({
      settings: AUTOSHIFT_ON,
    });
    const started = await call('POST', '/practiceruns', {
      resourceIdentifier: PROD,
      awayFrom: 'use1-az4',
      comment: 'weekly',
    });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({
      status: 'ACTIVE',
      expiryTime: seconds(START + 60_000),
    });
    clock.advance(10 * 60_000);
    const running = itemsOf(await call('GET', '/zonalshifts'))[0];
    expect(running).toMatchObject({
      shiftType: 'PRACTICE_RUN',
      practiceRunOutcome: 'PENDING',
      expiryTime: seconds(START + 11 * 60_000),
    });
    clock.advance(20 * 60_000);
    const done = itemsOf(await call('GET', '/zonalshifts'))[0];
    expect(done).toMatchObject({
      status: 'EXPIRED',
      practiceRunOutcome: 'SUCCEEDED',
      expiryTime: seconds(START + 30 * 60_000),
    });
    expect(events.map(e => e['detail-type'])).toEqual([
      'Practice Run Started',
      'Practice Run Succeeded',
    ]);
  });

  it('interrupts a canceled practice run and refuses CancelPracticeRun for other shift types', async () => {
    const { call, startShift, events } = createArcFixture({
      settings: AUTOSHIFT_ON,
    });
    await call('POST', '/practiceruns', {
      resourceIdentifier: PROD,
      awayFrom: 'use1-az4',
      comment: 'weekly',
    });
    const canceled = await call('DELETE', '/practiceruns/shift-0001');
    expect(canceled.body).toMatchObject({ status: 'CANCELED' });
    expect(
      itemsOf(await call('GET', '/zonalshifts'))[0].practiceRunOutcome,
    ).toBe('INTERRUPTED');
    expect(events.at(-1)?.['detail-type']).toBe('Practice Run Interrupted');
    await startShift();
    const wrongType = await call('DELETE', '/practiceruns/shift-0002');
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.reason).toBe('UnsupportedPracticeCancelShiftType');
    const update = await call('PATCH', '/zonalshifts/shift-0001', {
      comment: 'x',
    });
    expect(update.body.reason).toBe('AutoshiftUpdateNotAllowed');
  });

  it('refuses a practice run in a blocked window or date, or outside the allowed windows', async () => {
    // START is Sunday 2026-11-22 08:00 UTC.
    const cases = [
      [{ blockedDates: ['2026-11-22'] }, 'PracticeInBlockedDates'],
      [{ blockedWindows: ['Sun:07:00-Sun:09:00'] }, 'PracticeInBlockedWindows'],
      [
        { allowedWindows: ['Mon:07:00-Mon:09:00'] },
        'PracticeOutsideAllowedWindows',
      ],
    ] as const;
    for (const [blockers, reason] of cases) {
      const { call } = createArcFixture({ clock: createManualClock(START) });
      await call('POST', '/configuration', { ...config, ...blockers });
      const refused = await call('POST', '/practiceruns', {
        resourceIdentifier: PROD,
        awayFrom: 'use1-az1',
        comment: 'weekly',
      });
      expect([refused.status, refused.body.reason]).toEqual([409, reason]);
    }
  });
});
