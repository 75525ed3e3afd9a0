import { ARN, SHIFT_ID, fleetTools } from './__testUtils__/fleetTools';

const START = {
  clusterArn: ARN,
  awayFrom: 'use1-az2',
  expiresIn: '30m',
  comment: 'INC-1',
};
const EXTEND = { clusterArn: ARN, zonalShiftId: SHIFT_ID, comment: 'INC-1' };
const FLEET = { awayFrom: 'use1-az2', expiresIn: '30m', comment: 'INC-1' };

/** Without `field`. */
function without<T extends object>(input: T, field: keyof T) {
  const { [field]: _gone, ...rest } = input;
  return rest;
}

/**
 * For each tool: bad input, and the field the refusal must name (its zod
 * path, or the unknown key). Per tool at least one wrong type, one value
 * out of range or off pattern, and one missing required field (or, for a
 * tool without one, an unknown field).
 */
const CASES: Array<[tool: string, input: object, field: string]> = [
  ['list-clusters', { limit: '10' }, 'limit'],
  ['list-clusters', { limit: 0 }, 'limit'],
  ['list-clusters', { account: ['12'] }, 'account.0'],
  ['list-clusters', { verdict: ['maybe'] }, 'verdict.0'],
  ['list-clusters', { zone: Array(51).fill('use1-az1') }, 'zone'],
  ['list-clusters', { search: 'x'.repeat(101) }, 'search'],
  ['list-clusters', { sort: 'size' }, 'sort'],
  ['list-clusters', { owner: 'payments-team' }, 'owner'],
  ['list-clusters', { colour: 'red' }, "'colour'"],
  ['get-cluster', {}, 'clusterArn'],
  ['get-cluster', { clusterArn: 7 }, 'clusterArn'],
  ['get-cluster', { clusterArn: 'arn:aws:s3:::bucket' }, 'clusterArn'],
  ['get-shift-impact', { clusterArn: ARN }, 'awayFrom'],
  ['get-shift-impact', { clusterArn: ARN, awayFrom: 2 }, 'awayFrom'],
  ['get-shift-impact', { clusterArn: ARN, awayFrom: '' }, 'awayFrom'],
  ['list-shift-history', { status: ['DONE'] }, 'status.0'],
  ['list-shift-history', { since: 5 }, 'since'],
  ['list-shift-history', { cluster: 'payments-prod' }, 'cluster'],
  ['list-shift-history', { offset: -1 }, 'offset'],
  ['list-shift-history', { clusterArn: ARN }, "'clusterArn'"],
  ['list-active-shifts', { limit: 501 }, 'limit'],
  ['list-active-shifts', { offset: 1.5 }, 'offset'],
  ['list-active-shifts', { limit: 'all' }, 'limit'],
  ['list-active-shifts', { status: ['ACTIVE'] }, "'status'"],
  ['list-audit-events', { channel: ['email'] }, 'channel.0'],
  ['list-audit-events', { outcome: 'success' }, 'outcome'],
  ['list-audit-events', { action: ['shift.delete'] }, 'action.0'],
  ['list-audit-events', { actor: 'me' }, "'actor'"],
  ['assess-zone-loss', {}, 'awayFrom'],
  ['assess-zone-loss', { awayFrom: 'us-east-1a' }, 'awayFrom'],
  ['assess-zone-loss', { awayFrom: 'use1-az2', clusters: [] }, 'clusters'],
  ['assess-zone-loss', { awayFrom: 'use1-az2', clusters: ['x'] }, 'clusters.0'],
  ['assess-zone-loss', { awayFrom: 'use1-az2', clusters: ARN }, 'clusters'],
  ['start-zonal-shift', without(START, 'comment'), 'comment'],
  ['start-zonal-shift', without(START, 'clusterArn'), 'clusterArn'],
  ['start-zonal-shift', { ...START, expiresIn: 30 }, 'expiresIn'],
  ['start-zonal-shift', { ...START, expiresIn: '73h' }, 'expiresIn'],
  ['start-zonal-shift', { ...START, expiresIn: '030m' }, 'expiresIn'],
  ['start-zonal-shift', { ...START, comment: 'x'.repeat(129) }, 'comment'],
  ['start-zonal-shift', { ...START, comment: '   ' }, 'comment'],
  ['start-zonal-shift', { ...START, comment: 'two\nlines' }, 'comment'],
  ['start-zonal-shift', { ...START, idempotencyKey: 'a b' }, 'idempotencyKey'],
  ['start-zonal-shift', { ...START, dryRun: true }, "'dryRun'"],
  ['extend-zonal-shift', without(EXTEND, 'zonalShiftId'), 'zonalShiftId'],
  ['extend-zonal-shift', without(EXTEND, 'comment'), 'comment'],
  ['extend-zonal-shift', { ...EXTEND, zonalShiftId: 'abc' }, 'zonalShiftId'],
  ['extend-zonal-shift', { ...EXTEND, extendBy: '0m' }, 'extendBy'],
  ['extend-zonal-shift', { ...EXTEND, expiresIn: ['1h'] }, 'expiresIn'],
  ['cancel-zonal-shift', without(EXTEND, 'comment'), 'comment'],
  ['cancel-zonal-shift', { ...EXTEND, zonalShiftId: 5 }, 'zonalShiftId'],
  ['cancel-zonal-shift', { ...EXTEND, comment: 'x'.repeat(200) }, 'comment'],
  [
    'cancel-zonal-shift',
    { ...EXTEND, idempotencyKey: 'k'.repeat(129) },
    'idempotencyKey',
  ],
  ['start-fleet-shift', without(FLEET, 'expiresIn'), 'expiresIn'],
  ['start-fleet-shift', { ...FLEET, dryRun: 'no' }, 'dryRun'],
  ['start-fleet-shift', { ...FLEET, awayFrom: 'us-east-1a' }, 'awayFrom'],
  [
    'start-fleet-shift',
    { ...FLEET, clusters: Array(501).fill(ARN) },
    'clusters',
  ],
];

