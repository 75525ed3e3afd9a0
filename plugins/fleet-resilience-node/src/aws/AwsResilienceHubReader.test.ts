import {
  DescribeAppAssessmentCommand,
  ListAppAssessmentsCommand,
  ListAppInputSourcesCommand,
  ListAppsCommand,
  ResourceNotFoundException,
  ThrottlingException,
  type ResiliencehubClient,
} from '@aws-sdk/client-resiliencehub';
import { AwsResilienceHubReader } from './AwsResilienceHubReader';

const SCOPE = { accountId: '111122223333', region: 'us-east-1' };
const appArn = (name: string) =>
  `arn:aws:resiliencehub:us-east-1:111122223333:app/${name}`;
const CLUSTER = 'arn:aws:eks:us-east-1:111122223333:cluster/payments';

/** A Resilience Hub with apps `a` and `b`; describing `b`'s assessment fails with `failure`. */
function readerWith(failure: Error) {
  const client = {
    async send(command: unknown) {
      if (command instanceof ListAppsCommand) {
        return {
          appSummaries: ['a', 'b'].map(name => ({
            appArn: appArn(name),
            name,
          })),
        };
      }
      if (command instanceof ListAppInputSourcesCommand) {
        return {
          appInputSources: [
            {
              importType: 'EKS',
              eksSourceClusterNamespace: { eksClusterArn: CLUSTER },
            },
          ],
        };
      }
      if (command instanceof ListAppAssessmentsCommand) {
        return {
          assessmentSummaries: [
            {
              assessmentArn: `${command.input.appArn}/assessment`,
              assessmentStatus: 'Success',
            },
          ],
        };
      }
      if (command instanceof DescribeAppAssessmentCommand) {
        if (command.input.assessmentArn?.startsWith(appArn('b'))) {
          throw failure;
        }
        return { assessment: {} };
      }
      throw new Error('unexpected command');
    },
  } as unknown as ResiliencehubClient;
  return new AwsResilienceHubReader({
    clients: { resilienceHub: async () => client },
  });
}

describe('AwsResilienceHubReader', () => {
  it('leaves out an app deleted while it was read, and keeps the others', async () => {
    const apps = await readerWith(
      new ResourceNotFoundException({ message: 'gone', $metadata: {} }),
    ).readApps(SCOPE);
    expect(apps.map(app => app.name)).toEqual(['a']);
  });

  it('fails the region on any other failure (what was stored is kept)', async () => {
    await expect(
      readerWith(
        new ThrottlingException({ message: 'slow down', $metadata: {} }),
      ).readApps(SCOPE),
    ).rejects.toThrow(
      /Resilience Hub could not be read in 111122223333\/us-east-1/,
    );
  });
});
