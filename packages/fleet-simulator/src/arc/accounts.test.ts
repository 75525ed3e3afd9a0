import {
  ACCOUNT,
  AUTOSHIFT_ON,
  OTHER_ACCOUNT,
  OUTCOME_ALARM,
  PARTNER,
  PROD,
  STAGING,
  createArcFixture,
  encoded,
  itemsOf,
  type ArcCall,
} from './__testUtils__/arcFixture';

/** An account of the fleet without clusters. */
const EMPTY_ACCOUNT = '777788889999';

const expectNotFound = (response: ArcCall) => {
  expect(response.status).toBe(404);
  expect(response.headers['x-amzn-errortype']).toBe(
    'ResourceNotFoundException',
  );
};

describe('ARC separates accounts', () => {
  it('lists and gets only the managed resources of the caller account', async () => {
    const { call, callIn } = createArcFixture();
    const arns = async (response: Promise<ArcCall>) =>
      itemsOf(await response).map(resource => resource.arn);
    expect(await arns(callIn(ACCOUNT)('GET', '/managedresources'))).toEqual([
      PROD,
      STAGING,
    ]);
    expect(
      await arns(callIn(OTHER_ACCOUNT)('GET', '/managedresources')),
    ).toEqual([PARTNER]);
    // A key that names no account acts in the first one.
    expect(await arns(call('GET', '/managedresources'))).toEqual([
      PROD,
      STAGING,
    ]);
    expectNotFound(
      await callIn(OTHER_ACCOUNT)('GET', `/managedresources/${encoded(PROD)}`),
    );
    expectNotFound(
      await callIn(ACCOUNT)('GET', `/managedresources/${encoded(PARTNER)}`),
    );
    const own = await callIn(OTHER_ACCOUNT)(
      'GET',
      `/managedresources/${encoded(PARTNER)}`,
    );
    expect(own.body.arn).toBe(PARTNER);
  });

  it("refuses every change to another account's resource with 404 and changes nothing", async () => {
    const { callIn, events, fleet } = createArcFixture();
    const other = callIn(OTHER_ACCOUNT);
    const target = { resourceIdentifier: PROD, awayFrom: 'use1-az1' };
    expectNotFound(
      await other('POST', '/zonalshifts', {
        ...target,
        expiresIn: '1h',
        comment: 'not mine',
      }),
    );
    expectNotFound(
      await other('POST', '/configuration', {
        resourceIdentifier: PROD,
        outcomeAlarms: [OUTCOME_ALARM],
      }),
    );
    expectNotFound(
      await other('PUT', `/managedresources/${encoded(PROD)}`, {
        zonalAutoshiftStatus: 'DISABLED',
      }),
    );
    expect(events).toEqual([]);
    expect(fleet.appliedChanges).toEqual([]);
    const own = await callIn(ACCOUNT)(
      'GET',
      `/managedresources/${encoded(PROD)}`,
    );
    expect(own.body).toMatchObject({
      zonalShifts: [],
      zonalAutoshiftStatus: 'DISABLED',
    });
    expect(own.body.practiceRunConfiguration).toBeUndefined();
  });

  it("refuses to see, update or cancel another account's shifts and practice runs", async () => {
    const { callIn, events } = createArcFixture({ settings: AUTOSHIFT_ON });
    const mine = callIn(ACCOUNT);
    const other = callIn(OTHER_ACCOUNT);
    const shift = await mine('POST', '/zonalshifts', {
      resourceIdentifier: STAGING,
      awayFrom: 'use1-az2',
      expiresIn: '1h',
      comment: 'mine',
    });
    const practice = await mine('POST', '/practiceruns', {
      resourceIdentifier: PROD,
      awayFrom: 'use1-az1',
      comment: 'weekly',
    });
    const shiftId = String(shift.body.zonalShiftId);
    const practiceId = String(practice.body.zonalShiftId);

    expect(itemsOf(await other('GET', '/zonalshifts'))).toEqual([]);
    expect(
      itemsOf(
        await other('GET', `/zonalshifts?resourceIdentifier=${encoded(PROD)}`),
      ),
    ).toEqual([]);
    expectNotFound(
      await other('PATCH', `/zonalshifts/${shiftId}`, { comment: 'theirs' }),
    );
    expectNotFound(await other('DELETE', `/zonalshifts/${shiftId}`));
    expectNotFound(await other('DELETE', `/practiceruns/${practiceId}`));

    const listed = itemsOf(await mine('GET', '/zonalshifts?status=ACTIVE'));
    expect(listed.map(s => [s.zonalShiftId, s.comment])).toEqual([
      [shiftId, 'mine'],
      [practiceId, 'weekly'],
    ]);
    expect(events.map(e => e['detail-type'])).toEqual([
      'Manual Shift Started',
      'Practice Run Started',
    ]);
  });

  it('keeps each account to its own shifts away from the same AZ', async () => {
    const { callIn } = createArcFixture();
    const away = { awayFrom: 'use1-az1', expiresIn: '1h' };
    await callIn(ACCOUNT)('POST', '/zonalshifts', {
      ...away,
      resourceIdentifier: PROD,
      comment: 'prod',
    });
    const partner = await callIn(OTHER_ACCOUNT)('POST', '/zonalshifts', {
      ...away,
      resourceIdentifier: PARTNER,
      comment: 'partner',
    });
    expect(partner.status).toBe(201);
    const resources = async (accountId: string) =>
      itemsOf(await callIn(accountId)('GET', '/zonalshifts')).map(
        shift => shift.resourceIdentifier,
      );
    expect(await resources(ACCOUNT)).toEqual([PROD]);
    expect(await resources(OTHER_ACCOUNT)).toEqual([PARTNER]);
  });

  it('lists an autoshift only to the accounts whose resources it shifted', async () => {
    const { arc, callIn } = createArcFixture();
    const autoshifts = async (accountId: string, status = 'ACTIVE') =>
      itemsOf(
        await callIn(accountId)('GET', `/autoshifts?status=${status}`),
      ).map(autoshift => autoshift.awayFrom);
    arc.startAutoshift({ awayFrom: 'use1-az1', resourceArns: [PROD] });
    arc.startAutoshift({ awayFrom: 'use1-az2', resourceArns: [PROD, PARTNER] });
    expect(await autoshifts(ACCOUNT)).toEqual(['use1-az1', 'use1-az2']);
    expect(await autoshifts(OTHER_ACCOUNT)).toEqual(['use1-az2']);
    arc.endAutoshift('use1-az1');
    expect(await autoshifts(OTHER_ACCOUNT, 'COMPLETED')).toEqual([]);
    expect(await autoshifts(ACCOUNT, 'COMPLETED')).toEqual(['use1-az1']);
  });

  it("refuses a page token from another account's list", async () => {
    const { callIn } = createArcFixture();
    const first = await callIn(ACCOUNT)(
      'GET',
      '/managedresources?maxResults=1',
    );
    const token = encodeURIComponent(String(first.body.nextToken));
    const misused = await callIn(OTHER_ACCOUNT)(
      'GET',
      `/managedresources?maxResults=1&nextToken=${token}`,
    );
    expect(misused.status).toBe(400);
    expect(misused.body.reason).toBe('InvalidToken');
  });

  it('names the caller account from the fleet accounts, not only those with clusters', async () => {
    const { call, callIn } = createArcFixture({
      accountIds: [EMPTY_ACCOUNT, ACCOUNT, OTHER_ACCOUNT],
    });
    expect(
      itemsOf(await callIn(EMPTY_ACCOUNT)('GET', '/managedresources')),
    ).toEqual([]);
    // The fleet's first account has no clusters: an unnamed key sees none.
    expect(itemsOf(await call('GET', '/managedresources'))).toEqual([]);
    expectNotFound(await call('GET', `/managedresources/${encoded(PROD)}`));
    expect(
      itemsOf(await callIn(ACCOUNT)('GET', '/managedresources')),
    ).toHaveLength(2);
  });
});