describe('the tools’ input schemas', () => {
  it.each(CASES)('%s refuses %j, naming %s', async (tool, input, field) => {
    const { invoke, reads, shiftActions } = fleetTools();
    const refusal = invoke(tool, input as never);
    await expect(refusal).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(`Invalid input to ${tool}: `),
    });
    const message = await refusal.then(
      () => '',
      (error: Error) => error.message,
    );
    // The field as the refusal's zod path (`clusters.0: ...`), or the unknown key.
    expect(message).toMatch(
      field.startsWith("'")
        ? `Unrecognized key(s) in object: ${field}`
        : new RegExp(`(: |; )${field.replace('.', '\\.')}: `),
    );
    // Nothing was asked of the services.
    for (const fake of [
      ...Object.values(reads),
      ...Object.values(shiftActions),
    ]) {
      expect(fake).not.toHaveBeenCalled();
    }
  });

  it('every tool has a case', () => {
    expect(new Set(CASES.map(([tool]) => tool)).size).toBe(11);
  });

  it('name every bad field at once', async () => {
    const { invoke } = fleetTools();
    await expect(
      invoke('start-zonal-shift', { clusterArn: ARN, expiresIn: '0h' }),
    ).rejects.toThrow(
      /^Invalid input to start-zonal-shift: awayFrom: Required; expiresIn: .*; comment: Required$/,
    );
  });

  it('pass valid input on as given (the comment trimmed)', async () => {
    const { invoke, shiftActions } = fleetTools();
    await invoke('start-zonal-shift', { ...START, comment: '  INC-1  ' });
    const [, , input] = shiftActions.start.mock.calls[0] as unknown as [
      unknown,
      unknown,
      { given: object },
    ];
    expect(input.given).toEqual({
      awayFrom: 'use1-az2',
      expiresIn: '30m',
      comment: 'INC-1',
    });
  });
});
