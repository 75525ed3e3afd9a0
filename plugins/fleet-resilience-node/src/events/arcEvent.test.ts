import { parseArcEvent } from './arcEvent';

const CLUSTER = 'arn:aws:eks:us-east-1:111122223333:cluster/payments-prod-use1';

/** An EventBridge envelope as delivered to SQS, with `changes` applied (undefined removes). */
function body(changes: Record<string, unknown> = {}): string {
  const envelope: Record<string, unknown> = {
    version: '0',
    id: '3f1d6c1e-1111-2222-3333-444455556666',
    'detail-type': 'Manual Shift Started',
    source: 'aws.arc-zonal-shift',
    account: '111122223333',
    time: '2026-11-22T08:00:00Z',
    region: 'us-east-1',
    resources: [CLUSTER],
    detail: {
      version: '0.0.1',
      metadata: { awayFrom: 'use1-az2', notes: 'bad deploy' },
    },
  };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete envelope[key];
    else envelope[key] = value;
  }
  return JSON.stringify(envelope);
}

describe('parseArcEvent', () => {
  it('reads a manual shift start', () => {
    expect(parseArcEvent(body())).toEqual({
      type: 'event',
      event: {
        kind: 'manualShiftStarted',
        detailType: 'Manual Shift Started',
        shiftType: 'ZONAL_SHIFT',
        phase: 'started',
        id: '3f1d6c1e-1111-2222-3333-444455556666',
        accountId: '111122223333',
        region: 'us-east-1',
        resources: [CLUSTER],
        awayFrom: 'use1-az2',
        notes: 'bad deploy',
        time: '2026-11-22T08:00:00Z',
      },
    });
  });

  it.each([
    ['Autoshift In Progress', 'autoshiftStarted', 'ZONAL_AUTOSHIFT', 'started'],
    ['Autoshift Completed', 'autoshiftCompleted', 'ZONAL_AUTOSHIFT', 'ended'],
    ['Practice Run Started', 'practiceRunStarted', 'PRACTICE_RUN', 'started'],
    ['Practice Run Succeeded', 'practiceRunSucceeded', 'PRACTICE_RUN', 'ended'],
    [
      'Practice Run Interrupted',
      'practiceRunInterrupted',
      'PRACTICE_RUN',
      'ended',
    ],
    ['Practice Run Failed', 'practiceRunFailed', 'PRACTICE_RUN', 'ended'],
    [
      'FIS Experiment Autoshift In Progress',
      'fisExperimentStarted',
      'FIS_EXPERIMENT',
      'started',
    ],
    [
      'FIS Experiment Autoshift Completed',
      'fisExperimentCompleted',
      'FIS_EXPERIMENT',
      'ended',
    ],
    [
      'FIS Experiment Autoshift Canceled',
      'fisExperimentCanceled',
      'FIS_EXPERIMENT',
      'ended',
    ],
    ['Manual Shift Started', 'manualShiftStarted', 'ZONAL_SHIFT', 'started'],
    ['Manual Shift Updated', 'manualShiftUpdated', 'ZONAL_SHIFT', 'updated'],
    ['Manual Shift Canceled', 'manualShiftCanceled', 'ZONAL_SHIFT', 'ended'],
  ])('reads %s', (detailType, kind, shiftType, phase) => {
    expect(parseArcEvent(body({ 'detail-type': detailType }))).toEqual({
      type: 'event',
      event: expect.objectContaining({ detailType, kind, shiftType, phase }),
    });
  });

  it('keeps only EKS cluster ARNs among the resources, and accepts none', () => {
    const result = parseArcEvent(
      body({
        resources: [
          'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/1234',
          CLUSTER,
          'arn:aws:eks:us-east-1:111122223333:nodegroup/x/y/z',
        ],
      }),
    );
    expect(result).toMatchObject({ event: { resources: [CLUSTER] } });
    expect(parseArcEvent(body({ resources: undefined }))).toMatchObject({
      event: { resources: [] },
    });
  });

  it('reads an event without metadata, id or notes', () => {
    expect(
      parseArcEvent(body({ id: undefined, detail: { version: '0.0.1' } })),
    ).toEqual({
      type: 'event',
      event: expect.not.objectContaining({ id: expect.anything() }),
    });
    const result = parseArcEvent(body({ detail: undefined }));
    expect(result.type).toBe('event');
    expect(result).not.toHaveProperty('event.awayFrom');
  });

  it('ignores an ARC detail-type it does not know', () => {
    expect(
      parseArcEvent(
        body({ 'detail-type': 'Zonal Autoshift Configuration Changed' }),
      ),
    ).toEqual({
      type: 'ignored',
      reason: expect.stringMatching(
        /'Zonal Autoshift Configuration Changed' is not one/,
      ),
    });
  });

  it.each([
    ['not text', 42, /not text/],
    ['not JSON', '{"source": ', /not JSON/],
    ['a JSON list', '[]', /not a JSON object/],
    ['JSON null', 'null', /not a JSON object/],
    ['another source', body({ source: 'aws.ec2' }), /source is 'aws.ec2'/],
    ['no source', body({ source: undefined }), /source is missing/],
    [
      'no detail-type',
      body({ 'detail-type': undefined }),
      /detail-type is missing/,
    ],
    [
      'an account that is not 12 digits',
      body({ account: '1234' }),
      /account '1234'/,
    ],
    ['a region that is not one', body({ region: 'mars' }), /region 'mars'/],
    [
      'a time that is not ISO 8601',
      body({ time: 'yesterday' }),
      /time 'yesterday'/,
    ],
    [
      'an impossible date',
      body({ time: '2026-13-45T99:00:00Z' }),
      /is not an ISO 8601 time/,
    ],
    [
      'resources that are not a list',
      body({ resources: CLUSTER }),
      /resources is not a list/,
    ],
    [
      'resources with a number',
      body({ resources: [1] }),
      /resources is not a list/,
    ],
    [
      'too many resources',
      body({ resources: Array(1001).fill(CLUSTER) }),
      /more than 1000/,
    ],
    [
      'detail that is a string',
      body({ detail: 'x' }),
      /detail is not an object/,
    ],
    [
      'metadata that is a list',
      body({ detail: { metadata: [] } }),
      /detail.metadata is not an object/,
    ],
    [
      'an awayFrom that is an AZ name',
      body({ detail: { metadata: { awayFrom: 'us-east-1a' } } }),
      /awayFrom 'us-east-1a' is not an AZ ID/,
    ],
    [
      'notes that are a number',
      body({ detail: { metadata: { notes: 5 } } }),
      /notes is not a string/,
    ],
    ['an id that is a number', body({ id: 5 }), /id is not a string/],
    ['a body over 1 MiB', ' '.repeat(1_048_577), /larger than 1 MiB/],
    [
      'an unknown detail-type with a broken envelope',
      body({ 'detail-type': 'Something New', account: 'x' }),
      /account 'x'/,
    ],
  ])('rejects %s', (_, input, reason) => {
    expect(parseArcEvent(input)).toEqual({
      type: 'rejected',
      reason: expect.stringMatching(reason),
    });
  });
});
