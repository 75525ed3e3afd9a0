import type { ArcRegionState } from '@fleet-resilience/plugin-fleet-resilience-node';
import {
  ARN,
  resource,
  shift,
  ZONES,
} from '../domain/__testUtils__/arcFixtures';
import { storablePracticeRunConfiguration } from './practiceRunFacts';
import { reduceArcState } from './reduceArcState';

const ALARM = 'arn:aws:cloudwatch:us-east-1:111122223333:alarm:checkout-5xx';
const outcome = { type: 'CLOUDWATCH', alarmIdentifier: ALARM };

describe('ARC’s practice-run facts as stored', () => {
  it.each([
    ['none', undefined, { dropped: false }],
    [
      'a full configuration, kept as it is',
      {
        outcomeAlarms: [outcome],
        blockingAlarms: [outcome],
        blockedWindows: ['Mon:09:00-Mon:17:00'],
        blockedDates: ['2026-12-24'],
        allowedWindows: ['Tue:09:00-Tue:17:00'],
      },
      {
        configuration: {
          outcomeAlarms: [outcome],
          blockingAlarms: [outcome],
          blockedWindows: ['Mon:09:00-Mon:17:00'],
          blockedDates: ['2026-12-24'],
          allowedWindows: ['Tue:09:00-Tue:17:00'],
        },
        dropped: false,
      },
    ],
    [
      'an alarm of another type and an empty window left out',
      {
        outcomeAlarms: [outcome, { type: 'SNS', alarmIdentifier: ALARM }],
        blockedWindows: ['', 'Mon:09:00-Mon:17:00'],
      },
      {
        configuration: {
          outcomeAlarms: [outcome],
          blockedWindows: ['Mon:09:00-Mon:17:00'],
        },
        dropped: true,
      },
    ],
    [
      'no outcome alarms',
      { blockedDates: ['2026-12-24'] },
      {
        configuration: { outcomeAlarms: [], blockedDates: ['2026-12-24'] },
        dropped: true,
      },
    ],
    ['not an object', 'ENABLED', { dropped: true }],
  ])('%s', (_name, value, expected) => {
    expect(storablePracticeRunConfiguration(value)).toEqual(expected);
  });

  it('keeps the configuration and known outcomes through the ARC reduction, and says what it left out', () => {
    const state: ArcRegionState = {
      accountId: '111122223333',
      region: 'us-east-1',
      managedResources: [
        {
          ...resource,
          practiceRunStatus: 'ENABLED',
          practiceRunConfiguration: {
            outcomeAlarms: [
              { type: 'CLOUDWATCH', alarmIdentifier: ALARM },
              { type: 'CLOUDWATCH', alarmIdentifier: '' },
            ],
          },
        },
      ],
      zonalShifts: [
        shift({
          zonalShiftId: 'practice-ok',
          shiftType: 'PRACTICE_RUN',
          status: 'EXPIRED',
          practiceRunOutcome: 'SUCCEEDED',
        }),
        shift({
          zonalShiftId: 'practice-odd',
          shiftType: 'PRACTICE_RUN',
          status: 'EXPIRED',
          practiceRunOutcome: 'MAYBE' as never,
        }),
      ],
      autoshifts: [],
    };
    const record = reduceArcState(state, [{ arn: ARN, zones: ZONES }], []);
    expect(record.resources[0].practiceRunConfiguration).toEqual({
      outcomeAlarms: [outcome],
    });
    expect(
      record.shifts.map(s => [s.zonalShiftId, s.practiceRunOutcome]),
    ).toEqual([
      ['practice-ok', 'SUCCEEDED'],
      ['practice-odd', undefined],
    ]);
    expect(record.shifts[1]).not.toHaveProperty('practiceRunOutcome');
    expect(record.problems.map(p => [p.resource, p.kind])).toEqual([
      ['zonal shift "practice-odd"', 'cleaned'],
      [`managed resource ${ARN}`, 'cleaned'],
    ]);
  });
});
