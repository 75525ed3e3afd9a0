import { ArcZonalShiftError } from './ArcZonalShiftError';
import {
  ACCOUNT,
  PARTNER,
  PARTNER_ACCOUNT,
  PROD,
  STAGING,
  caught,
  startArcTestServer,
  type ArcTestServer,
} from './__testUtils__/arcTestServer';

const away = { awayFrom: 'use1-az1', expiresIn: '1h' };

describe('ArcZonalShiftClient acts in its own account only', () => {
  let sim: ArcTestServer;
  beforeEach(async () => {
    sim = await startArcTestServer();
  });
  afterEach(() => sim.close());

  const notFound = async (action: () => Promise<unknown>) => {
    const error = await caught(action);
    expect(error).toBeInstanceOf(ArcZonalShiftError);
    const { name, statusCode } = error as ArcZonalShiftError;
    expect({ name, statusCode }).toEqual({
      name: 'ResourceNotFoundException',
      statusCode: 404,
    });
  };

  it('lists each account its own clusters', async () => {
    const arns = async (accountId: string) =>
      (await sim.clientIn(accountId).listManagedResources()).items.map(
        resource => resource.arn,
      );
    expect(await arns(ACCOUNT)).toEqual([PROD, STAGING]);
    expect(await arns(PARTNER_ACCOUNT)).toEqual([PARTNER]);
    expect(
      (await sim.clientIn(PARTNER_ACCOUNT).getManagedResource(PARTNER)).arn,
    ).toBe(PARTNER);
  });

  it("cannot see or shift another account's cluster", async () => {
    const partner = sim.clientIn(PARTNER_ACCOUNT, { maxAttempts: 1 });
    await notFound(() => partner.getManagedResource(PROD));
    await notFound(() =>
      partner.startZonalShift({
        ...away,
        resourceIdentifier: PROD,
        comment: 'not mine',
      }),
    );
    expect(sim.arc.appliedAwayZone(PROD)).toBeUndefined();

    const shift = await sim.clientIn(ACCOUNT).startZonalShift({
      ...away,
      resourceIdentifier: PROD,
      comment: 'mine',
    });
    expect((await partner.listZonalShifts()).items).toEqual([]);
    await notFound(() =>
      partner.updateZonalShift({
        zonalShiftId: shift.zonalShiftId,
        comment: 'theirs',
      }),
    );
    await notFound(() => partner.cancelZonalShift(shift.zonalShiftId));

    const mine = await sim.clientIn(ACCOUNT).listZonalShifts();
    expect(mine.items).toEqual([
      expect.objectContaining({
        zonalShiftId: shift.zonalShiftId,
        comment: 'mine',
        status: 'ACTIVE',
      }),
    ]);
    expect(sim.arc.appliedAwayZone(PROD)).toBe('use1-az1');
  });

  it('lets each account shift its own cluster away from the same AZ', async () => {
    await sim.clientIn(ACCOUNT).startZonalShift({
      ...away,
      resourceIdentifier: PROD,
      comment: 'prod',
    });
    await sim.clientIn(PARTNER_ACCOUNT).startZonalShift({
      ...away,
      resourceIdentifier: PARTNER,
      comment: 'partner',
    });
    const shifted = async (accountId: string) =>
      (await sim.clientIn(accountId).listZonalShifts()).items.map(
        shift => shift.resourceIdentifier,
      );
    expect(await shifted(ACCOUNT)).toEqual([PROD]);
    expect(await shifted(PARTNER_ACCOUNT)).toEqual([PARTNER]);
    expect(sim.arc.appliedAwayZone(PARTNER)).toBe('use1-az1');
  });
});
