import type { AwsServiceHandler, SimRequest } from '../../http';
import type {
  FleetModel,
  SimAssessment,
  SimResilienceApp,
} from '../../model/types';
import { callerScope } from '../common/caller';
import { AwsApiError } from '../common/errors';
import {
  checkRange,
  constraintError,
  JsonObject,
  optionalInteger,
  optionalString,
  parseJsonBody,
  queryInteger,
  requiredString,
  serializationError,
} from '../common/input';
import { pageOf, pageOffset } from '../common/paging';
import { epochSeconds, jsonService, REST_JSON_1 } from '../common/protocols';
import { unknownOperation } from '../common/routing';

/**
 * AWS Resilience Hub (signing name `resiliencehub`, restJson1): apps, their
 * EKS input sources and their assessments, for the caller's account (see
 * callerAccountId) in the caller's region. Read-only.
 */

const DEFAULT_PAGE = 100;
const MAX_PAGE = 100;
/** Resilience Hub's `Arn` member pattern. */
const ARN =
  /^arn:(aws|aws-cn|aws-iso|aws-iso-[a-z]{1}|aws-us-gov):[A-Za-z0-9][A-Za-z0-9_/.-]{0,62}:([a-z]{2}-((iso[a-z]{0,1}-)|(gov-)){0,1}[a-z]+-[0-9]):[0-9]{12}:[A-Za-z0-9/][A-Za-z0-9:_/+.-]{0,1023}$/;
const ENTITY_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{1,59}$/;
const APP_VERSION = /^\S{1,50}$/;
/** The app versions every app has; the simulator keeps no numbered versions. */
const APP_VERSIONS = new Set(['draft', 'release']);
const ASSESSMENT_STATUSES = new Set([
  'Pending',
  'InProgress',
  'Failed',
  'Success',
]);
const COMPLIANCE_STATUSES = new Set([
  'PolicyBreached',
  'PolicyMet',
  'NotApplicable',
  'MissingPolicy',
]);
const INVOKERS = new Set(['User', 'System']);
/** Assessments of the simulated apps run on the daily schedule. */
const INVOKER = 'System';
const ASSESSED_VERSION = 'release';

/** Refuses a value (when there is one) that does not match the member's pattern. */
function checkPattern(
  member: string,
  value: string | undefined,
  pattern: RegExp,
): void {
  if (value !== undefined && !pattern.test(value)) {
    throw constraintError(
      member,
      value,
      `Member must satisfy regular expression pattern: ${pattern.source}`,
    );
  }
}

function checkArn(member: string, value: string): void {
  checkPattern(member, value, ARN);
}

function checkOneOf(
  member: string,
  value: string | undefined,
  allowed: Set<string>,
): void {
  if (value !== undefined && !allowed.has(value)) {
    throw constraintError(
      member,
      value,
      `Member must satisfy enum value set: [${[...allowed].join(', ')}]`,
    );
  }
}

function notFound(resourceType: string, resourceId: string): AwsApiError {
  return new AwsApiError(
    'ResourceNotFoundException',
    `${resourceType} ${resourceId} was not found`,
    404,
    {
      resourceId,
      resourceType,
    },
  );
}

function invalidNextToken(): AwsApiError {
  return new AwsApiError(
    'ValidationException',
    'The nextToken is invalid or has expired',
  );
}

function lastAssessment(app: SimResilienceApp): SimAssessment | undefined {
  return app.assessments[app.assessments.length - 1];
}

function appSummary(app: SimResilienceApp) {
  const last = lastAssessment(app);
  return {
    appArn: app.appArn,
    name: app.name,
    creationTime: epochSeconds(app.creationTime),
    complianceStatus: app.complianceStatus,
    resiliencyScore: app.resiliencyScore,
    rtoInSecs: app.rtoInSecs,
    rpoInSecs: app.rpoInSecs,
    driftStatus: app.driftStatus,
    status: 'Active',
    assessmentSchedule: 'Daily',
    lastAppComplianceEvaluationTime: last
      ? epochSeconds(last.endTime)
      : undefined,
  };
}

