import {
  AUTOSHIFT_ON,
  OUTCOME_ALARM,
  PROD,
  STAGING,
  createArcFixture,
  encoded,
} from './__testUtils__/arcFixture';

const shift = {
  resourceIdentifier: PROD,
  awayFrom: 'use1-az1',
  expiresIn: '1h',
  comment: 'ok',
};

/** [what, method, path, body, status, error type, reason] */
const malformed: Array<
  [string, string, string, unknown, number, string, string | undefined]
> = [
  [
    'expiresIn in seconds',
    'POST',
    '/zonalshifts',
    { ...shift, expiresIn: '30s' },
    400,
    'ValidationException',
    'InvalidExpiresIn',
  ],
  [
    'expiresIn with a leading zero',
    'POST',
    '/zonalshifts',
    { ...shift, expiresIn: '05m' },
    400,
    'ValidationException',
    'InvalidExpiresIn',
  ],
  [
    'expiresIn over 72h',
    'POST',
    '/zonalshifts',
    { ...shift, expiresIn: '73h' },
    400,
    'ValidationException',
    'InvalidExpiresIn',
  ],
  [
    'expiresIn over 72h in minutes',
    'POST',
    '/zonalshifts',
    { ...shift, expiresIn: '4321m' },
    400,
    'ValidationException',
    'InvalidExpiresIn',
  ],
  [
    'an AZ name instead of an ID',
    'POST',
    '/zonalshifts',
    { ...shift, awayFrom: 'us-east-1a' },
    400,
    'ValidationException',
    'InvalidAz',
  ],
  [
    'an AZ the resource is not in',
    'POST',
    '/zonalshifts',
    { ...shift, resourceIdentifier: STAGING, awayFrom: 'use1-az4' },
    400,
    'ValidationException',
    'UnsupportedAz',
  ],
  [
    'a resource identifier that is no ARN',
    'POST',
    '/zonalshifts',
    { ...shift, resourceIdentifier: 'prod-cluster' },
    400,
    'ValidationException',
    'InvalidResourceIdentifier',
  ],
  [
    'a missing expiresIn',
    'POST',
    '/zonalshifts',
    { ...shift, expiresIn: undefined },
    400,
    'ValidationException',
    'MissingValue',
  ],
  [
    'a comment of 129 characters',
    'POST',
    '/zonalshifts',
    { ...shift, comment: 'x'.repeat(129) },
    400,
    'ValidationException',
    undefined,
  ],
  [
    'a comment of 129 emoji (129 code points)',
    'POST',
    '/zonalshifts',
    { ...shift, comment: '🚨'.repeat(129) },
    400,
    'ValidationException',
    undefined,
  ],
  [
    'a number for a string',
    'POST',
    '/zonalshifts',
    { ...shift, comment: 42 },
    400,
    'ValidationException',
    undefined,
  ],
  [
    'broken JSON',
    'POST',
    '/zonalshifts',
    '{"resourceIdentifier":',
    400,
    'ValidationException',
    undefined,
  ],
  [
    'a JSON array',
    'POST',
    '/zonalshifts',
    '[]',
    400,
    'ValidationException',
    undefined,
  ],
  [
    'an unknown resource',
    'POST',
    '/zonalshifts',
    {
      ...shift,
      resourceIdentifier: 'arn:aws:eks:us-east-1:111122223333:cluster/nope',
    },
    404,
    'ResourceNotFoundException',
    undefined,
  ],
  [
    'maxResults 0',
    'GET',
    '/zonalshifts?maxResults=0',
    undefined,
    400,
    'ValidationException',
    undefined,
  ],
  [
    'maxResults 101',
    'GET',
    '/managedresources?maxResults=101',
    undefined,
    400,
    'ValidationException',
    undefined,
  ],
  [
    'an unknown status filter',
    'GET',
    '/zonalshifts?status=DONE',
    undefined,
    400,
    'ValidationException',
    'InvalidStatus',
  ],
  [
    'an unknown autoshift status',
    'GET',
    '/autoshifts?status=EXPIRED',
    undefined,
    400,
    'ValidationException',
    'InvalidStatus',
  ],
  [
    'a zonal shift ID with a slash-like character',
    'DELETE',
    '/zonalshifts/abc%2Fdefgh',
    undefined,
    400,
    'ValidationException',
    undefined,
  ],
  [
    'an unknown zonal shift',
    'DELETE',
    '/zonalshifts/shift-9999',
    undefined,
    404,
    'ResourceNotFoundException',
    undefined,
  ],
  [
    'an update with nothing to update',
    'PATCH',
    '/zonalshifts/shift-0001',
    {},
    400,
    'ValidationException',
    'MissingValue',
  ],
  [
    'a badly encoded ARN',
    'GET',
    '/managedresources/arn%3Aaws%ZZ',
    undefined,
    400,
    'ValidationException',
    'InvalidResourceIdentifier',
  ],
  [
    'an autoshift status that does not exist',
    'PUT',
    `/managedresources/${encoded(PROD)}`,
    { zonalAutoshiftStatus: 'ON' },
    400,
    'ValidationException',
    'InvalidStatus',
  ],
  [
    'an alarm that is not CloudWatch',
    'POST',
    '/configuration',
    {
      resourceIdentifier: STAGING,
      outcomeAlarms: [{ ...OUTCOME_ALARM, type: 'DATADOG' }],
    },
    400,
    'ValidationException',
    'InvalidConditionType',
  ],
  [
    'an alarm in another Region than the resource',
    'POST',
    '/configuration',
    {
      resourceIdentifier: STAGING,
      outcomeAlarms: [
        {
          type: 'CLOUDWATCH',
          alarmIdentifier:
            'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:elsewhere',
        },
      ],
    },
    400,
    'ValidationException',
    'InvalidAlarmCondition',
  ],
  [
    'no outcome alarm',
    'POST',
    '/configuration',
    { resourceIdentifier: STAGING, outcomeAlarms: [] },
    400,
    'ValidationException',
    'InvalidAlarmCondition',
  ],
  [
    'a blocked window spanning two days',
    'POST',
    '/configuration',
    {
      resourceIdentifier: STAGING,
      outcomeAlarms: [OUTCOME_ALARM],
      blockedWindows: ['Mon:22:00-Tue:02:00'],
    },
    400,
    'ValidationException',
    'InvalidPracticeBlocker',
  ],
  [
    'a blocked date that does not exist',
    'POST',
    '/configuration',
    {
      resourceIdentifier: STAGING,
      outcomeAlarms: [OUTCOME_ALARM],
      blockedDates: ['2026-02-30'],
    },
    400,
    'ValidationException',
    'InvalidPracticeBlocker',
  ],
  [
    'a malformed allowed window',
    'POST',
    '/configuration',
    {
      resourceIdentifier: STAGING,
      outcomeAlarms: [OUTCOME_ALARM],
      allowedWindows: ['Mon-10:00-11:00'],
    },
    400,
    'ValidationException',
    'InvalidPracticeAllowedWindow',
  ],
  [
    'blocked and allowed windows together',
    'POST',
    '/configuration',
    {
      resourceIdentifier: STAGING,
      outcomeAlarms: [OUTCOME_ALARM],
      blockedWindows: ['Mon:10:00-Mon:11:00'],
      allowedWindows: ['Tue:10:00-Tue:11:00'],
    },
    400,
    'ValidationException',
    'InvalidPracticeWindows',
  ],
  [
    'a practice run without a configuration',
    'POST',
    '/practiceruns',
    { resourceIdentifier: STAGING, awayFrom: 'use1-az1', comment: 'x' },
    409,
    'ConflictException',
    'PracticeConfigurationDoesNotExist',
  ],
  [
    'a practice run away from an AZ name',
    'POST',
    '/practiceruns',
    { resourceIdentifier: PROD, awayFrom: 'us-east-1d', comment: 'x' },
    400,
    'ValidationException',
    'InvalidAz',
  ],
];

