import { ConfigReader } from '@backstage/config';
import {
  checkArcEventQueueSettings,
  readArcEventQueueSettings,
} from './eventQueueSettings';

const AWS_QUEUE =
  'https://sqs.eu-west-1.amazonaws.com/111122223333/fleet-resilience-arc-events';

describe('ARC event queue settings', () => {
  it('reads the account and region from an AWS queue URL, with defaults', () => {
    expect(checkArcEventQueueSettings({ queueUrl: AWS_QUEUE })).toEqual({
      queueUrl: AWS_QUEUE,
      accountId: '111122223333',
      region: 'eu-west-1',
      waitTimeSeconds: 20,
      maxMessages: 10,
    });
  });

  it.each([
    ['https://sqs.cn-north-1.amazonaws.com.cn/111122223333/q', 'cn-north-1'],
    ['https://sqs.us-gov-west-1.amazonaws.com/111122223333/q', 'us-gov-west-1'],
    ['https://sqs-fips.us-east-2.amazonaws.com/111122223333/q', 'us-east-2'],
    ['https://sqs.ap-south-2.api.aws/111122223333/q', 'ap-south-2'],
  ])('reads the region of a queue in any partition: %s', (queueUrl, region) => {
    expect(checkArcEventQueueSettings({ queueUrl })).toMatchObject({
      queueUrl,
      accountId: '111122223333',
      region,
    });
  });

  it.each([
    // A China region with the commercial suffix, and the other way round.
    'https://sqs.cn-north-1.amazonaws.com/111122223333/q',
    'https://sqs.eu-west-1.amazonaws.com.cn/111122223333/q',
    'https://sqs.eu-west-1.amazonaws.com.example.org/111122223333/q',
  ])(
    'does not read a region from a host outside its partition: %s',
    queueUrl => {
      expect(() => checkArcEventQueueSettings({ queueUrl })).toThrow(
        /region is required/,
      );
    },
  );

  it('takes every key from config', () => {
    expect(
      readArcEventQueueSettings(
        new ConfigReader({
          fleetResilience: {
            events: {
              sqs: {
                queueUrl: 'http://127.0.0.1:4566/444455556666/events',
                accountId: '111122223333',
                region: 'us-west-2',
                endpoint: 'http://127.0.0.1:4566/',
                waitTimeSeconds: 5,
                maxMessages: 1,
                visibilityTimeoutSeconds: 120,
              },
            },
          },
        }),
      ),
    ).toEqual({
      queueUrl: 'http://127.0.0.1:4566/444455556666/events',
      accountId: '111122223333',
      region: 'us-west-2',
      endpoint: 'http://127.0.0.1:4566',
      waitTimeSeconds: 5,
      maxMessages: 1,
      visibilityTimeoutSeconds: 120,
    });
  });

  it('is undefined when not configured', () => {
    expect(readArcEventQueueSettings(new ConfigReader({}))).toBeUndefined();
  });

  it.each([
    [{ queueUrl: 'not a url' }, /queueUrl must be a URL/],
    [
      { queueUrl: 'ftp://sqs.us-east-1.amazonaws.com/111122223333/q' },
      /must be an SQS queue URL/,
    ],
    [
      { queueUrl: 'https://sqs.us-east-1.amazonaws.com/q' },
      /must be an SQS queue URL/,
    ],
    [{ queueUrl: `${AWS_QUEUE}.fifo` }, /standard queues only/],
    [{ queueUrl: `${AWS_QUEUE}?x=1` }, /must be an SQS queue URL/],
    [
      { queueUrl: 'http://localhost:4566/111122223333/q' },
      /region is required/,
    ],
    [{ queueUrl: AWS_QUEUE, region: 'mars' }, /region 'mars'/],
    [{ queueUrl: AWS_QUEUE, accountId: '12' }, /accountId must be a 12-digit/],
    [
      { queueUrl: AWS_QUEUE, waitTimeSeconds: 0 },
      /waitTimeSeconds must be an integer from 1 to 20/,
    ],
    [
      { queueUrl: AWS_QUEUE, maxMessages: 11 },
      /maxMessages must be an integer from 1 to 10/,
    ],
    [
      { queueUrl: AWS_QUEUE, visibilityTimeoutSeconds: 1.5 },
      /visibilityTimeoutSeconds/,
    ],
    [
      { queueUrl: AWS_QUEUE, endpoint: 'file:///x' },
      /endpoint must be an http or https URL/,
    ],
  ])('refuses %p', (input, message) => {
    expect(() => checkArcEventQueueSettings(input)).toThrow(message);
  });
});
