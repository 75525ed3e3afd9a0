import { mockServices } from '@backstage/backend-test-utils';
import type { PendingIntent } from '../database/AuditStore';
import type { StoredCluster } from '../domain/records';
import type { ReadinessAws } from './readinessCalls';
import { IntentResolver } from './IntentResolver';
import { readinessIntentResolver } from './readinessIntents';

const ARN = 'arn:aws:eks:us-east-1:111122223333:cluster/payments-prod-use1';
const cluster = {
  ref: {
    arn: ARN,
    accountId: '111122223333',
    region: 'us-east-1',
    name: 'payments-prod-use1',
  },
} as StoredCluster;
const ALARM = 'arn:aws:cloudwatch:us-east-1:111122223333:alarm:five-xx';

function pending(
  action: PendingIntent['event']['action'],
  inputs: Record<string, string> = {},
): PendingIntent {
  return {
    event: {
      id: 'intent-1',
      time: '2026-11-22T08:00:00.000Z',
      actor: 'user:default/pat',
      action,
      cluster: cluster.ref,
      inputs: { comment: 'ready', ...inputs },
      outcome: 'pending',
    },
    idempotencyKey: 'key-1',
  };
}

/** AWS holding: zonal shift on or off, and ARC's resource. */
function aws(
  zonalShiftEnabled: boolean,
  resource: Record<string, unknown> = {},
  status = 'ACTIVE',
): ReadinessAws {
  return {
    eksDescriber: {
      describe: jest.fn(async () => ({
        ref: cluster.ref,
        zonalShiftEnabled,
        status,
      })),
    },
    eksConfigurer: { updateZonalShiftConfig: jest.fn() },
    eksUpdates: { describeUpdate: jest.fn() },
    arc: jest.fn(async () => ({
      getManagedResource: jest.fn(async () => ({
        appliedWeights: {},
        zonalShifts: [],
        ...resource,
      })),
    })) as never,
    arcOperator: jest.fn() as never,
  };
}

function resolver(held: ReadinessAws, stored = false) {
  const resolve = jest.fn(async () => true);
  return {
    resolve,
    run: readinessIntentResolver({
      records: {
        byAuditEvent: jest.fn(async () =>
          stored ? ({ updateId: 'u-1' } as never) : undefined,
        ),
      },
      clusters: { getCluster: jest.fn(async () => cluster) },
      aws: held,
      resolve,
      logger: mockServices.logger.mock(),
      now: () => new Date('2026-11-22T08:05:00.000Z'),
    }),
  };
}

describe('readinessIntentResolver', () => {
  it('leaves an intent whose EKS update is stored to the follower', async () => {
    const { run, resolve } = resolver(aws(false), true);
    expect(await run(pending('readiness.zonal-shift.enable'))).toBe('left');
    expect(resolve).not.toHaveBeenCalled();
  });

  it.each([
    ['readiness.zonal-shift.enable', aws(true), {}, 'succeeded'],
    ['readiness.zonal-shift.enable', aws(false), {}, 'failed'],
    [
      'readiness.autoshift.enable',
      aws(true, { zonalAutoshiftStatus: 'ENABLED' }),
      {},
      'succeeded',
    ],
    [
      'readiness.autoshift.enable',
      aws(true, { zonalAutoshiftStatus: 'DISABLED' }),
      {},
      'failed',
    ],
    [
      'readiness.autoshift.disable',
      aws(true, { zonalAutoshiftStatus: 'DISABLED' }),
      {},
      'succeeded',
    ],
    [
      'readiness.practice-run.configure',
      aws(true, {
        practiceRunConfiguration: {
          outcomeAlarms: [{ type: 'CLOUDWATCH', alarmIdentifier: ALARM }],
        },
      }),
      { outcomeAlarms: ALARM },
      'succeeded',
    ],
    [
      'readiness.practice-run.configure',
      aws(true),
      { outcomeAlarms: ALARM },
      'failed',
    ],
  ] as const)(
    '%s: resolved against what AWS holds (%#)',
    async (action, held, inputs, expected) => {
      const { run, resolve } = resolver(held);
      expect(await run(pending(action, inputs))).toBe(expected);
      expect(resolve).toHaveBeenCalledWith(
        expect.objectContaining({
          id: 'intent-1',
          outcome: expected === 'succeeded' ? 'success' : 'failure',
        }),
        'key-1',
        expect.any(Date),
      );
    },
  );

  it('leaves zonal shift pending while the cluster is UPDATING (its update may still turn it on)', async () => {
    const { run, resolve } = resolver(aws(false, {}, 'UPDATING'));
    expect(await run(pending('readiness.zonal-shift.enable'))).toBe('left');
    expect(resolve).not.toHaveBeenCalled();
  });

  it('stays pending when AWS cannot be read', async () => {
    const held = aws(true);
    held.eksDescriber.describe = jest.fn(async () => {
      throw new Error('EKS is down');
    });
    const { run, resolve } = resolver(held);
    expect(await run(pending('readiness.autoshift.enable'))).toBe('left');
    expect(resolve).not.toHaveBeenCalled();
  });
});

describe('IntentResolver with readiness intents', () => {
  function intentResolver(readiness?: jest.Mock) {
    const options = {
      audit: {
        pendingIntents: jest.fn(async () => [
          pending('readiness.autoshift.enable'),
        ]),
      },
      reads: { getShift: jest.fn() },
      keys: { get: jest.fn() },
      recordOutcome: jest.fn(),
      recordNotApplied: jest.fn(),
      arc: jest.fn(),
      logger: mockServices.logger.mock(),
      leaseMs: 1_000,
      ...(readiness ? { readiness } : {}),
    };
    return { options, intents: new IntentResolver(options) };
  }

  it('hands them to the readiness resolver, never to ARC’s shifts', async () => {
    const readiness = jest.fn(async () => 'succeeded' as const);
    const { options, intents } = intentResolver(readiness);
    expect(await intents.resolvePending()).toEqual({
      succeeded: 1,
      failed: 0,
      left: 0,
    });
    expect(readiness).toHaveBeenCalledTimes(1);
    expect(options.arc).not.toHaveBeenCalled();
    expect(options.recordNotApplied).not.toHaveBeenCalled();
  });

  it('leaves them pending without one (never "not applied" from the shift list)', async () => {
    const { options, intents } = intentResolver();
    expect(await intents.resolvePending()).toEqual({
      succeeded: 0,
      failed: 0,
      left: 1,
    });
    expect(options.recordNotApplied).not.toHaveBeenCalled();
  });
});
