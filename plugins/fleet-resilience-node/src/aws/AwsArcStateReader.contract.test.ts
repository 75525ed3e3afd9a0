/**
 * AwsArcStateReader against the simulated fleet over HTTP: shifts started
 * and cancelled through the project's real ARC client, read back through it.
 */
import type { RunningSimulator } from '@fleet-resilience/fleet-simulator';
import {
  clusterArn,
  PROD,
  simulatorConfig,
  startDemoSimulator,
} from '../__testUtils__/simulator';
import { AwsArcStateReader } from './AwsArcStateReader';
import { AwsAccountCredentials } from './credentials';
import { AwsClientFactory } from './AwsClientFactory';

const USE1 = { accountId: PROD, region: 'us-east-1' };
const PAYMENTS = clusterArn(PROD, 'us-east-1', 'payments-prod-use1');
const TOOLS = clusterArn(PROD, 'us-east-1', 'platform-tools-use1');
const INDEXER = clusterArn(PROD, 'us-east-1', 'search-indexer-use1');
const MINUTE = 60_000;

function factoryFor(sim: RunningSimulator, maxAttempts = 5) {
  const config = simulatorConfig(sim.url);
  return new AwsClientFactory({
    credentials: AwsAccountCredentials.fromConfig(config),
    endpoints: { arc: sim.url },
    maxAttempts,
    arcRetryDelay: { baseMs: 5, maxMs: 20 },
  });
}

