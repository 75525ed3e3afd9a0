import type {
  AuditEvent,
  FleetShiftRecord,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { shiftFixture, summaryFixture } from '../__testUtils__/fixtures';
import { buildTimeline } from './historyTimeline';

const cluster = summaryFixture().ref;

describe('buildTimeline', () => {
  it.each([
    ['portal', 'via Portal'],
    ['api', 'via API'],
    ['mcp', 'via MCP'],
  ] as const)('names the %s channel as %p', (channel, via) => {
    const [entry] = buildTimeline(
      [],
      [
        {
          id: 'e',
          time: '2026-12-01T11:00:00Z',
          actor: 'user:default/bob',
          action: 'shift.start',
          cluster,
          inputs: {},
          outcome: 'success',
          channel,
        },
      ],
    );
    expect(entry.via).toBe(via);
  });

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
        channel: 'mcp',
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
      source: 'Audit',
      what: 'Revert shift',
      who: 'user:default/bob',
      outcome: 'denied: not allowed',
      via: 'via MCP',
    });
    // Recorded before the channel was, and ARC's own: no channel to show.
    expect(timeline[2]).not.toHaveProperty('via');
    expect(timeline[1]).not.toHaveProperty('via');
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

  it('shows an intent not yet resolved as pending, in one word', () => {
    const [entry] = buildTimeline(
      [],
      [
        {
          id: 'p1',
          time: '2026-12-01T10:00:00Z',
          actor: 'user:default/jane.doe',
          action: 'shift.start',
          cluster,
          inputs: { awayFrom: 'use1-az2', expiresIn: '1h', comment: 'x' },
          outcome: 'pending',
        },
      ],
    );
    expect(entry).toMatchObject({
      what: 'Start shift away from use1-az2 for 1h',
      outcome: 'pending',
    });
  });

  describe('an update', () => {
    const update = (
      inputs: AuditEvent['inputs'],
      outcome: AuditEvent['outcome'] = 'success',
    ): AuditEvent => ({
      id: 'u1',
      time: '2026-12-01T10:00:00Z',
      actor: 'user:default/jane.doe',
      action: 'shift.update',
      cluster,
      inputs: { zonalShiftId: 'zs-1', ...inputs },
      outcome,
    });
    const entryOf = (event: AuditEvent) => buildTimeline([], [event])[0];

    it('that added time says by how much it was asked to, and until when', () => {
      expect(
        entryOf(
          update({
            extendBy: '1h',
            arcExpiresIn: '3h',
            previousExpiry: '2026-12-01T12:00:00.000Z',
            newExpiry: '2026-12-01T13:00:20.000Z',
          }),
        ),
      ).toMatchObject({
        what: 'Extend shift by 1 h',
        until: '2026-12-01T13:00:20.000Z',
      });
      expect(
        entryOf(
          update({
            expiresIn: '4h',
            previousExpiry: '2026-12-01T12:00:00.000Z',
            newExpiry: '2026-12-01T14:00:00.000Z',
          }),
        ).what,
      ).toBe('Extend shift by 2 h');
    });

    it('that moved the expiry earlier says it shortened the shift, never that it extended it', () => {
      expect(
        entryOf(
          update({
            expiresIn: '1h',
            previousExpiry: '2026-12-01T12:00:00.000Z',
            newExpiry: '2026-12-01T11:00:00.000Z',
          }),
        ),
      ).toMatchObject({
        what: 'Shorten shift by 1 h',
        until: '2026-12-01T11:00:00.000Z',
      });
      expect(
        entryOf(
          update({
            expiresIn: '90m',
            previousExpiry: '2026-12-01T12:00:00.000Z',
            newExpiry: '2026-12-01T11:29:50.000Z',
          }),
        ).what,
      ).toBe('Shorten shift by 30 min');
    });

    it('that left the expiry as it was is a comment change', () => {
      expect(
        entryOf(
          update({
            comment: 'still bad',
            previousExpiry: '2026-12-01T12:00:00.000Z',
            newExpiry: '2026-12-01T12:00:00.000Z',
          }),
        ),
      ).toMatchObject({
        what: 'Change shift comment',
        why: 'still bad',
        until: '2026-12-01T12:00:00.000Z',
      });
    });

    it('without the expiry before and after says what was asked, claiming no extension for expiresIn', () => {
      const refused = entryOf(update({ extendBy: '90m' }, 'failure'));
      expect(refused.what).toBe('Extend shift by 1 h 30 min');
      expect(refused.until).toBeUndefined();
      expect(entryOf(update({ expiresIn: '2h' })).what).toBe(
        'Set shift to expire in 2 h',
      );
      expect(entryOf(update({ comment: 'c' })).what).toBe(
        'Change shift comment',
      );
      expect(entryOf(update({})).what).toBe('Change shift');
    });

    it('spells an extension under a minute as such', () => {
      expect(
        entryOf(
          update({
            expiresIn: '1h',
            previousExpiry: '2026-12-01T11:00:00.000Z',
            newExpiry: '2026-12-01T11:00:20.000Z',
          }),
        ).what,
      ).toBe('Extend shift by under a minute');
    });
  });

  it('is empty without history', () => {
    expect(buildTimeline([], [])).toEqual([]);
  });
});