describe('malformed and refused requests', () => {
  it.each(malformed)(
    'answers %s with the AWS error and changes nothing',
    async (_what, method, path, body, status, type, reason) => {
      const fixture = createArcFixture({ settings: AUTOSHIFT_ON });
      await fixture.startShift({
        resourceIdentifier: STAGING,
        awayFrom: 'use1-az2',
      });
      const before = {
        shifts: await fixture.call('GET', '/zonalshifts'),
        resources: await fixture.call('GET', '/managedresources'),
        events: fixture.events.length,
        applied: fixture.fleet.appliedChanges.length,
      };

      const response = await fixture.call(method, path, body);

      expect(response.status).toBe(status);
      expect(response.headers['x-amzn-errortype']).toBe(type);
      expect(response.body.message).toEqual(expect.any(String));
      expect(response.body.reason).toBe(reason);
      expect(await fixture.call('GET', '/zonalshifts')).toEqual(before.shifts);
      expect(await fixture.call('GET', '/managedresources')).toEqual(
        before.resources,
      );
      expect(fixture.events).toHaveLength(before.events);
      expect(fixture.fleet.appliedChanges).toHaveLength(before.applied);
    },
  );
});

describe('comment', () => {
  it.each([
    ['NUL and other control characters', 'AZ\u0000impaired\t\n\u0085'],
    ['128 emoji (128 code points, 256 UTF-16 code units)', '🚨'.repeat(128)],
  ])(
    "takes %s, as ARC's model does, and returns it as given",
    async (_, comment) => {
      const fixture = createArcFixture({ settings: AUTOSHIFT_ON });
      const response = await fixture.call('POST', '/zonalshifts', {
        ...shift,
        comment,
      });
      expect(response.status).toBe(201);
      expect(response.body.comment).toBe(comment);
      const listed = await fixture.call('GET', '/zonalshifts');
      expect(
        (listed.body.items as Array<{ comment: string }>).map(s => s.comment),
      ).toContain(comment);
    },
  );
});
