import type {
  NodePoolPlan,
  ReconcileMode,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  awayZoneIdsAt,
  nextExpiry,
  observeResource,
  type ArcObservation,
} from './arcObservation';
import {
  clusterStateAfter,
  decideNodePool,
  passNeeded,
  retryDelayMs,
  type LastPass,
} from './decisions';
import { effectiveMode } from './effectiveMode';

const T0 = Date.UTC(2026, 11, 1, 12, 0, 0);
const min = 60_000;

describe('awayZoneIdsAt', () => {
  const at = (ms: number) => new Date(ms).toISOString();
  const observation = (shifts: ArcObservation['shifts']): ArcObservation => ({
    observedAt: T0,
    registered: true,
    shifts,
  });

  it('takes the shift ARC marks APPLIED (practice runs and FIS experiments count)', () => {
    for (const shiftType of [
      'ZONAL_SHIFT',
      'FIS_EXPERIMENT',
      'PRACTICE_RUN',
    ] as const) {
      expect(
        awayZoneIdsAt(
          observation([
            {
              awayFrom: 'use1-az2',
              shiftType,
              expiryTime: at(T0 + min),
              appliedStatus: 'APPLIED',
            },
          ]),
          T0,
        ),
      ).toEqual(['use1-az2']);
    }
    expect(awayZoneIdsAt(observation([]), T0)).toEqual([]);
  });

  it('ends a shift at its expiryTime even before ARC is read again', () => {
    const o = observation([
      {
        awayFrom: 'use1-az2',
        shiftType: 'ZONAL_SHIFT',
        expiryTime: at(T0 + min),
        appliedStatus: 'APPLIED',
      },
    ]);
    expect(awayZoneIdsAt(o, T0 + min - 1)).toEqual(['use1-az2']);
    expect(awayZoneIdsAt(o, T0 + min)).toEqual([]);
    expect(nextExpiry(o, T0)).toBe(T0 + min);
  });

  it('after the applied shift expires, the next by precedence applies: customer > autoshift > practice run', () => {
    const o = observation([
      {
        awayFrom: 'use1-az1',
        shiftType: 'ZONAL_SHIFT',
        expiryTime: at(T0 + min),
        appliedStatus: 'APPLIED',
      },
      {
        awayFrom: 'use1-az4',
        shiftType: 'PRACTICE_RUN',
        expiryTime: at(T0 + 30 * min),
        appliedStatus: 'NOT_APPLIED',
      },
      {
        awayFrom: 'use1-az2',
        shiftType: 'ZONAL_AUTOSHIFT',
        appliedStatus: 'NOT_APPLIED',
      },
    ]);
    expect(awayZoneIdsAt(o, T0)).toEqual(['use1-az1']);
    expect(awayZoneIdsAt(o, T0 + 2 * min)).toEqual(['use1-az2']);
  });

  it('a cluster ARC does not manage has no away zone', () => {
    expect(
      awayZoneIdsAt({ observedAt: T0, registered: false, shifts: [] }, T0),
    ).toEqual([]);
  });

  it('reads the ARC client’s managed resource shapes', () => {
    const o = observeResource(
      {
        zonalShifts: [
          {
            awayFrom: 'use1-az1',
            expiryTime: new Date(T0 + min),
            appliedStatus: 'NOT_APPLIED',
            shiftType: 'PRACTICE_RUN',
          },
        ],
        autoshifts: [{ awayFrom: 'use1-az2', appliedStatus: 'APPLIED' }],
      },
      T0,
    );
    expect(o.shifts).toEqual([
      {
        awayFrom: 'use1-az1',
        shiftType: 'PRACTICE_RUN',
        expiryTime: at(T0 + min),
        appliedStatus: 'NOT_APPLIED',
      },
      {
        awayFrom: 'use1-az2',
        shiftType: 'ZONAL_AUTOSHIFT',
        appliedStatus: 'APPLIED',
      },
    ]);
    expect(awayZoneIdsAt(o, T0)).toEqual(['use1-az2']);
    expect(observeResource(undefined, T0).registered).toBe(false);
  });
});