function assessmentSummary(app: SimResilienceApp, assessment: SimAssessment) {
  return {
    appArn: app.appArn,
    appVersion: ASSESSED_VERSION,
    assessmentArn: assessment.assessmentArn,
    assessmentName: assessment.assessmentName,
    assessmentStatus: assessment.assessmentStatus,
    complianceStatus: assessment.complianceStatus,
    invoker: INVOKER,
    startTime: epochSeconds(assessment.startTime),
    endTime: epochSeconds(assessment.endTime),
    resiliencyScore: assessment.resiliencyScore.score,
  };
}

/** Page size from `maxResults` (1..100). */
function pageSizeOf(maxResults: number | undefined): number {
  checkRange('maxResults', maxResults, 1, MAX_PAGE);
  return maxResults ?? DEFAULT_PAGE;
}

/** An ISO 8601 query timestamp (restJson1 `@httpQuery` date-time). */
function queryTime(url: URL, name: string): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null) return undefined;
  const time = Date.parse(raw);
  if (Number.isNaN(time)) throw serializationError(name, 'a date-time');
  return time;
}

function queryBoolean(url: URL, name: string): boolean {
  const raw = url.searchParams.get(name);
  if (raw !== null && raw !== 'true' && raw !== 'false') {
    throw serializationError(name, 'a boolean');
  }
  return raw === 'true';
}

class ResilienceHub {
  constructor(
    private readonly apps: SimResilienceApp[],
    private readonly scopeKey: string,
  ) {}

  app(appArn: string): SimResilienceApp {
    checkArn('appArn', appArn);
    const app = this.apps.find(candidate => candidate.appArn === appArn);
    if (!app) throw notFound('App', appArn);
    return app;
  }

  /** Apps sort by their last compliance evaluation, ascending unless reversed. */
  listApps(url: URL) {
    const size = pageSizeOf(queryInteger(url, 'maxResults'));
    const name = url.searchParams.get('name') ?? undefined;
    checkPattern('name', name, ENTITY_NAME);
    const appArn = url.searchParams.get('appArn') ?? undefined;
    if (appArn !== undefined) checkArn('appArn', appArn);
    const from = queryTime(url, 'fromLastAssessmentTime');
    const to = queryTime(url, 'toLastAssessmentTime');
    const reverse = queryBoolean(url, 'reverseOrder');
    const tokenScope = JSON.stringify([
      'apps',
      this.scopeKey,
      name,
      appArn,
      from,
      to,
      reverse,
    ]);
    const offset = pageOffset(
      url.searchParams.get('nextToken'),
      tokenScope,
      invalidNextToken,
    );
    const evaluated = (app: SimResilienceApp) => lastAssessment(app)?.endTime;
    const apps = this.apps
      .filter(app => name === undefined || app.name === name)
      .filter(app => appArn === undefined || app.appArn === appArn)
      .filter(
        app => from === undefined || (evaluated(app) ?? -Infinity) >= from,
      )
      .filter(app => to === undefined || (evaluated(app) ?? Infinity) <= to)
      .sort((a, b) => (evaluated(a) ?? 0) - (evaluated(b) ?? 0));
    if (reverse) apps.reverse();
    const page = pageOf(apps, offset, size, tokenScope);
    return {
      appSummaries: page.items.map(appSummary),
      nextToken: page.nextToken,
    };
  }

  listAppInputSources(input: JsonObject, model: FleetModel) {
    const appArn = requiredString(input, 'appArn');
    const appVersion = requiredString(input, 'appVersion');
    checkPattern('appVersion', appVersion, APP_VERSION);
    const size = pageSizeOf(optionalInteger(input, 'maxResults'));
    const app = this.app(appArn);
    if (!APP_VERSIONS.has(appVersion))
      throw notFound('AppVersion', `${appArn}/${appVersion}`);
    const tokenScope = JSON.stringify([
      'sources',
      this.scopeKey,
      appArn,
      appVersion,
    ]);
    const offset = pageOffset(
      optionalString(input, 'nextToken'),
      tokenScope,
      invalidNextToken,
    );
    const sources = app.eksSources.flatMap(source =>
      source.namespaces.map(namespace => ({
        importType: 'EKS',
        sourceArn: source.eksClusterArn,
        eksSourceClusterNamespace: {
          eksClusterArn: source.eksClusterArn,
          namespace,
        },
        // Resilience Hub imports a namespace's workloads: count its Deployments.
        resourceCount:
          model
            .cluster(source.eksClusterArn)
            ?.kube.list('deployments', namespace).length ?? 0,
      })),
    );
    const page = pageOf(sources, offset, size, tokenScope);
    return { appInputSources: page.items, nextToken: page.nextToken };
  }