describe('AwsArcStateReader against the simulator', () => {
  let sim: RunningSimulator;
  let factory: AwsClientFactory;
  let reader: AwsArcStateReader;

  beforeEach(async () => {
    sim = await startDemoSimulator();
    factory = factoryFor(sim);
    reader = new AwsArcStateReader({ clients: factory });
  });
  afterEach(() => sim.stop());

  it('lists the region’s zonal-shift-enabled clusters with their autoshift and practice run settings', async () => {
    const state = await reader.readRegion(USE1);
    expect(state.accountId).toBe(PROD);
    expect(state.region).toBe('us-east-1');
    // platform-tools-use1 has zonal shift disabled: ARC does not manage it.
    expect(state.managedResources.map(r => r.arn).sort()).toEqual(
      [PAYMENTS, INDEXER].sort(),
    );
    const payments = state.managedResources.find(r => r.arn === PAYMENTS)!;
    expect(payments).toEqual({
      arn: PAYMENTS,
      availabilityZones: expect.arrayContaining([
        'use1-az1',
        'use1-az2',
        'use1-az4',
      ]),
      appliedWeights: { 'use1-az1': 1, 'use1-az2': 1, 'use1-az4': 1 },
      zonalAutoshiftStatus: 'ENABLED',
      practiceRunStatus: 'ENABLED',
      // Read with GetManagedResource: ListManagedResources has no configuration.
      practiceRunConfiguration: {
        outcomeAlarms: [
          {
            type: 'CLOUDWATCH',
            alarmIdentifier:
              'arn:aws:cloudwatch:us-east-1:111122223333:alarm:payments-prod-use1-5xx',
          },
        ],
        blockingAlarms: [
          {
            type: 'CLOUDWATCH',
            alarmIdentifier:
              'arn:aws:cloudwatch:us-east-1:111122223333:alarm:payments-prod-use1-deploying',
          },
        ],
      },
    });
    expect(
      state.managedResources.find(r => r.arn === INDEXER)!
        .practiceRunConfiguration,
    ).toBeUndefined();
    expect(state.zonalShifts).toEqual([]);
    expect(state.autoshifts).toEqual([]);
    expect(state.managedResources.some(r => r.arn === TOOLS)).toBe(false);
  });

  it('reads the practice runs ARC ran with their outcomes, and a configuration without autoshift', async () => {
    const usw2 = await reader.readRegion({
      accountId: PROD,
      region: 'us-west-2',
    });
    const dataPlatform = clusterArn(PROD, 'us-west-2', 'data-platform-usw2');
    const runs = usw2.zonalShifts
      .filter(s => s.resourceIdentifier === dataPlatform)
      .sort((a, b) => a.startTime.localeCompare(b.startTime));
    expect(
      runs.map(r => [r.shiftType, r.status, r.practiceRunOutcome]),
    ).toEqual([
      ['PRACTICE_RUN', 'EXPIRED', 'SUCCEEDED'],
      ['PRACTICE_RUN', 'CANCELED', 'FAILED'],
    ]);
    expect(Date.parse(runs[1].startTime)).toBe(
      sim.clock.now() - 2 * 24 * 60 * MINUTE,
    );

    const euw1 = await reader.readRegion({
      accountId: '444455556666',
      region: 'eu-west-1',
    });
    const dr = euw1.managedResources.find(
      r =>
        r.arn === clusterArn('444455556666', 'eu-west-1', 'payments-dr-euw1'),
    )!;
    expect(dr).toMatchObject({
      zonalAutoshiftStatus: 'DISABLED',
      practiceRunStatus: 'ENABLED',
      practiceRunConfiguration: {
        outcomeAlarms: [
          expect.objectContaining({
            alarmIdentifier: expect.stringContaining('payments-dr-euw1-5xx'),
          }),
        ],
      },
    });
  });

  it('reads a practice run the outcome alarm failed while the reader watched', async () => {
    const due = sim.arc.practiceRunDueAt(PAYMENTS)!;
    sim.advance(due - sim.clock.now());
    const running = await reader.readRegion(USE1);
    expect(
      running.zonalShifts.map(s => [s.shiftType, s.practiceRunOutcome]),
    ).toEqual([['PRACTICE_RUN', 'PENDING']]);
    expect(
      running.managedResources.find(r => r.arn === PAYMENTS)!.appliedAwayFrom,
    ).toBe(running.zonalShifts[0].awayFrom);
    sim.arc.setAlarmStates({
      'arn:aws:cloudwatch:us-east-1:111122223333:alarm:payments-prod-use1-5xx':
        'ALARM',
    });
    const failed = await reader.readRegion(USE1);
    expect(
      failed.zonalShifts.map(s => [s.status, s.practiceRunOutcome]),
    ).toEqual([['CANCELED', 'FAILED']]);
  });

  it('shows a shift started through the ARC client as applied, then as cancelled', async () => {
    const arc = await factory.arc(USE1);
    const started = await arc.startZonalShift({
      resourceIdentifier: PAYMENTS,
      awayFrom: 'use1-az2',
      expiresIn: '2h',
      comment: 'AZ impairment drill',
    });

    const during = await reader.readRegion(USE1);
    const payments = during.managedResources.find(r => r.arn === PAYMENTS)!;
    expect(payments.appliedAwayFrom).toBe('use1-az2');
    expect(payments.appliedWeights['use1-az2']).toBe(0);
    expect(
      during.managedResources.find(r => r.arn === INDEXER)!.appliedAwayFrom,
    ).toBeUndefined();
    expect(during.zonalShifts).toEqual([
      {
        zonalShiftId: started.zonalShiftId,
        resourceIdentifier: PAYMENTS,
        awayFrom: 'use1-az2',
        status: 'ACTIVE',
        shiftType: 'ZONAL_SHIFT',
        startTime: started.startTime.toISOString(),
        expiryTime: new Date(
          started.startTime.getTime() + 120 * MINUTE,
        ).toISOString(),
        comment: 'AZ impairment drill',
      },
    ]);

    await arc.cancelZonalShift(started.zonalShiftId);
    const after = await reader.readRegion(USE1);
    expect(
      after.managedResources.find(r => r.arn === PAYMENTS)!.appliedAwayFrom,
    ).toBeUndefined();
    expect(after.zonalShifts.map(s => [s.zonalShiftId, s.status])).toEqual([
      [started.zonalShiftId, 'CANCELED'],
    ]);
  });

  it('lists shifts of every status and autoshifts active and completed', async () => {
    const arc = await factory.arc(USE1);
    const expiring = await arc.startZonalShift({
      resourceIdentifier: INDEXER,
      awayFrom: 'use1-az1',
      expiresIn: '5m',
      comment: 'short',
    });
    sim.advance(10 * MINUTE);
    const active = await arc.startZonalShift({
      resourceIdentifier: PAYMENTS,
      awayFrom: 'use1-az4',
      expiresIn: '1h',
      comment: 'long',
    });
    const control = (path: string, body: unknown) =>
      fetch(`${sim.url}/_sim/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then(async response => {
        expect(response.status).toBeLessThan(300);
        return response.json();
      });
    await control('autoshifts/start', { awayFrom: 'use1-az2' });
    await control('autoshifts/end', { awayFrom: 'use1-az2' });
    await control('autoshifts/start', { awayFrom: 'use1-az1' });

    const state = await reader.readRegion(USE1);
    expect(
      Object.fromEntries(
        state.zonalShifts.map(s => [s.zonalShiftId, s.status]),
      ),
    ).toMatchObject({
      [expiring.zonalShiftId]: 'EXPIRED',
      [active.zonalShiftId]: 'ACTIVE',
    });
    expect(state.autoshifts.map(a => [a.awayFrom, a.status]).sort()).toEqual([
      ['use1-az1', 'ACTIVE'],
      ['use1-az2', 'COMPLETED'],
    ]);
    const completed = state.autoshifts.find(a => a.status === 'COMPLETED')!;
    expect(completed.endTime).toBeDefined();
    // A customer shift beats an autoshift: payments stays away from use1-az4.
    expect(
      state.managedResources.find(r => r.arn === PAYMENTS)!.appliedAwayFrom,
    ).toBe('use1-az4');
  });

  it('retries injected throttling and 5xx and loses nothing', async () => {
    const arc = await factory.arc(USE1);
    await arc.startZonalShift({
      resourceIdentifier: PAYMENTS,
      awayFrom: 'use1-az1',
      expiresIn: '1h',
      comment: 'x',
    });
    const clean = await reader.readRegion(USE1);
    const faults = {
      seed: 9,
      services: { 'arc-zonal-shift': { throttleRate: 0.25, errorRate: 0.25 } },
    };
    sim.setFaults(faults);
    await expect(
      new AwsArcStateReader({ clients: factoryFor(sim, 1) }).readRegion(USE1),
    ).rejects.toThrow(/ThrottlingException|InternalServerException/);
    sim.setFaults(faults);
    expect(
      await new AwsArcStateReader({ clients: factoryFor(sim, 8) }).readRegion(
        USE1,
      ),
    ).toEqual(clean);
  });

  it('rejects with the account and region when ARC cannot be read there', async () => {
    sim.setFaults({
      seed: 1,
      services: { 'arc-zonal-shift': { errorRate: 1 } },
    });
    await expect(
      new AwsArcStateReader({ clients: factoryFor(sim, 2) }).readRegion(USE1),
    ).rejects.toThrow(
      /ARC zonal shift state could not be read in 111122223333\/us-east-1; caused by InternalServerException/,
    );
  });
});