describe('passNeeded', () => {
  const converged: LastPass = {
    mode: 'nodepool',
    awayZoneIds: ['use1-az1'],
    state: 'converged',
    lastAttemptAt: new Date(T0).toISOString(),
    failures: 0,
    markedNodeCount: 0,
  };

  it('passes over a cluster seen for the first time', () => {
    expect(passNeeded({ awayZoneIds: [], mode: 'nodepool', now: T0 })).toBe(
      'first',
    );
  });

  it('leaves a converged cluster alone until its desired state changes', () => {
    expect(
      passNeeded({
        last: converged,
        awayZoneIds: ['use1-az1'],
        mode: 'nodepool',
        now: T0,
      }),
    ).toBeUndefined();
    expect(
      passNeeded({
        last: converged,
        awayZoneIds: ['use1-az1'],
        mode: 'nodepool',
        now: T0,
        kicked: true,
      }),
    ).toBeUndefined();
    expect(
      passNeeded({
        last: converged,
        awayZoneIds: [],
        mode: 'nodepool',
        now: T0,
      }),
    ).toBe('desired-changed');
    expect(
      passNeeded({
        last: converged,
        awayZoneIds: ['use1-az1'],
        mode: 'observe',
        now: T0,
      }),
    ).toBe('mode-changed');
  });

  it('retries pending and error clusters with backoff (a kick retries at once)', () => {
    const pending: LastPass = { ...converged, state: 'pending', failures: 3 };
    expect(retryDelayMs(3)).toBe(4_000);
    expect(
      passNeeded({
        last: pending,
        awayZoneIds: ['use1-az1'],
        mode: 'nodepool',
        now: T0 + 3_999,
      }),
    ).toBeUndefined();
    expect(
      passNeeded({
        last: pending,
        awayZoneIds: ['use1-az1'],
        mode: 'nodepool',
        now: T0 + 4_000,
      }),
    ).toBe('retry');
    expect(
      passNeeded({
        last: pending,
        awayZoneIds: ['use1-az1'],
        mode: 'nodepool',
        now: T0 + 1,
        kicked: true,
      }),
    ).toBe('kicked');
    expect(retryDelayMs(30)).toBe(60_000);
  });

  it('passes again when what the mode cannot know changes, never for the pass’s own degraded reasons', () => {
    const unknown = 'Native zonal shift support unknown (forbidden)';
    const nodes = 'Nodes in the away zones are not marked';
    const at = (degraded: string[] | undefined, modeDegraded: string[]) =>
      passNeeded({
        last: { ...converged, ...(degraded ? { degraded } : {}) },
        awayZoneIds: ['use1-az1'],
        mode: 'nodepool',
        modeDegraded,
        modeDegradedPrefix: 'Native zonal shift support unknown',
        now: T0,
      });
    // Became unknown (RBAC tightened), or known again (RBAC fixed).
    expect(at(undefined, [unknown])).toBe('mode-changed');
    expect(at([unknown, nodes], [])).toBe('mode-changed');
    // Unchanged: left alone, whatever else the last pass reported.
    expect(at([unknown, nodes], [unknown])).toBeUndefined();
    expect(at([nodes], [])).toBeUndefined();
    expect(at(undefined, [])).toBeUndefined();
  });
});

describe('decideNodePool and clusterStateAfter', () => {
  const plan = (extra: Partial<NodePoolPlan>): NodePoolPlan => ({
    allowedZoneIds: ['use1-az2'],
    excludedZoneIds: [],
    summary: 'summary',
    ...extra,
  });
  const patch = { requirements: [], annotations: {} };

  it('applies exclusions and restores, and says which', () => {
    expect(
      decideNodePool('p', plan({ patch, purpose: 'exclude' }), 'nodepool', [
        'use1-az1',
      ]),
    ).toMatchObject({ apply: true, result: { outcome: 'patched' } });
    expect(
      decideNodePool(
        'p',
        plan({ patch, purpose: 'restore' }),
        'keep-nodes',
        [],
      ),
    ).toMatchObject({ apply: true, result: { outcome: 'restored' } });
    expect(decideNodePool('p', plan({}), 'nodepool', [])).toMatchObject({
      apply: false,
      result: { outcome: 'unchanged' },
    });
  });

  it('observe mode reports an exclusion but applies a restore', () => {
    expect(
      decideNodePool('p', plan({ patch, purpose: 'exclude' }), 'observe', [
        'use1-az1',
      ]),
    ).toMatchObject({ apply: false, result: { outcome: 'would-patch' } });
    expect(
      decideNodePool('p', plan({ patch, purpose: 'restore' }), 'observe', []),
    ).toMatchObject({ apply: true, result: { outcome: 'restored' } });
  });

  it('blocked: an away zone the plan cannot exclude, or an exclusion it cannot undo', () => {
    expect(
      decideNodePool(
        'p',
        plan({ blocked: { zoneIds: ['use1-az1'], reason: 'pinned' } }),
        'nodepool',
        ['use1-az1'],
      ).result.outcome,
    ).toBe('blocked');
    expect(
      decideNodePool(
        'p',
        plan({ excludedZoneIds: ['use1-az1'] }),
        'nodepool',
        [],
      ).result.outcome,
    ).toBe('blocked');
    expect(
      decideNodePool('p', plan({ excludedZoneIds: ['use1-az1'] }), 'nodepool', [
        'use1-az1',
      ]).result.outcome,
    ).toBe('unchanged');
  });

  it('cluster state: error > pending > observing > blocked > converged', () => {
    const pool = (outcome: 'failed' | 'blocked' | 'patched') => ({
      name: outcome,
      outcome,
      allowedZoneIds: [],
    });
    expect(
      clusterStateAfter({ mode: 'nodepool', nodePools: [], passError: true }),
    ).toBe('error');
    expect(
      clusterStateAfter({ mode: 'observe', nodePools: [pool('failed')] }),
    ).toBe('pending');
    expect(
      clusterStateAfter({ mode: 'nodepool', nodePools: [], markFailures: 1 }),
    ).toBe('pending');
    expect(
      clusterStateAfter({ mode: 'observe', nodePools: [pool('blocked')] }),
    ).toBe('observing');
    expect(
      clusterStateAfter({
        mode: 'nodepool',
        nodePools: [pool('blocked'), pool('patched')],
      }),
    ).toBe('blocked');
    expect(
      clusterStateAfter({ mode: 'keep-nodes', nodePools: [pool('patched')] }),
    ).toBe('converged');
  });
});

