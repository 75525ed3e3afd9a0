import {
  DescribeClusterCommand,
  DescribeUpdateCommand,
  EKSClient,
  ListUpdatesCommand,
  UpdateClusterConfigCommand,
} from '@aws-sdk/client-eks';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { accessFleet, ACCOUNT_A } from '../../__testUtils__/accessFleet';
import { rejectionOf as rejection } from '../../__testUtils__/rejection';

const ALPHA = `arn:aws:eks:us-east-1:${ACCOUNT_A}:cluster/alpha`;
const GAMMA = `arn:aws:eks:us-east-1:${ACCOUNT_A}:cluster/gamma`;

describe('EKS cluster updates (zonal shift), through @aws-sdk/client-eks', () => {
  let sim: RunningSimulator;
  let eks: EKSClient;

  beforeEach(async () => {
    const fleet = accessFleet();
    fleet.clusters.push({
      name: 'gamma',
      account: ACCOUNT_A,
      region: 'us-east-1',
      zones: ['us-east-1a', 'us-east-1b'],
    });
    sim = await startSimulator({ fleet, eksUpdateDurationMs: 120_000 });
    eks = new EKSClient({ ...sim.clientSettings(), maxAttempts: 1 });
  });

  afterEach(async () => {
    eks.destroy();
    await sim.stop();
  });

  const describe_ = async (name: string) =>
    (await eks.send(new DescribeClusterCommand({ name }))).cluster!;
  const arcListed = () =>
    sim.model.eksZonalShift
      .listResources()
      .filter(r => r.zonalShiftEnabled)
      .map(r => r.name);
  const control = (method: string, path: string, body?: unknown) =>
    fetch(`${sim.url}/_sim/${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }).then(async res => ({ status: res.status, body: await res.json() }));

  it('turns zonal shift on asynchronously: InProgress and UPDATING, then Successful on the clock, and only then enabled and registered with ARC', async () => {
    expect(arcListed()).toEqual(['alpha', 'beta']);
    const { update } = await eks.send(
      new UpdateClusterConfigCommand({
        name: 'gamma',
        zonalShiftConfig: { enabled: true },
        clientRequestToken: 'token-1',
      }),
    );
    expect(update).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: 'InProgress',
      type: 'ZonalShiftConfigUpdate',
      params: [{ type: 'ZonalShiftConfig', value: '{"enabled":true}' }],
      createdAt: new Date(sim.clock.now()),
      errors: [],
    });
    expect(await describe_('gamma')).toMatchObject({
      status: 'UPDATING',
      zonalShiftConfig: { enabled: false },
    });
    expect(arcListed()).toEqual(['alpha', 'beta']);

    sim.advance(119_000);
    const during = await eks.send(
      new DescribeUpdateCommand({ name: 'gamma', updateId: update!.id }),
    );
    expect(during.update?.status).toBe('InProgress');

    sim.advance(1_000);
    const done = await eks.send(
      new DescribeUpdateCommand({ name: 'gamma', updateId: update!.id }),
    );
    expect(done.update).toMatchObject({ status: 'Successful', errors: [] });
    expect(await describe_('gamma')).toMatchObject({
      status: 'ACTIVE',
      zonalShiftConfig: { enabled: true },
    });
    expect(arcListed()).toEqual(['alpha', 'beta', 'gamma']);
    expect(
      (await eks.send(new ListUpdatesCommand({ name: 'gamma' }))).updateIds,
    ).toEqual([update!.id]);
  });

  it('returns the same update for a repeated clientRequestToken instead of starting another', async () => {
    const first = await eks.send(
      new UpdateClusterConfigCommand({
        name: 'gamma',
        zonalShiftConfig: { enabled: true },
        clientRequestToken: 'retry-me',
      }),
    );
    const again = await eks.send(
      new UpdateClusterConfigCommand({
        name: 'gamma',
        zonalShiftConfig: { enabled: true },
        clientRequestToken: 'retry-me',
      }),
    );
    expect(again.update?.id).toBe(first.update?.id);
    expect(
      (await eks.send(new ListUpdatesCommand({ name: 'gamma' }))).updateIds,
    ).toHaveLength(1);
  });

  it('refuses a second update while one is in progress (ResourceInUseException, 409)', async () => {
    const { update } = await eks.send(
      new UpdateClusterConfigCommand({
        name: 'gamma',
        zonalShiftConfig: { enabled: true },
      }),
    );
    const error = await rejection(
      eks.send(
        new UpdateClusterConfigCommand({
          name: 'gamma',
          zonalShiftConfig: { enabled: false },
        }),
      ),
    );
    expect(error).toMatchObject({
      name: 'ResourceInUseException',
      $metadata: { httpStatusCode: 409 },
      message: expect.stringContaining(update!.id!),
    });
  });

  it('refuses an update that changes nothing (InvalidParameterException)', async () => {
    const error = await rejection(
      eks.send(
        new UpdateClusterConfigCommand({
          name: 'alpha',
          zonalShiftConfig: { enabled: true },
        }),
      ),
    );
    expect(error).toMatchObject({
      name: 'InvalidParameterException',
      $metadata: { httpStatusCode: 400 },
      message: expect.stringContaining('already at the desired configuration'),
    });
    expect(
      (await eks.send(new ListUpdatesCommand({ name: 'alpha' }))).updateIds,
    ).toEqual([]);
  });

  it('refuses two update types at once, and says clearly what it does not emulate', async () => {
    const both = await rejection(
      eks.send(
        new UpdateClusterConfigCommand({
          name: 'gamma',
          zonalShiftConfig: { enabled: true },
          logging: { clusterLogging: [{ types: ['api'], enabled: true }] },
        }),
      ),
    );
    expect(both).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Only one type of update can be allowed.',
    });
    const other = await rejection(
      eks.send(
        new UpdateClusterConfigCommand({
          name: 'gamma',
          upgradePolicy: { supportType: 'EXTENDED' },
        }),
      ),
    );
    expect(other).toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining('emulates only zonalShiftConfig'),
    });
    const nothing = await rejection(
      eks.send(new UpdateClusterConfigCommand({ name: 'gamma' })),
    );
    expect(nothing).toMatchObject({ name: 'InvalidParameterException' });
    expect((await describe_('gamma')).status).toBe('ACTIVE');
  });

  it('answers ResourceNotFoundException for an unknown cluster or update', async () => {
    await expect(
      eks.send(
        new UpdateClusterConfigCommand({
          name: 'nope',
          zonalShiftConfig: { enabled: true },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(
      eks.send(new DescribeUpdateCommand({ name: 'gamma', updateId: 'nope' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'No update found for ID: nope.',
    });
  });

  it('ends an update Failed with its error when the control API armed a failure, and leaves the configuration as it was', async () => {
    const armed = await control('POST', 'eks/update-failures', {
      clusterArn: GAMMA,
      errorCode: 'AccessDenied',
      errorMessage: 'The cluster role cannot do that',
    });
    expect(armed.status).toBe(201);
    const { update } = await eks.send(
      new UpdateClusterConfigCommand({
        name: 'gamma',
        zonalShiftConfig: { enabled: true },
      }),
    );
    sim.advance(120_000);
    const done = await eks.send(
      new DescribeUpdateCommand({ name: 'gamma', updateId: update!.id }),
    );
    expect(done.update).toMatchObject({
      status: 'Failed',
      errors: [
        {
          errorCode: 'AccessDenied',
          errorMessage: 'The cluster role cannot do that',
          resourceIds: ['gamma'],
        },
      ],
    });
    expect(await describe_('gamma')).toMatchObject({
      status: 'ACTIVE',
      zonalShiftConfig: { enabled: false },
    });
    expect(arcListed()).not.toContain('gamma');
    // Only the next update fails.
    const next = await eks.send(
      new UpdateClusterConfigCommand({
        name: 'gamma',
        zonalShiftConfig: { enabled: true },
      }),
    );
    sim.advance(120_000);
    expect(
      (
        await eks.send(
          new DescribeUpdateCommand({
            name: 'gamma',
            updateId: next.update!.id,
          }),
        )
      ).update?.status,
    ).toBe('Successful');
  });

  it('turning zonal shift off deregisters the cluster from ARC once the update succeeds', async () => {
    await control('PUT', 'eks/updates', { durationMs: 0 });
    const { update } = await eks.send(
      new UpdateClusterConfigCommand({
        name: 'alpha',
        zonalShiftConfig: { enabled: false },
      }),
    );
    expect(update?.status).toBe('Successful');
    expect(arcListed()).toEqual(['beta']);
    expect(ALPHA).toContain('alpha');
  });

  it('validates the control routes: unknown cluster 404, bad code 400, bad duration 400', async () => {
    expect(
      (await control('POST', 'eks/update-failures', { clusterArn: 'arn:x' }))
        .status,
    ).toBe(404);
    const bad = await control('POST', 'eks/update-failures', {
      clusterArn: GAMMA,
      errorCode: 'Nope',
    });
    expect(bad).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining('errorCode') },
    });
    expect(
      (await control('PUT', 'eks/updates', { durationMs: -1 })).status,
    ).toBe(400);
    expect(await control('GET', 'eks/updates')).toEqual({
      status: 200,
      body: { durationMs: 120_000, failures: [] },
    });
    expect(
      (
        await control(
          'GET',
          `eks/updates?clusterArn=${encodeURIComponent('arn:x')}`,
        )
      ).status,
    ).toBe(404);
    const { update } = await eks.send(
      new UpdateClusterConfigCommand({
        name: 'gamma',
        zonalShiftConfig: { enabled: true },
      }),
    );
    expect(
      await control(
        'GET',
        `eks/updates?clusterArn=${encodeURIComponent(GAMMA)}`,
      ),
    ).toEqual({
      status: 200,
      body: {
        durationMs: 120_000,
        failures: [],
        updates: [
          expect.objectContaining({
            id: update!.id,
            status: 'InProgress',
            type: 'ZonalShiftConfigUpdate',
            createdAt: new Date(sim.clock.now()).toISOString(),
            completeAt: new Date(sim.clock.now() + 120_000).toISOString(),
          }),
        ],
      },
    });
  });

  it('counts the new operations as their IAM actions and lets a denial refuse them', async () => {
    sim.setIamDenies([{ action: 'eks:UpdateClusterConfig' }]);
    await expect(
      eks.send(
        new UpdateClusterConfigCommand({
          name: 'gamma',
          zonalShiftConfig: { enabled: true },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining(
        `eks:UpdateClusterConfig on resource: ${GAMMA}`,
      ),
    });
    sim.setIamDenies([]);
    await eks.send(new ListUpdatesCommand({ name: 'gamma' }));
    const actions = sim.awsRequests().map(r => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(['eks:UpdateClusterConfig', 'eks:ListUpdates']),
    );
  });
});
