import {
  OUTCOME_ALARM,
  PROD,
  STAGING,
  startArcTestServer,
  type ArcTestServer,
} from './__testUtils__/arcTestServer';

const START = new Date(Date.UTC(2026, 10, 22, 8, 0, 0));
const minutes = (n: number) => n * 60_000;

describe('ArcZonalShiftClient against the simulator', () => {
  let sim: ArcTestServer;
  beforeEach(async () => {
    sim = await startArcTestServer();
  });
  afterEach(() => sim.close());

  it('starts, lists, gets, updates and cancels a zonal shift', async () => {
    const arc = sim.client();
    const started = await arc.startZonalShift({
      resourceIdentifier: PROD,
      awayFrom: 'use1-az2',
      expiresIn: '2h',
      comment: 'az2 packet loss',
    });
    expect(started).toEqual({
      zonalShiftId: expect.stringMatching(/^[A-Za-z0-9-]{6,36}$/),
      resourceIdentifier: PROD,
      awayFrom: 'use1-az2',
      startTime: START,
      expiryTime: new Date(START.getTime() + minutes(120)),
      status: 'ACTIVE',
      comment: 'az2 packet loss',
    });

    const listed = await arc.listZonalShifts({
      status: 'ACTIVE',
      resourceIdentifier: PROD,
    });
    expect(listed.items).toEqual([{ ...started, shiftType: 'ZONAL_SHIFT' }]);

    const resource = await arc.getManagedResource(PROD);
    expect(resource.appliedWeights).toEqual({
      'use1-az1': 1,
      'use1-az2': 0,
      'use1-az4': 1,
    });
    expect(resource.zonalShifts).toEqual([
      expect.objectContaining({
        zonalShiftId: started.zonalShiftId,
        appliedStatus: 'APPLIED',
        startTime: START,
      }),
    ]);
    expect(sim.fleet.appliedChanges).toEqual([
      { arn: PROD, awayFrom: 'use1-az2' },
    ]);

    sim.clock.advance(minutes(30));
    const updated = await arc.updateZonalShift({
      zonalShiftId: started.zonalShiftId,
      expiresIn: '1h',
      comment: 'extended',
    });
    expect(updated.expiryTime).toEqual(new Date(START.getTime() + minutes(90)));
    expect(updated.comment).toBe('extended');

    const canceled = await arc.cancelZonalShift(started.zonalShiftId);
    expect(canceled.status).toBe('CANCELED');
    expect((await arc.getManagedResource(PROD)).zonalShifts).toEqual([]);
    expect(sim.fleet.appliedChanges.at(-1)).toEqual({
      arn: PROD,
      awayFrom: undefined,
    });
    expect(
      (await arc.listZonalShifts({ status: 'CANCELED' })).items,
    ).toHaveLength(1);
  });

  it('sees a shift expire when the simulated clock passes its expiry', async () => {
    const arc = sim.client();
    const shift = await arc.startZonalShift({
      resourceIdentifier: STAGING,
      awayFrom: 'use1-az1',
      expiresIn: '45m',
      comment: 'short',
    });
    sim.clock.advance(minutes(44));
    expect((await arc.getManagedResource(STAGING)).zonalShifts).toHaveLength(1);
    sim.clock.advance(minutes(1));
    expect((await arc.getManagedResource(STAGING)).appliedWeights).toEqual({
      'use1-az1': 1,
      'use1-az2': 1,
    });
    const [expired] = (
      await arc.listZonalShifts({ resourceIdentifier: STAGING })
    ).items;
    expect(expired).toMatchObject({
      zonalShiftId: shift.zonalShiftId,
      status: 'EXPIRED',
    });
  });

  it('reports appliedStatus by precedence across a practice run, an autoshift and a customer shift', async () => {
    const arc = sim.client();
    await arc.createPracticeRunConfiguration({
      resourceIdentifier: PROD,
      outcomeAlarms: [OUTCOME_ALARM],
    });
    expect(
      await arc.updateZonalAutoshiftConfiguration({
        resourceIdentifier: PROD,
        zonalAutoshiftStatus: 'ENABLED',
      }),
    ).toEqual({ resourceIdentifier: PROD, zonalAutoshiftStatus: 'ENABLED' });

    const practice = await arc.startPracticeRun({
      resourceIdentifier: PROD,
      awayFrom: 'use1-az4',
      comment: 'drill',
    });
    expect((await arc.getManagedResource(PROD)).zonalShifts).toEqual([
      expect.objectContaining({
        zonalShiftId: practice.zonalShiftId,
        appliedStatus: 'APPLIED',
        shiftType: 'PRACTICE_RUN',
        practiceRunOutcome: 'PENDING',
      }),
    ]);

    sim.arc.startAutoshift({ awayFrom: 'use1-az1' });
    const duringAutoshift = await arc.getManagedResource(PROD);
    expect(duringAutoshift.autoshifts).toEqual([
      { appliedStatus: 'APPLIED', awayFrom: 'use1-az1', startTime: START },
    ]);
    expect(duringAutoshift.zonalShifts).toEqual([]);
    expect((await arc.listAutoshifts()).items).toEqual([
      { awayFrom: 'use1-az1', startTime: START, status: 'ACTIVE' },
    ]);

    const manual = await arc.startZonalShift({
      resourceIdentifier: PROD,
      awayFrom: 'use1-az2',
      expiresIn: '1h',
      comment: 'ours wins',
    });
    const withManual = await arc.getManagedResource(PROD);
    expect(
      withManual.zonalShifts.map(s => [s.zonalShiftId, s.appliedStatus]),
    ).toEqual([[manual.zonalShiftId, 'APPLIED']]);
    expect(withManual.autoshifts?.map(a => a.appliedStatus)).toEqual([
      'NOT_APPLIED',
    ]);
    expect(withManual.appliedWeights).toEqual({
      'use1-az1': 1,
      'use1-az2': 0,
      'use1-az4': 1,
    });

    const [practiceRun] = (
      await arc.listZonalShifts({ resourceIdentifier: PROD })
    ).items;
    expect(practiceRun).toMatchObject({
      zonalShiftId: practice.zonalShiftId,
      status: 'CANCELED',
      shiftType: 'PRACTICE_RUN',
      practiceRunOutcome: 'INTERRUPTED',
    });

    sim.arc.endAutoshift('use1-az1');
    const [completed] = (await arc.listAutoshifts({ status: 'COMPLETED' }))
      .items;
    expect(completed).toEqual({
      awayFrom: 'use1-az1',
      startTime: START,
      endTime: START,
      status: 'COMPLETED',
    });
  });

  it('manages the practice run configuration', async () => {
    const arc = sim.client();
    const created = await arc.createPracticeRunConfiguration({
      resourceIdentifier: STAGING,
      outcomeAlarms: [OUTCOME_ALARM],
      blockedDates: ['2026-12-25'],
    });
    expect(created).toEqual({
      arn: STAGING,
      name: 'staging',
      zonalAutoshiftStatus: 'DISABLED',
      practiceRunConfiguration: {
        outcomeAlarms: [OUTCOME_ALARM],
        blockedDates: ['2026-12-25'],
      },
    });
    const updated = await arc.updatePracticeRunConfiguration({
      resourceIdentifier: STAGING,
      allowedWindows: ['Sun:06:00-Sun:12:00'],
    });
    expect(updated.practiceRunConfiguration.allowedWindows).toEqual([
      'Sun:06:00-Sun:12:00',
    ]);
    const practice = await arc.startPracticeRun({
      resourceIdentifier: STAGING,
      awayFrom: 'use1-az1',
      comment: 'x',
    });
    expect(practice.expiryTime).toEqual(new Date(START.getTime() + minutes(1)));
    expect((await arc.cancelPracticeRun(practice.zonalShiftId)).status).toBe(
      'CANCELED',
    );
    expect(await arc.deletePracticeRunConfiguration(STAGING)).toEqual({
      arn: STAGING,
      name: 'staging',
      zonalAutoshiftStatus: 'DISABLED',
    });
    const listed = await arc.listManagedResources();
    expect(listed.items.find(r => r.arn === STAGING)?.practiceRunStatus).toBe(
      'DISABLED',
    );
  });

  it('enables and disables zonal autoshift with ARC’s preconditions, and GetManagedResource reads the configuration back', async () => {
    const arc = sim.client();
    const conflict = (reason: string) =>
      expect.objectContaining({
        name: 'ConflictException',
        statusCode: 409,
        reason,
      });
    // Enabling needs a practice run configuration.
    await expect(
      arc.updateZonalAutoshiftConfiguration({
        resourceIdentifier: STAGING,
        zonalAutoshiftStatus: 'ENABLED',
      }),
    ).rejects.toEqual(conflict('PracticeConfigurationDoesNotExist'));
    await arc.createPracticeRunConfiguration({
      resourceIdentifier: STAGING,
      outcomeAlarms: [OUTCOME_ALARM],
      blockingAlarms: [OUTCOME_ALARM],
      blockedWindows: ['Mon:09:00-Mon:17:00'],
    });
    await expect(
      arc.createPracticeRunConfiguration({
        resourceIdentifier: STAGING,
        outcomeAlarms: [OUTCOME_ALARM],
      }),
    ).rejects.toEqual(conflict('PracticeConfigurationAlreadyExists'));
    expect(
      await arc.updateZonalAutoshiftConfiguration({
        resourceIdentifier: STAGING,
        zonalAutoshiftStatus: 'ENABLED',
      }),
    ).toEqual({ resourceIdentifier: STAGING, zonalAutoshiftStatus: 'ENABLED' });
    const resource = await arc.getManagedResource(STAGING);
    expect(resource).toMatchObject({
      arn: STAGING,
      zonalAutoshiftStatus: 'ENABLED',
      practiceRunConfiguration: {
        outcomeAlarms: [OUTCOME_ALARM],
        blockingAlarms: [OUTCOME_ALARM],
        blockedWindows: ['Mon:09:00-Mon:17:00'],
      },
    });
    // Deleting needs autoshift off first.
    await expect(arc.deletePracticeRunConfiguration(STAGING)).rejects.toEqual(
      conflict('AutoShiftEnabled'),
    );
    await arc.updateZonalAutoshiftConfiguration({
      resourceIdentifier: STAGING,
      zonalAutoshiftStatus: 'DISABLED',
    });
    expect((await arc.deletePracticeRunConfiguration(STAGING)).arn).toBe(
      STAGING,
    );
  });

  it('refuses practice run configurations outside the model’s limits with ValidationException', async () => {
    const arc = sim.client();
    const validation = expect.objectContaining({
      name: 'ValidationException',
      statusCode: 400,
    });
    const tooMany = Array.from({ length: 11 }, () => OUTCOME_ALARM);
    for (const input of [
      { outcomeAlarms: [] },
      { outcomeAlarms: tooMany },
      { outcomeAlarms: [OUTCOME_ALARM], blockingAlarms: tooMany },
      {
        outcomeAlarms: [OUTCOME_ALARM],
        blockedWindows: ['Mon:09:00-Tue:17:00'],
      },
      { outcomeAlarms: [OUTCOME_ALARM], blockedDates: ['2026-02-30'] },
      {
        outcomeAlarms: [OUTCOME_ALARM],
        blockedDates: Array.from(
          { length: 16 },
          (_, i) => `2026-12-${String(i + 1).padStart(2, '0')}`,
        ),
      },
      {
        outcomeAlarms: [OUTCOME_ALARM],
        blockedWindows: ['Mon:09:00-Mon:17:00'],
        allowedWindows: ['Tue:09:00-Tue:17:00'],
      },
    ]) {
      await expect(
        arc.createPracticeRunConfiguration({
          resourceIdentifier: STAGING,
          ...(input as { outcomeAlarms: typeof tooMany }),
        }),
      ).rejects.toEqual(validation);
    }
    expect(
      (await arc.listManagedResources()).items.find(r => r.arn === STAGING)
        ?.practiceRunStatus,
    ).toBe('DISABLED');
  });

  it('pages every list with small maxResults', async () => {
    const arc = sim.client();
    for (let i = 0; i < 5; i++) {
      const shift = await arc.startZonalShift({
        resourceIdentifier: PROD,
        awayFrom: 'use1-az1',
        expiresIn: '1h',
        comment: `shift ${i}`,
      });
      await arc.cancelZonalShift(shift.zonalShiftId);
    }
    const shiftPages = [];
    for await (const page of arc.paginateZonalShifts({ maxResults: 2 }))
      shiftPages.push(page);
    expect(shiftPages.map(p => p.items.map(s => s.comment))).toEqual([
      ['shift 0', 'shift 1'],
      ['shift 2', 'shift 3'],
      ['shift 4'],
    ]);
    expect(shiftPages.map(p => p.nextToken === undefined)).toEqual([
      false,
      false,
      true,
    ]);

    const resourcePages = [];
    for await (const page of arc.paginateManagedResources({ maxResults: 1 }))
      resourcePages.push(page);
    expect(resourcePages.map(p => p.items.map(r => r.arn))).toEqual([
      [PROD],
      [STAGING],
    ]);

    // An account lists the autoshifts that shifted its resources.
    for (const zone of ['use1-az1', 'use1-az2', 'use1-az4']) {
      sim.arc.startAutoshift({ awayFrom: zone, resourceArns: [PROD] });
      sim.arc.endAutoshift(zone);
    }
    const autoshiftPages = [];
    for await (const page of arc.paginateAutoshifts({
      status: 'COMPLETED',
      maxResults: 2,
    }))
      autoshiftPages.push(page);
    expect(autoshiftPages.map(p => p.items.map(a => a.awayFrom))).toEqual([
      ['use1-az1', 'use1-az2'],
      ['use1-az4'],
    ]);
  });

  it('sends the ARN URL-encoded in one path segment and signs for arc-zonal-shift', async () => {
    const credentials = jest.fn(async () => ({
      accessKeyId: 'AKIDEXAMPLE000000001',
      secretAccessKey: 'not-a-real-secret',
    }));
    await sim.client({ credentials }).getManagedResource(PROD);
    expect(credentials).toHaveBeenCalled();
    const [request] = sim.requests;
    expect(request.url.pathname).toBe(
      `/managedresources/${encodeURIComponent(PROD)}`,
    );
    expect(request.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE000000001\/\d{8}\/us-east-1\/arc-zonal-shift\/aws4_request, SignedHeaders=[^,]*host[^,]*, Signature=[0-9a-f]{64}$/,
    );
    expect(request.headers.authorization).not.toContain('not-a-real-secret');
  });
});