describe('effectiveMode', () => {
  const arn = 'arn:aws:eks:us-east-1:111122223333:cluster/c1';
  const settings = {
    mode: 'nodepool' as const,
    overrides: new Map(),
    modeTag: 'reconcile-mode',
  };

  it('takes the configured mode, then the ARN override, then the tag', () => {
    expect(effectiveMode({ arn, tags: {} }, settings)).toEqual({
      mode: 'nodepool',
    });
    expect(
      effectiveMode(
        { arn, tags: { 'reconcile-mode': 'keep-nodes' } },
        settings,
      ),
    ).toMatchObject({
      mode: 'keep-nodes',
      reason: expect.stringContaining('tag reconcile-mode'),
    });
    expect(
      effectiveMode({ arn, tags: { 'reconcile-mode': 'bogus' } }, settings),
    ).toEqual({ mode: 'nodepool' });
    expect(
      effectiveMode(
        { arn, tags: { 'reconcile-mode': 'keep-nodes' } },
        { ...settings, overrides: new Map([[arn, 'observe' as const]]) },
      ),
    ).toMatchObject({
      mode: 'observe',
      reason: expect.stringContaining('overrides'),
    });
  });

  it('forces observe when Karpenter’s native zonal shift is on, and says so', () => {
    const result = effectiveMode(
      {
        arn,
        tags: {},
        karpenter: {
          installed: true,
          version: '1.12.0',
          nativeZonalShift: true,
          nodeClaimCount: 3,
        },
      },
      settings,
    );
    expect(result.mode).toBe('observe');
    expect(result.reason).toMatch(
      /Karpenter 1\.12\.0 has native zonal shift on/,
    );
  });

  describe('when native zonal shift support is unknown (Deployments forbidden)', () => {
    const unknown = {
      installed: true,
      nativeZonalShift: false,
      nativeZonalShiftUnknown: 'listing Deployments is forbidden',
      nodeClaimCount: 3,
    };
    const why =
      '^Native zonal shift support unknown \\(listing Deployments is forbidden\\)';
    it.each<[ReconcileMode, Record<string, unknown>]>([
      [
        'nodepool',
        {
          mode: 'nodepool',
          degraded: [
            expect.stringMatching(
              new RegExp(
                `${why}: the NodePools are narrowed, which is safe whether Karpenter avoids the AZ itself or not$`,
              ),
            ),
          ],
        },
      ],
      [
        'keep-nodes',
        {
          mode: 'nodepool',
          reason: expect.stringMatching(/keep-nodes needs to know/),
          degraded: [
            expect.stringMatching(
              new RegExp(`${why}: .*; Nodes are not marked do-not-disrupt$`),
            ),
          ],
        },
      ],
      [
        'observe',
        {
          mode: 'observe',
          degraded: [expect.stringMatching(new RegExp(`${why}$`))],
        },
      ],
    ])(
      'configured %s: follows the shift where safe, degraded with the reason',
      (configured, expected) => {
        expect(
          effectiveMode(
            { arn, tags: {}, karpenter: unknown },
            { ...settings, mode: configured },
          ),
        ).toEqual(expected);
      },
    );

    it('known support is not degraded', () => {
      expect(
        effectiveMode(
          {
            arn,
            tags: {},
            karpenter: {
              installed: true,
              nativeZonalShift: false,
              nodeClaimCount: 1,
            },
          },
          settings,
        ).degraded,
      ).toBeUndefined();
    });
  });
});
