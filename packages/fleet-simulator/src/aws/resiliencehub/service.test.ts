import {
  DescribeAppAssessmentCommand,
  ListAppAssessmentsCommand,
  ListAppInputSourcesCommand,
  ListAppsCommand,
  paginateListAppAssessments,
  paginateListAppInputSources,
  paginateListApps,
  ResiliencehubClient,
} from '@aws-sdk/client-resiliencehub';
import type { FleetModel, SimResilienceApp } from '../../model/types';
import type { SimulatorServer } from '../../server';
import {
  dropSignature,
  rejection,
  signedFetch,
  useAwsServer,
} from '../__testUtils__/harness';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  CREATED_AT,
  KEY_B,
} from '../__testUtils__/testFleet';

describe('Resilience Hub emulator, through @aws-sdk/client-resiliencehub', () => {
  const aws = useAwsServer();
  let model: FleetModel;
  let server: SimulatorServer;
  let hub: ResiliencehubClient;

  const client = (accessKeyId?: string) =>
    aws.client(ResiliencehubClient, accessKeyId);

  function app(accountId: string, name: string): SimResilienceApp {
    return model
      .resilienceApps()
      .find(a => a.accountId === accountId && a.name === name)!;
  }

  const clusterArn = (name: string, accountId = ACCOUNT_A) =>
    `arn:aws:eks:us-east-1:${accountId}:cluster/${name}`;

  beforeAll(() => {
    ({ model, server } = aws.started());
    hub = client();
  });

  describe('ListApps', () => {
    it("lists the caller's apps with their summary, by last evaluation", async () => {
      const { appSummaries, nextToken } = await hub.send(
        new ListAppsCommand({}),
      );
      expect(nextToken).toBeUndefined();
      expect(appSummaries?.map(a => a.name)).toEqual([
        'unassessed',
        'payments',
        'search',
      ]);
      const payments = app(ACCOUNT_A, 'payments');
      const lastEnd = payments.assessments[1].endTime;
      expect(appSummaries?.[1]).toEqual({
        appArn: payments.appArn,
        name: 'payments',
        creationTime: new Date(CREATED_AT),
        complianceStatus: 'PolicyMet',
        resiliencyScore: 72.5,
        rtoInSecs: 600,
        rpoInSecs: 300,
        driftStatus: 'NotDetected',
        status: 'Active',
        assessmentSchedule: 'Daily',
        lastAppComplianceEvaluationTime: new Date(lastEnd),
      });
      expect(appSummaries?.[0].complianceStatus).toBe('NotAssessed');
      const reversed = await hub.send(
        new ListAppsCommand({ reverseOrder: true }),
      );
      expect(reversed.appSummaries?.map(a => a.name)).toEqual([
        'search',
        'payments',
        'unassessed',
      ]);
      const b = await client(KEY_B).send(new ListAppsCommand({}));
      expect(b.appSummaries?.map(a => a.name)).toEqual(['batch']);
    });

    it('filters by name and pages by maxResults', async () => {
      const byName = await hub.send(new ListAppsCommand({ name: 'search' }));
      expect(byName.appSummaries?.map(a => a.appArn)).toEqual([
        app(ACCOUNT_A, 'search').appArn,
      ]);
      const pages: string[][] = [];
      for await (const page of paginateListApps(
        { client: hub },
        { maxResults: 2 },
      )) {
        pages.push(page.appSummaries!.map(a => a.name!));
      }
      expect(pages).toEqual([['unassessed', 'payments'], ['search']]);
    });

    it('refuses maxResults outside 1..100, bad names and foreign tokens with ValidationException', async () => {
      const { nextToken } = await hub.send(
        new ListAppsCommand({ maxResults: 1 }),
      );
      const commands = [
        new ListAppsCommand({ maxResults: 0 }),
        new ListAppsCommand({ maxResults: 101 }),
        new ListAppsCommand({ name: 'has space' }),
        new ListAppsCommand({ appArn: 'not-an-arn' }),
        new ListAppsCommand({ name: 'search', nextToken }),
      ];
      for (const command of commands) {
        const error = await rejection(hub.send(command));
        expect(error.name).toBe('ValidationException');
        expect(error.$metadata.httpStatusCode).toBe(400);
      }
    });
  });

  describe('ListAppInputSources', () => {
    it('gives one EKS input source per cluster namespace, with its workload count', async () => {
      const { appInputSources } = await hub.send(
        new ListAppInputSourcesCommand({
          appArn: app(ACCOUNT_A, 'payments').appArn,
          appVersion: 'release',
        }),
      );
      expect(appInputSources).toEqual([
        {
          importType: 'EKS',
          sourceArn: clusterArn('payments-prod'),
          eksSourceClusterNamespace: {
            eksClusterArn: clusterArn('payments-prod'),
            namespace: 'payments',
          },
          resourceCount: 3,
        },
        {
          importType: 'EKS',
          sourceArn: clusterArn('payments-prod'),
          eksSourceClusterNamespace: {
            eksClusterArn: clusterArn('payments-prod'),
            namespace: 'checkout',
          },
          resourceCount: 2,
        },
        {
          importType: 'EKS',
          sourceArn: clusterArn('payments-staging'),
          eksSourceClusterNamespace: {
            eksClusterArn: clusterArn('payments-staging'),
            namespace: 'payments',
          },
          resourceCount: 0,
        },
      ]);
    });

    it('pages by maxResults', async () => {
      const sizes: number[] = [];
      for await (const page of paginateListAppInputSources(
        { client: hub },
        {
          appArn: app(ACCOUNT_A, 'payments').appArn,
          appVersion: 'draft',
          maxResults: 2,
        },
      )) {
        sizes.push(page.appInputSources!.length);
      }
      expect(sizes).toEqual([2, 1]);
    });

    it('answers unknown or foreign apps with ResourceNotFoundException 404', async () => {
      const foreign = app(ACCOUNT_B, 'batch').appArn;
      const unknown = `arn:aws:resiliencehub:us-east-1:${ACCOUNT_A}:app/nope`;
      for (const appArn of [foreign, unknown]) {
        const error = await rejection(
          hub.send(
            new ListAppInputSourcesCommand({ appArn, appVersion: 'release' }),
          ),
        );
        expect(error.name).toBe('ResourceNotFoundException');
        expect(error.$metadata.httpStatusCode).toBe(404);
        expect(error.resourceId).toBe(appArn);
        expect(error.resourceType).toBe('App');
      }
      const version = await rejection(
        hub.send(
          new ListAppInputSourcesCommand({
            appArn: app(ACCOUNT_A, 'payments').appArn,
            appVersion: '7',
          }),
        ),
      );
      expect(version.name).toBe('ResourceNotFoundException');
    });

    it('answers malformed input with ValidationException 400', async () => {
      const appArn = app(ACCOUNT_A, 'payments').appArn;
      const commands = [
        new ListAppInputSourcesCommand({
          appArn: 'arn:aws:nope',
          appVersion: 'release',
        }),
        new ListAppInputSourcesCommand({ appArn, appVersion: undefined }),
        new ListAppInputSourcesCommand({ appArn, appVersion: 'has space' }),
        new ListAppInputSourcesCommand({
          appArn,
          appVersion: 'release',
          maxResults: 0,
        }),
      ];
      for (const command of commands) {
        const error = await rejection(hub.send(command));
        expect(error.name).toBe('ValidationException');
        expect(error.$metadata.httpStatusCode).toBe(400);
      }
    });
  });

  describe('ListAppAssessments', () => {
    it("lists an app's assessments by start time, ascending unless reversed", async () => {
      const payments = app(ACCOUNT_A, 'payments');
      const { assessmentSummaries } = await hub.send(
        new ListAppAssessmentsCommand({ appArn: payments.appArn }),
      );
      expect(assessmentSummaries).toEqual(
        payments.assessments.map(a => ({
          appArn: payments.appArn,
          appVersion: 'release',
          assessmentArn: a.assessmentArn,
          assessmentName: a.assessmentName,
          assessmentStatus: 'Success',
          complianceStatus: a.complianceStatus,
          invoker: 'System',
          startTime: new Date(a.startTime),
          endTime: new Date(a.endTime),
          resiliencyScore: a.resiliencyScore.score,
        })),
      );
      const reversed = await hub.send(
        new ListAppAssessmentsCommand({
          appArn: payments.appArn,
          reverseOrder: true,
        }),
      );
      expect(reversed.assessmentSummaries?.map(a => a.assessmentArn)).toEqual(
        [...payments.assessments].reverse().map(a => a.assessmentArn),
      );
    });

    it('lists every app of the caller without appArn, with filters and paging', async () => {
      const sizes: number[] = [];
      const starts: number[] = [];
      for await (const page of paginateListAppAssessments(
        { client: hub },
        { maxResults: 2 },
      )) {
        sizes.push(page.assessmentSummaries!.length);
        starts.push(
          ...page.assessmentSummaries!.map(a => a.startTime!.getTime()),
        );
      }
      expect(sizes).toEqual([2, 2, 1]);
      expect(starts).toEqual([...starts].sort((x, y) => x - y));
      const breached = await hub.send(
        new ListAppAssessmentsCommand({ complianceStatus: 'PolicyBreached' }),
      );
      expect(breached.assessmentSummaries?.map(a => a.resiliencyScore)).toEqual(
        [40],
      );
      const failed = await hub.send(
        new ListAppAssessmentsCommand({ assessmentStatus: ['Failed'] }),
      );
      expect(failed.assessmentSummaries).toEqual([]);
      const succeeded = await hub.send(
        new ListAppAssessmentsCommand({
          assessmentStatus: ['Failed', 'Success'],
          assessmentName: 'daily-2',
        }),
      );
      expect(succeeded.assessmentSummaries?.map(a => a.appArn)).toEqual([
        app(ACCOUNT_A, 'search').appArn,
      ]);
    });

    it('answers an unknown app with 404 and bad filters with 400', async () => {
      const unknown = await rejection(
        hub.send(
          new ListAppAssessmentsCommand({
            appArn: app(ACCOUNT_B, 'batch').appArn,
          }),
        ),
      );
      expect(unknown.name).toBe('ResourceNotFoundException');
      expect(unknown.$metadata.httpStatusCode).toBe(404);
      const bad = await rejection(
        hub.send(
          new ListAppAssessmentsCommand({
            complianceStatus: 'Fine' as 'PolicyMet',
          }),
        ),
      );
      expect(bad.name).toBe('ValidationException');
      expect(bad.$metadata.httpStatusCode).toBe(400);
    });
  });

  describe('DescribeAppAssessment', () => {
    it('describes scores, per-disruption compliance and the policy', async () => {
      const payments = app(ACCOUNT_A, 'payments');
      const latest = payments.assessments[1];
      const { assessment } = await hub.send(
        new DescribeAppAssessmentCommand({
          assessmentArn: latest.assessmentArn,
        }),
      );
      expect(assessment).toMatchObject({
        appArn: payments.appArn,
        assessmentArn: latest.assessmentArn,
        assessmentStatus: 'Success',
        complianceStatus: 'PolicyMet',
        invoker: 'System',
        startTime: new Date(latest.startTime),
        endTime: new Date(latest.endTime),
        resiliencyScore: {
          score: 72.5,
          disruptionScore: { AZ: 72.5, Region: 36.25 },
        },
        compliance: {
          AZ: {
            complianceStatus: 'PolicyMet',
            currentRtoInSecs: 300,
            currentRpoInSecs: 60,
          },
          Region: {
            complianceStatus: 'PolicyBreached',
            currentRtoInSecs: 7200,
            currentRpoInSecs: 3600,
          },
        },
        policy: {
          policy: {
            AZ: { rtoInSecs: 600, rpoInSecs: 300 },
            Region: { rtoInSecs: 3600, rpoInSecs: 1800 },
          },
        },
      });
    });

    it('answers unknown or foreign assessments with 404 and malformed ARNs with 400', async () => {
      for (const assessmentArn of [
        app(ACCOUNT_B, 'batch').assessments[0].assessmentArn,
        `arn:aws:resiliencehub:us-east-1:${ACCOUNT_A}:app-assessment/nope`,
      ]) {
        const error = await rejection(
          hub.send(new DescribeAppAssessmentCommand({ assessmentArn })),
        );
        expect(error.name).toBe('ResourceNotFoundException');
        expect(error.$metadata.httpStatusCode).toBe(404);
        expect(error.resourceId).toBe(assessmentArn);
      }
      const bad = await rejection(
        hub.send(
          new DescribeAppAssessmentCommand({ assessmentArn: 'assessment-1' }),
        ),
      );
      expect(bad.name).toBe('ValidationException');
      expect(bad.$metadata.httpStatusCode).toBe(400);
    });
  });

  it('answers a request without a signature with 403', async () => {
    const unsigned = client();
    dropSignature(unsigned);
    const error = await rejection(unsigned.send(new ListAppsCommand({})));
    expect(error.name).toBe('MissingAuthenticationTokenException');
    expect(error.$metadata.httpStatusCode).toBe(403);
  });

  it('answers routes it does not serve with 404 and a malformed body with 400', async () => {
    const unknown = await signedFetch(
      `${server.url}/list-apps`,
      'resiliencehub',
      {
        method: 'POST',
        body: '{}',
      },
    );
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('x-amzn-errortype')).toBe(
      'UnknownOperationException',
    );
    const malformed = await signedFetch(
      `${server.url}/describe-app-assessment`,
      'resiliencehub',
      { body: '{"assessmentArn": ' },
    );
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('x-amzn-errortype')).toBe(
      'SerializationException',
    );
  });
});
