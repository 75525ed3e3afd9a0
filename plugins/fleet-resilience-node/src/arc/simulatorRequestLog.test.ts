/**
 * The project's ARC client against the whole simulator: each call is logged
 * under the IAM action AWS authorizes it as (the names the IAM policies in
 * examples/iam/ must allow), and an IAM denial reaches the client as ARC's
 * AccessDeniedException.
 */
import {
  accessKeyIdFor,
  startSimulator,
  type RunningSimulator,
} from '@fleet-resilience/fleet-simulator';
import { resolve } from 'node:path';
import { ArcZonalShiftClient } from './ArcZonalShiftClient';
import { ArcZonalShiftError } from './ArcZonalShiftError';

const DEMO = resolve(__dirname, '../../../../examples/fleets/demo.yaml');

describe('ArcZonalShiftClient in the simulator’s request log', () => {
  let sim: RunningSimulator;
  beforeEach(async () => {
    sim = await startSimulator({ fleet: DEMO });
  });
  afterEach(() => sim.stop());

  it('logs reads and writes under their IAM actions, and meets a denial as AccessDeniedException', async () => {
    const cluster = sim.model.clusters().find(c => c.zonalShiftEnabled)!;
    const settings = sim.clientSettings({
      accountId: cluster.accountId,
      region: cluster.region,
    });
    const arc = new ArcZonalShiftClient({ ...settings, maxAttempts: 1 });
    await arc.getManagedResource(cluster.arn);
    const shift = await arc.startZonalShift({
      resourceIdentifier: cluster.arn,
      awayFrom: cluster.zones[0].id,
      expiresIn: '1h',
      comment: 'request log',
    });
    await arc.updateZonalShift({
      zonalShiftId: shift.zonalShiftId,
      expiresIn: '2h',
    });
    await arc.cancelZonalShift(shift.zonalShiftId);

    const principal = `static:${accessKeyIdFor(cluster.accountId)}`;
    expect(sim.awsRequests()).toEqual(
      [
        'GetManagedResource',
        'StartZonalShift',
        'UpdateZonalShift',
        'CancelZonalShift',
      ].map(operation => ({
        principal,
        accountId: cluster.accountId,
        region: cluster.region,
        action: `arc-zonal-shift:${operation}`,
        count: 1,
      })),
    );

    sim.setIamDenies([
      {
        accountId: cluster.accountId,
        action: 'arc-zonal-shift:StartZonalShift',
      },
    ]);
    const error = await arc
      .startZonalShift({
        resourceIdentifier: cluster.arn,
        awayFrom: cluster.zones[0].id,
        expiresIn: '1h',
        comment: 'denied',
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(ArcZonalShiftError);
    expect(error).toMatchObject({
      name: 'AccessDeniedException',
      statusCode: 403,
      message: expect.stringContaining(
        `is not authorized to perform: arc-zonal-shift:StartZonalShift on resource: ${cluster.arn}`,
      ),
    });
    expect(sim.arc.appliedAwayZone(cluster.arn)).toBeUndefined();
  });
});