  /** Assessments sort by start time, ascending unless reversed. */
  listAppAssessments(url: URL) {
    const size = pageSizeOf(queryInteger(url, 'maxResults'));
    const appArn = url.searchParams.get('appArn') ?? undefined;
    const assessmentName = url.searchParams.get('assessmentName') ?? undefined;
    checkPattern('assessmentName', assessmentName, ENTITY_NAME);
    const statuses = url.searchParams.getAll('assessmentStatus');
    statuses.forEach(status =>
      checkOneOf('assessmentStatus', status, ASSESSMENT_STATUSES),
    );
    const complianceStatus =
      url.searchParams.get('complianceStatus') ?? undefined;
    checkOneOf('complianceStatus', complianceStatus, COMPLIANCE_STATUSES);
    const invoker = url.searchParams.get('invoker') ?? undefined;
    checkOneOf('invoker', invoker, INVOKERS);
    const reverse = queryBoolean(url, 'reverseOrder');
    const apps = appArn === undefined ? this.apps : [this.app(appArn)];
    const tokenScope = JSON.stringify([
      'assessments',
      this.scopeKey,
      appArn,
      assessmentName,
      statuses,
      complianceStatus,
      invoker,
      reverse,
    ]);
    const offset = pageOffset(
      url.searchParams.get('nextToken'),
      tokenScope,
      invalidNextToken,
    );
    const summaries = apps
      .flatMap(app =>
        app.assessments.map(assessment => assessmentSummary(app, assessment)),
      )
      .filter(
        summary =>
          assessmentName === undefined ||
          summary.assessmentName === assessmentName,
      )
      .filter(
        summary =>
          statuses.length === 0 || statuses.includes(summary.assessmentStatus),
      )
      .filter(
        summary =>
          complianceStatus === undefined ||
          summary.complianceStatus === complianceStatus,
      )
      .filter(summary => invoker === undefined || summary.invoker === invoker)
      .sort((a, b) => a.startTime - b.startTime);
    if (reverse) summaries.reverse();
    const page = pageOf(summaries, offset, size, tokenScope);
    return { assessmentSummaries: page.items, nextToken: page.nextToken };
  }

  describeAppAssessment(input: JsonObject) {
    const assessmentArn = requiredString(input, 'assessmentArn');
    checkArn('assessmentArn', assessmentArn);
    for (const app of this.apps) {
      const assessment = app.assessments.find(
        candidate => candidate.assessmentArn === assessmentArn,
      );
      if (assessment) {
        return {
          assessment: {
            ...assessmentSummary(app, assessment),
            resiliencyScore: {
              score: assessment.resiliencyScore.score,
              disruptionScore: assessment.resiliencyScore.disruptionScore,
            },
            compliance: assessment.compliance,
            policy: { policy: assessment.policy },
          },
        };
      }
    }
    throw notFound('AppAssessment', assessmentArn);
  }
}

function route(hub: ResilienceHub, model: FleetModel, request: SimRequest) {
  const { method, url } = request;
  const operation = `${method} ${url.pathname}`;
  switch (operation) {
    case 'GET /list-apps':
      return hub.listApps(url);
    case 'POST /list-app-input-sources':
      return hub.listAppInputSources(parseJsonBody(request.body), model);
    case 'GET /list-app-assessments':
      return hub.listAppAssessments(url);
    case 'POST /describe-app-assessment':
      return hub.describeAppAssessment(parseJsonBody(request.body));
    default:
      throw unknownOperation('Resilience Hub', method, url.pathname);
  }
}

export function createResilienceHubService(
  model: FleetModel,
): AwsServiceHandler {
  return jsonService('resiliencehub', REST_JSON_1, (request, caller) => {
    const scope = callerScope(model, caller);
    const apps = model.resilienceApps().filter(scope.holds);
    return route(new ResilienceHub(apps, scope.key), model, request);
  });
}
