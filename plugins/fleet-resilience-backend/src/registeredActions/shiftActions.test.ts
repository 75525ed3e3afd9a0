import { mockCredentials } from '@backstage/backend-test-utils';
import {
  ACCESS,
  ANSWERS,
  ARN,
  SHIFT_ID,
  fleetTools,
} from './__testUtils__/fleetTools';

const ZONES = [
  { id: 'use1-az1', name: 'us-east-1a' },
  { id: 'use1-az2', name: 'us-east-1b' },
];
const START = {
  clusterArn: ARN,
  awayFrom: 'us-east-1b',
  expiresIn: '30m',
  comment: 'INC-1: 5xx in use1-az2',
};
const FLEET = { awayFrom: 'use1-az2', expiresIn: '2h', comment: 'INC-1' };

/** The arguments a fake was called with. */
function argsOf(fake: jest.Mock, call = 0): any[] {
  return fake.mock.calls[call];
}

describe('the action tools', () => {
  it('start-zonal-shift calls ShiftActions.start as the route does: channel mcp, the key answering 201, the route’s body adapter', async () => {
    const { shiftActions, invoke } = fleetTools();
    const credentials = mockCredentials.user('user:default/jane');
    const output = await invoke(
      'start-zonal-shift',
      { ...START, idempotencyKey: 'inc-1.start:1' },
      credentials,
    );
    expect(output).toEqual(ANSWERS.shiftAction);
    const [caller, arn, input] = argsOf(shiftActions.start);
    expect(caller).toEqual({
      credentials,
      channel: 'mcp',
      idempotency: { key: 'inc-1.start:1', answerStatus: 201 },
    });
    expect(arn).toBe(ARN);
    // startShiftInput: the body as given for the audit, checked against the AZs.
    expect(input.given).toEqual({
      awayFrom: 'us-east-1b',
      expiresIn: '30m',
      comment: 'INC-1: 5xx in use1-az2',
    });
    expect(input.parse(ZONES)).toEqual({
      awayFrom: 'use1-az2',
      expiresIn: '30m',
      comment: 'INC-1: 5xx in use1-az2',
    });
    expect(() => input.parse([ZONES[0]])).toThrow(
      /^Invalid zonal shift: awayFrom: "us-east-1b" is not an AZ of this cluster/,
    );
  });

  it('hand over a service the config does not name as denied, for ShiftSteps to audit', async () => {
    const { shiftActions, invoke } = fleetTools({
      allowedServices: ['plugin:automation'],
    });
    await invoke('start-zonal-shift', START, mockCredentials.service());
    await invoke(
      'cancel-zonal-shift',
      { clusterArn: ARN, zonalShiftId: SHIFT_ID, comment: 'done' },
      mockCredentials.service('plugin:mcp-actions'),
    );
    expect(argsOf(shiftActions.start)[0].denied).toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining(
        'fleetResilience.actions.allowedServices',
      ),
    });
    expect(argsOf(shiftActions.cancel)[0].denied?.message).toContain(
      '"plugin:mcp-actions"',
    );
  });

  it('let a named service act, and a user without a key act once', async () => {
    const { shiftActions, invoke } = fleetTools({
      allowedServices: ['plugin:mcp-actions'],
    });
    const service = mockCredentials.service('plugin:mcp-actions');
    await invoke('start-zonal-shift', START, service);
    expect(argsOf(shiftActions.start)[0]).toEqual({
      credentials: service,
      channel: 'mcp',
    });
  });

  it('refuse a caller that is neither user nor service', async () => {
    const { shiftActions, invoke } = fleetTools();
    await expect(
      invoke('start-zonal-shift', START, mockCredentials.none()),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(shiftActions.start).not.toHaveBeenCalled();
  });

  it('extend-zonal-shift calls ShiftActions.update with the shift, the route’s adapter and 200', async () => {
    const { shiftActions, invoke } = fleetTools();
    const credentials = mockCredentials.user();
    await invoke(
      'extend-zonal-shift',
      {
        clusterArn: ARN,
        zonalShiftId: SHIFT_ID,
        extendBy: '1h',
        comment: 'still degraded',
        idempotencyKey: 'k1',
      },
      credentials,
    );
    const [caller, arn, id, input] = argsOf(shiftActions.update);
    expect(caller).toEqual({
      credentials,
      channel: 'mcp',
      idempotency: { key: 'k1', answerStatus: 200 },
    });
    expect([arn, id]).toEqual([ARN, SHIFT_ID]);
    expect(input.given).toEqual({ extendBy: '1h', comment: 'still degraded' });
    expect(input.parse(ZONES)).toEqual({
      extendBy: '1h',
      comment: 'still degraded',
    });
  });

  it('extend-zonal-shift leaves expiresIn with extendBy to the route’s adapter, audited', async () => {
    const { shiftActions, invoke } = fleetTools();
    await invoke('extend-zonal-shift', {
      clusterArn: ARN,
      zonalShiftId: SHIFT_ID,
      expiresIn: '1h',
      extendBy: '1h',
      comment: 'both',
    });
    const input = argsOf(shiftActions.update)[3];
    expect(() => input.parse(ZONES)).toThrow(
      /expiresIn, extendBy: give one of them/,
    );
  });

  it('cancel-zonal-shift hands the comment to ShiftActions.cancel for the audit inputs', async () => {
    const { shiftActions, invoke } = fleetTools();
    const credentials = mockCredentials.user();
    const output = await invoke(
      'cancel-zonal-shift',
      { clusterArn: ARN, zonalShiftId: SHIFT_ID, comment: 'AZ recovered' },
      credentials,
    );
    expect(output).toEqual(ANSWERS.shiftAction);
    expect(shiftActions.cancel).toHaveBeenCalledWith(
      { credentials, channel: 'mcp' },
      ARN,
      SHIFT_ID,
      { comment: 'AZ recovered' },
    );
  });

  it('start-fleet-shift plans unless told dryRun false, on the fleet the caller may read', async () => {
    const { reads, shiftActions, invoke } = fleetTools();
    const credentials = mockCredentials.user();
    expect(await invoke('start-fleet-shift', FLEET, credentials)).toEqual(
      ANSWERS.plan,
    );
    expect(reads.access).toHaveBeenCalledWith(credentials);
    expect(shiftActions.fleetShift).toHaveBeenLastCalledWith(
      { credentials, channel: 'mcp' },
      { ...FLEET, dryRun: true },
      ACCESS,
    );

    await invoke(
      'start-fleet-shift',
      { ...FLEET, dryRun: false, clusters: [ARN], idempotencyKey: 'f1' },
      credentials,
    );
    expect(shiftActions.fleetShift).toHaveBeenLastCalledWith(
      {
        credentials,
        channel: 'mcp',
        idempotency: { key: 'f1', answerStatus: 200 },
      },
      { ...FLEET, dryRun: false, clusterArns: [ARN] },
      ACCESS,
    );
  });

  it('start-fleet-shift refuses a service the config does not name at once, as the route', async () => {
    const { shiftActions, invoke } = fleetTools();
    await expect(
      invoke(
        'start-fleet-shift',
        { ...FLEET, dryRun: false },
        mockCredentials.service('plugin:mcp-actions'),
      ),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining('"plugin:mcp-actions"'),
    });
    expect(shiftActions.fleetShift).not.toHaveBeenCalled();
  });

  it('assess-zone-loss answers the fleet dry run’s plan, each cluster once', async () => {
    const { reads, shiftActions, invoke } = fleetTools();
    const credentials = mockCredentials.service('plugin:mcp-actions');
    const output = await invoke(
      'assess-zone-loss',
      { awayFrom: 'use1-az2', clusters: [ARN, ARN] },
      credentials,
    );
    expect(output).toEqual(ANSWERS.plan);
    expect(reads.access).toHaveBeenCalledWith(credentials);
    expect(shiftActions.planFleetShift).toHaveBeenCalledWith(
      credentials,
      { awayFrom: 'use1-az2', clusterArns: [ARN] },
      ACCESS,
    );
    expect(shiftActions.fleetShift).not.toHaveBeenCalled();
  });
});
