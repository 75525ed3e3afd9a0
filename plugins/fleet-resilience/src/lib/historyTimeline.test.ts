import type {
  AuditEvent,
  FleetShiftRecord,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { shiftFixture, summaryFixture } from '../__testUtils__/fixtures';
import { buildTimeline } from './historyTimeline';

const cluster = summaryFixture().ref;

describe('buildTimeline', () => {
  it('merges ARC shifts and audit events newest first with who, why and outcome', () => {
    const shifts: FleetShiftRecord[] = [
      {
        ...shiftFixture({
          status: 'EXPIRED',
          startTime: '2026-11-30T08:00:00Z',
        }),
        cluster,
        lastSeenAt: '2026-11-30T10:00:00Z',
      },
      {
        ...shiftFixture({
          zonalShiftId: 'zs-auto',
          shiftType: 'ZONAL_AUTOSHIFT',
          actor: undefined,
          startTime: '2026-12-01T09:00:00Z',
        }),
        cluster,
        lastSeenAt: '2026-12-01T09:00:00Z',
      },
    ];
    const audit: AuditEvent[] = [
      {
        id: 'e1',
        time: '2026-11-30T08:00:01Z',
        actor: 'user:default/jane.doe',
        action: 'shift.start',
        cluster,
        inputs: { awayFrom: 'use1-az2', expiresIn: '2h', comment: 'drill' },
        outcome: 'success',
      },
      {
        id: 'e2',
        time: '2026-12-01T11:00:00Z',
        actor: 'user:default/bob',
        action: 'shift.cancel',
        cluster,
        inputs: {},
        outcome: 'denied',
        errorMessage: 'not allowed',
      },
    ];
    const timeline = buildTimeline(shifts, audit);
    expect(timeline.map(e => e.id)).toEqual([
      'audit:e2',
      'arc:zs-auto',
      'audit:e1',
      'arc:zs-1111',
    ]);
    expect(timeline[0]).toMatchObject({
      source: 'Portal',
      what: 'Revert shift',
      who: 'user:default/bob',
      outcome: 'denied: not allowed',
    });
    expect(timeline[1]).toMatchObject({
      source: 'ARC',
      who: 'AWS',
      outcome: 'active',
    });
    expect(timeline[2]).toMatchObject({
      what: 'Start shift away from use1-az2 for 2h',
      why: 'drill',
    });
    expect(timeline[3]).toMatchObject({
      what: 'Zonal shift away from use1-az2',
      until: '2026-12-01T12:00:00.000Z',
      outcome: 'expired',
    });
  });

  it('is empty without history', () => {
    expect(buildTimeline([], [])).toEqual([]);
  });
});
