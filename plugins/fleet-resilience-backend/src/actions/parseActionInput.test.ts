import { InputError } from '@backstage/errors';
import {
  auditInputs,
  parseBody,
  parseFleetShiftInput,
  parseZonalShiftId,
  START_FIELDS,
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
});

describe('auditInputs', () => {
  it('keeps plain values and bounds the rest', () => {
    expect(
      auditInputs({
        a: 'x',
        b: 2,
        c: true,
        d: null,
        e: undefined,
        f: { g: 1 },
        h: 'y'.repeat(300),
      }),
    ).toEqual({
      a: 'x',
      b: 2,
      c: true,
      d: null,
      f: '{"g":1}',
      h: `${'y'.repeat(200)}…`,
    });
  });
});
