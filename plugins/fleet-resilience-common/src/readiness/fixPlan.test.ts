import { planReadinessFix, type ReadinessFixState } from './fixPlan';

const CONFIG = {
  outcomeAlarms: [
    {
      type: 'CLOUDWATCH' as const,
      alarmIdentifier: 'arn:aws:cloudwatch:us-east-1:111122223333:alarm:x',
    },
  ],
};
const ON = { zonalShiftEnabled: true };
const IN_PROGRESS = {
  updateId: 'u-1',
  type: 'ZonalShiftConfigUpdate',
  status: 'InProgress',
  startedAt: '2026-12-07T10:00:00Z',
};

describe('planReadinessFix', () => {
  it.each<[string, string, ReadinessFixState, string, string]>([
    ['enable-zonal-shift', 'off', { zonalShiftEnabled: false }, 'apply', ''],
    ['enable-zonal-shift', 'not known', {}, 'apply', ''],
    ['enable-zonal-shift', 'on', ON, 'no-change', 'already on'],
    [
      'enable-zonal-shift',
      'an update in progress',
      { zonalShiftEnabled: false, pendingUpdate: IN_PROGRESS },
      'no-change',
      'u-1 is in progress',
    ],
    [
      'enable-zonal-shift',
      'an update failed',
      {
        zonalShiftEnabled: false,
        pendingUpdate: { ...IN_PROGRESS, status: 'Failed' },
      },
      'apply',
      '',
    ],
    [
      'enable-autoshift',
      'zonal shift off',
      { zonalShiftEnabled: false },
      'not-applicable',
      'turn on zonal shift first',
    ],
    [
      'enable-autoshift',
      'zonal shift not known',
      {},
      'not-applicable',
      'Not known whether zonal shift is on',
    ],
    [
      'enable-autoshift',
      'ARC not listing it',
      ON,
      'not-applicable',
      'ARC does not list',
    ],
    [
      'enable-autoshift',
      'no practice runs',
      {
        ...ON,
        arc: {
          zonalAutoshiftStatus: 'DISABLED',
          practiceRunStatus: 'DISABLED',
        },
      },
      'not-applicable',
      'configure practice runs first',
    ],
    [
      'enable-autoshift',
      'practice runs by status',
      {
        ...ON,
        arc: { zonalAutoshiftStatus: 'DISABLED', practiceRunStatus: 'ENABLED' },
      },
      'apply',
      '',
    ],
    [
      'enable-autoshift',
      'practice runs by configuration',
      {
        ...ON,
        arc: {
          zonalAutoshiftStatus: 'DISABLED',
          practiceRunConfiguration: CONFIG,
        },
      },
      'apply',
      '',
    ],
    [
      'enable-autoshift',
      'already enabled',
      {
        ...ON,
        arc: { zonalAutoshiftStatus: 'ENABLED', practiceRunStatus: 'ENABLED' },
      },
      'no-change',
      'already ENABLED',
    ],
    [
      'disable-autoshift',
      'enabled',
      { ...ON, arc: { zonalAutoshiftStatus: 'ENABLED' } },
      'apply',
      '',
    ],
    [
      'disable-autoshift',
      'status not reported',
      { ...ON, arc: {} },
      'apply',
      '',
    ],
    [
      'disable-autoshift',
      'disabled',
      { ...ON, arc: { zonalAutoshiftStatus: 'DISABLED' } },
      'no-change',
      'not enabled',
    ],
    [
      'disable-autoshift',
      'not managed by ARC',
      { zonalShiftEnabled: false },
      'no-change',
      'not enabled',
    ],
    [
      'configure-practice-runs',
      'zonal shift off',
      { zonalShiftEnabled: false },
      'not-applicable',
      'turn on zonal shift first',
    ],
    [
      'configure-practice-runs',
      'ARC not listing it',
      ON,
      'not-applicable',
      'ARC does not list',
    ],
    [
      'configure-practice-runs',
      'none yet',
      { ...ON, arc: { practiceRunStatus: 'DISABLED' } },
      'apply',
      '',
    ],
    [
      'configure-practice-runs',
      'one exists (update)',
      {
        ...ON,
        arc: { practiceRunStatus: 'ENABLED', practiceRunConfiguration: CONFIG },
      },
      'apply',
      '',
    ],
  ])('%s with %s: %s', (fix, _case, state, kind, reason) => {
    const plan = planReadinessFix(fix as never, state);
    expect(plan.kind).toBe(kind);
    expect('reason' in plan ? plan.reason : '').toContain(reason);
  });

  it('refuses a fix it does not know', () => {
    expect(planReadinessFix('reboot' as never, ON)).toEqual({
      kind: 'not-applicable',
      reason: 'Unknown fix reboot.',
    });
  });
});
