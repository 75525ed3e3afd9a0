import { InputError } from '@backstage/errors';
import { ArcZonalShiftError } from './ArcZonalShiftError';
import {
  PROD,
  STAGING,
  caught,
  startArcTestServer,
  type ArcTestServer,
} from './__testUtils__/arcTestServer';

const shift = {
  resourceIdentifier: PROD,
  awayFrom: 'use1-az1',
  expiresIn: '1h',
  comment: 'x',
};

describe('ArcZonalShiftClient errors', () => {
  let sim: ArcTestServer;
  beforeEach(async () => {
    sim = await startArcTestServer();
  });
  afterEach(() => sim.close());

  const failure = async (action: () => Promise<unknown>) => {
    const error = await caught(action);
    expect(error).toBeInstanceOf(ArcZonalShiftError);
    const { name, statusCode, reason, zonalShiftId, retryable } =
      error as ArcZonalShiftError;
    return { name, statusCode, reason, zonalShiftId, retryable };
  };

  it.each([
    ['expiresIn over 72h', { expiresIn: '80h' }, 'InvalidExpiresIn'],
    ['expiresIn in days', { expiresIn: '1d' }, 'InvalidExpiresIn'],
    ['an AZ name', { awayFrom: 'us-east-1a' }, 'InvalidAz'],
    [
      'an AZ the cluster is not in',
      { resourceIdentifier: STAGING, awayFrom: 'use1-az4' },
      'UnsupportedAz',
    ],
    [
      'a name instead of an ARN',
      { resourceIdentifier: 'prod-cluster' },
      'InvalidResourceIdentifier',
    ],
    ['a comment over 128 characters', { comment: 'c'.repeat(129) }, undefined],
  ])(
    'rejects %s with ValidationException 400',
    async (_what, overrides, reason) => {
      const arc = sim.client({ maxAttempts: 1 });
      expect(
        await failure(() => arc.startZonalShift({ ...shift, ...overrides })),
      ).toEqual({
        name: 'ValidationException',
        statusCode: 400,
        reason,
        zonalShiftId: undefined,
        retryable: false,
      });
    },
  );

  it('names the shift in the way in a ConflictException', async () => {
    const arc = sim.client({ maxAttempts: 1 });
    const first = await arc.startZonalShift(shift);
    expect(
      await failure(() =>
        arc.startZonalShift({ ...shift, awayFrom: 'use1-az2' }),
      ),
    ).toEqual({
      name: 'ConflictException',
      statusCode: 409,
      reason: 'ZonalShiftAlreadyExists',
      zonalShiftId: first.zonalShiftId,
      retryable: false,
    });
    await arc.cancelZonalShift(first.zonalShiftId);
    expect(
      await failure(() =>
        arc.updateZonalShift({
          zonalShiftId: first.zonalShiftId,
          comment: 'y',
        }),
      ),
    ).toMatchObject({
      reason: 'ZonalShiftStatusNotActive',
      zonalShiftId: first.zonalShiftId,
    });
    expect(
      await failure(() =>
        arc.updateZonalAutoshiftConfiguration({
          resourceIdentifier: PROD,
          zonalAutoshiftStatus: 'ENABLED',
        }),
      ),
    ).toMatchObject({
      name: 'ConflictException',
      reason: 'PracticeConfigurationDoesNotExist',
    });
  });

  it('answers ResourceNotFoundException 404 for unknown resources and shifts', async () => {
    const arc = sim.client({ maxAttempts: 1 });
    const unknownArn = 'arn:aws:eks:us-east-1:111122223333:cluster/gone';
    for (const action of [
      () => arc.getManagedResource(unknownArn),
      () => arc.startZonalShift({ ...shift, resourceIdentifier: unknownArn }),
      () => arc.cancelZonalShift('00000000-0000-0000-0000-000000000000'),
    ]) {
      expect(await failure(action)).toMatchObject({
        name: 'ResourceNotFoundException',
        statusCode: 404,
      });
    }
  });

  it('gets 403 for a request with no signature or a garbled one', async () => {
    const tamper =
      (change: (headers: Headers) => void): typeof fetch =>
      (input, init) => {
        const headers = new Headers(init?.headers);
        change(headers);
        return fetch(input, { ...init, headers });
      };
    const unsigned = sim.client({
      fetch: tamper(h => h.delete('authorization')),
    });
    expect(await failure(() => unsigned.listZonalShifts())).toMatchObject({
      name: 'MissingAuthenticationTokenException',
      statusCode: 403,
      retryable: false,
    });
    const garbled = sim.client({
      fetch: tamper(h =>
        h.set(
          'authorization',
          h.get('authorization')!.replace('Signature=', 'Sig='),
        ),
      ),
    });
    expect(await failure(() => garbled.listZonalShifts())).toMatchObject({
      name: 'IncompleteSignatureException',
      statusCode: 403,
    });
    expect(sim.requests).toHaveLength(0);
  });

  it('leaves state unchanged after a malformed request', async () => {
    const arc = sim.client({ maxAttempts: 1 });
    await arc.startZonalShift({ ...shift, resourceIdentifier: STAGING });
    const before = await arc.listManagedResources();
    const breakBody: typeof fetch = (input, init) =>
      fetch(input, { ...init, body: '{"resourceIdentifier": ' });
    const broken = sim.client({ maxAttempts: 1, fetch: breakBody });
    expect(await failure(() => broken.startZonalShift(shift))).toMatchObject({
      name: 'ValidationException',
      statusCode: 400,
    });
    expect(
      await failure(() => arc.startZonalShift({ ...shift, expiresIn: '0m' })),
    ).toMatchObject({
      reason: 'InvalidExpiresIn',
    });
    expect(await arc.listManagedResources()).toEqual(before);
    expect((await arc.listZonalShifts()).items).toHaveLength(1);
    expect(sim.fleet.appliedChanges).toEqual([
      { arn: STAGING, awayFrom: 'use1-az1' },
    ]);
  });

  it('refuses IDs that would change the URL before sending anything', async () => {
    const arc = sim.client();
    expect(
      await caught(() => arc.cancelZonalShift('../managedresources')),
    ).toBeInstanceOf(InputError);
    expect(
      await caught(() =>
        arc.updateZonalShift({ zonalShiftId: 'a?b=c&d', comment: 'x' }),
      ),
    ).toBeInstanceOf(InputError);
    expect(await caught(() => arc.getManagedResource('arn'))).toBeInstanceOf(
      InputError,
    );
    expect(sim.requests).toHaveLength(0);
  });
});
