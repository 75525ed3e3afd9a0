import {
  Content,
  ContentHeader,
  EmptyState,
  Header,
  LinkButton,
  Page,
  Progress,
  ResponseErrorPanel,
  SupportButton,
  WarningPanel,
} from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  fleetResiliencePreflightPermission,
  type PreflightReport,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  statusOf,
  usePreflightReport,
  type PreflightReportState,
} from '../../hooks/usePreflightReport';
import { useOptionalRouteLink } from '../../hooks/useOptionalRouteLink';
import { useTimeFormat } from '../../hooks/useTimeFormat';
import { formatDuration } from '../../lib/format';
import { rootRouteRef } from '../../routes';
import { ReasonedButton } from '../shared/ReasonedButton';
import { TimeZoneToggle } from '../shared/TimeZoneToggle';
import { PreflightChecks } from './PreflightChecks';
import { PreflightSummary } from './PreflightSummary';

export const PREFLIGHT_PERMISSION_REASON = `You need the ${fleetResiliencePreflightPermission.name} permission (admins)`;

/** Why the run button is unavailable, or undefined when it may be pressed. */
function runDisabledReason(
  permission: { loading: boolean; allowed: boolean },
  state: PreflightReportState,
): string | undefined {
  if (permission.loading) return 'Checking your permissions…';
  if (!permission.allowed) return PREFLIGHT_PERMISSION_REASON;
  if (state.starting) return 'Starting a run…';
  if (state.report?.state === 'running') return 'A run is in progress';
  return undefined;
}

function RunButton(props: {
  state: PreflightReportState;
  permission: { loading: boolean; allowed: boolean };
  label: string;
}) {
  return (
    <ReasonedButton
      variant="contained"
      color="primary"
      disabledReason={runDisabledReason(props.permission, props.state)}
      onClick={() => props.state.run()}
    >
      {props.label}
    </ReasonedButton>
  );
}

/** While a run is in progress: how many of the planned checks are done. */
function RunProgress(props: { report: PreflightReport }) {
  const { progress } = props.report;
  const text = progress
    ? `Running: ${progress.done} of ${progress.total} checks done`
    : 'Running…';
  return (
    <Box mb={2}>
      <Typography variant="body2" aria-live="polite">
        {text}
      </Typography>
      {progress && progress.total > 0 ? (
        <LinearProgress
          variant="determinate"
          value={Math.min(100, (progress.done / progress.total) * 100)}
          aria-label="Preflight progress"
          aria-valuetext={text}
        />
      ) : (
        <LinearProgress aria-label="Preflight progress" />
      )}
    </Box>
  );
}

/** When the shown report's run started and finished. */
function RunTimes(props: { report: PreflightReport }) {
  const { formatTime } = useTimeFormat();
  const { startedAt, finishedAt } = props.report;
  if (!startedAt) return null;
  const took =
    finishedAt !== undefined
      ? Math.round((Date.parse(finishedAt) - Date.parse(startedAt)) / 1000)
      : undefined;
  return (
    <Typography variant="body2" color="textSecondary" paragraph>
      {finishedAt
        ? `Last run finished ${formatTime(finishedAt)}${
            took !== undefined && took >= 0
              ? ` (took ${formatDuration(took)})`
              : ''
          }.`
        : `Started ${formatTime(startedAt)}.`}
    </Typography>
  );
}

/** A read refused for good: no permission, or no route on this backend. */
function ReadRefused(props: { error: Error }) {
  const status = statusOf(props.error);
  if (status === 403) {
    return (
      <WarningPanel
        severity="warning"
        title="You may not see the preflight report"
        message={props.error.message}
      />
    );
  }
  if (status === 404) {
    return (
      <EmptyState
        missing="info"
        title="This backend has no preflight route"
        description={props.error.message}
      />
    );
  }
  return <ResponseErrorPanel error={props.error} />;
}

/**
 * The preflight report: can the backend reach every configured account,
 * region and cluster with the access it needs, and what to fix where it
 * cannot. Failures come first, each with its fix.
 */
export function PreflightContent(props: { consoleLink?: string }) {
  const state = usePreflightReport();
  const permission = usePermission({
    permission: fleetResiliencePreflightPermission,
  });
  const { report, error, startError } = state;
  const refused = !report && error !== undefined;
  const neverRun = report?.state === 'never-run';

  return (
    <>
      <ContentHeader title="Preflight">
        {props.consoleLink && (
          <Box mr={2}>
            {/* A link that looks like the header's buttons: MUI would call it a button. */}
            <LinkButton to={props.consoleLink} role="link">
              Fleet console
            </LinkButton>
          </Box>
        )}
        <Box mr={2}>
          <TimeZoneToggle />
        </Box>
        {report && !neverRun && (
          <RunButton state={state} permission={permission} label="Run again" />
        )}
        <SupportButton>
          For each configured account and region: the reader and operator roles
          resolve, AWS Config records EKS clusters and subnets, ARC and EKS
          answer; for each cluster: its Kubernetes API is reachable with the
          RBAC the reconciler needs. Runs when the backend starts and on demand.
        </SupportButton>
      </ContentHeader>
      {startError && (
        <Box mb={2}>
          <Alert severity="error" role="alert">
            The run did not start: {startError.message}
          </Alert>
        </Box>
      )}
      {refused && error && <ReadRefused error={error} />}
      {!refused && !report && <Progress />}
      {report && error && (
        <Box mb={2}>
          <Alert severity="warning">
            The report could not be read again ({error.message}); it shows the
            last one read.
          </Alert>
        </Box>
      )}
      {neverRun && (
        <EmptyState
          missing="data"
          title="Preflight has not run yet"
          description="It runs in the background when the backend starts. Run it now to check every configured account, region and cluster."
          action={
            <RunButton
              state={state}
              permission={permission}
              label="Run preflight"
            />
          }
        />
      )}
      {report && !neverRun && (
        <>
          {report.state === 'running' && <RunProgress report={report} />}
          <RunTimes report={report} />
          <PreflightSummary summary={report.summary} />
          <PreflightChecks checks={report.checks} />
        </>
      )}
    </>
  );
}

/**
 * The preflight report as a page of its own (legacy frontend system, with
 * header).
 *
 * @public
 */
export function PreflightPage() {
  const consoleLink = useOptionalRouteLink(rootRouteRef);
  return (
    <Page themeId="tool">
      <Header
        title="Fleet Resilience"
        subtitle="Preflight: can the backend reach every account, region and cluster?"
      />
      <Content>
        <PreflightContent consoleLink={consoleLink} />
      </Content>
    </Page>
  );
}

/** The page body for the new frontend system, whose page brings the header. */
export function PreflightPageContent(props: { consoleLink?: string }) {
  return (
    <Content>
      <PreflightContent consoleLink={props.consoleLink} />
    </Content>
  );
}
