import { InputError } from '@backstage/errors';
import {
  givenFields,
  parseBody,
  parseFleetShiftInput,
  parseIdempotencyKey,
  parseZonalShiftId,
  START_FIELDS,
  startShiftInput,
  updateShiftInput,
} from './parseActionInput';

const ARN = 'arn:aws:eks:us-east-1:111122223333:cluster/payments';

describe('parseBody', () => {
  it('takes an object with known fields, and no body as empty', () => {
    expect(parseBody({ awayFrom: 'a' }, START_FIELDS)).toEqual({
      awayFrom: 'a',
    });
    expect(parseBody(undefined, START_FIELDS)).toEqual({});
  });

  it('refuses other shapes and unknown fields, naming them', () => {
    expect(() => parseBody([1], START_FIELDS)).toThrow(
      'The request body must be a JSON object',
    );
    expect(() => parseBody('text', START_FIELDS)).toThrow(InputError);
    expect(() =>
      parseBody({ awayFrom: 'a', force: 1, dryRun: true }, START_FIELDS),
    ).toThrow(
      'Unknown fields "force", "dryRun" in the request body; expected: awayFrom, expiresIn, comment',
    );
  });
});

describe('parseZonalShiftId', () => {
  it('accepts ARC shift IDs and refuses what could change a URL', () => {
    expect(parseZonalShiftId('2b5a1c3e-0d4f-4e1a-9b2c-7f8e9d0a1b2c')).toBe(
      '2b5a1c3e-0d4f-4e1a-9b2c-7f8e9d0a1b2c',
    );
    for (const bad of ['../..', 'abc', 'a'.repeat(37), 'abc def', 'abc%2F']) {
      expect(() => parseZonalShiftId(bad)).toThrow(/Invalid zonal shift ID/);
    }
  });
});

describe('parseFleetShiftInput', () => {
  const valid = {
    awayFrom: 'use1-az2',
    expiresIn: '2h',
    comment: ' AZ event ',
  };

  it('normalises a valid request', () => {
    expect(parseFleetShiftInput(valid)).toEqual({
      awayFrom: 'use1-az2',
      expiresIn: '2h',
      comment: 'AZ event',
      dryRun: false,
    });
    expect(
      parseFleetShiftInput({ ...valid, dryRun: true, clusters: [ARN, ARN] }),
    ).toEqual({
      awayFrom: 'use1-az2',
      expiresIn: '2h',
      comment: 'AZ event',
      dryRun: true,
      clusterArns: [ARN],
    });
    expect(
      parseFleetShiftInput({ ...valid, awayFrom: 'use1-bos1-az1' }).awayFrom,
    ).toBe('use1-bos1-az1');
  });

  it('refuses AZ names, bad values and bad cluster lists, with every problem in one message', () => {
    expect(() =>
      parseFleetShiftInput({ ...valid, awayFrom: 'us-east-1b' }),
    ).toThrow(
      'Invalid fleet shift: awayFrom: "us-east-1b" is not an AZ ID such as use1-az2 (AZ names differ per account, so only IDs are taken)',
    );
    let message = '';
    try {
      parseFleetShiftInput({ expiresIn: '100h', dryRun: 'yes', clusters: [] });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/awayFrom: is required/);
    expect(message).toMatch(
      /expiresIn: "100h" is longer than ARC's maximum of 72h/,
    );
    expect(message).toMatch(/comment: is required/);
    expect(message).toMatch(/dryRun: must be true or false/);
    expect(message).toMatch(
      /clusters: must be a list of 1 to 500 cluster ARNs/,
    );
    expect(() =>
      parseFleetShiftInput({ ...valid, clusters: ['arn:aws:s3:::bucket'] }),
    ).toThrow(/clusters: Invalid cluster ARN in clusters/);
  });

  it('refuses an awayFrom that is not text, however deeply nested, without echoing it', () => {
    let nested: unknown = 'use1-az1';
    for (let i = 0; i < 100_000; i += 1) nested = [nested];
    for (const awayFrom of [nested, 12, { id: 'use1-az1' }, true]) {
      expect(() => parseFleetShiftInput({ ...valid, awayFrom })).toThrow(
        'Invalid fleet shift: awayFrom: must be a string: an AZ ID such as use1-az2',
      );
    }
  });
});

describe('parseIdempotencyKey', () => {
  it('accepts absent and well-formed keys', () => {
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
    expect(parseIdempotencyKey('a1.B_2:c-3')).toBe('a1.B_2:c-3');
    expect(parseIdempotencyKey('x'.repeat(128))).toHaveLength(128);
  });

  it.each(['', 'has space', 'x'.repeat(129), 'é', 'a/b'])('refuses %p', key => {
    expect(() => parseIdempotencyKey(key)).toThrow(InputError);
  });
});

describe('startShiftInput and updateShiftInput', () => {
  const zones = [
    { name: 'us-east-1a', id: 'use1-az1' },
    { name: 'us-east-1b', id: 'use1-az2' },
  ];

  it('give the body as sent for the audit, unknown fields named so', () => {
    expect(givenFields({ comment: 'x', force: true }, START_FIELDS)).toEqual({
      comment: 'x',
      'unknown:force': true,
    });
    expect(givenFields('text', START_FIELDS)).toEqual({ body: 'text' });
    expect(givenFields(undefined, START_FIELDS)).toEqual({});
    expect(startShiftInput({ awayFrom: 'use1-az1', extra: 1 }).given).toEqual({
      awayFrom: 'use1-az1',
      'unknown:extra': 1,
    });
  });

  it('parse only when asked, against the cluster’s AZs', () => {
    const start = startShiftInput({
      awayFrom: 'us-east-1b',
      expiresIn: '1h',
      comment: ' drill ',
    });
    expect(start.parse(zones)).toEqual({
      awayFrom: 'use1-az2',
      expiresIn: '1h',
      comment: 'drill',
    });
    expect(() =>
      startShiftInput({ awayFrom: 'use1-az1', force: true }).parse(zones),
    ).toThrow(/^Unknown field "force"/);
    expect(() =>
      startShiftInput({ awayFrom: 'use1-az1' }).parse(zones),
    ).toThrow(/^Invalid zonal shift: .*comment: is required/);
    expect(updateShiftInput({ extendBy: '1h' }).parse(zones)).toEqual({
      extendBy: '1h',
    });
    expect(() => updateShiftInput({}).parse(zones)).toThrow(
      /^Invalid zonal shift update: /,
    );
  });
});
