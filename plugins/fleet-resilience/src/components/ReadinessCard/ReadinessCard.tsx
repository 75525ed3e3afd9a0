import { useEffect, useRef, useState } from 'react';
import { EmptyState, InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  findZone,
  type ClusterReadiness,
  type FleetClusterDetail,
  type PendingClusterUpdate,
  type ReadinessFix,
  type ReadinessFixResponse,
  type Zone,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { zoneLabel } from '../../lib/format';
import { PRACTICE_RUN_OUTCOME_TEXT } from '../../lib/readiness';
import { useClusterDetail } from '../../hooks/useClusterDetail';
import { useReadinessPermission } from '../../hooks/useReadinessPermission';
import { useTimeFormat } from '../../hooks/useTimeFormat';
import { ClusterLoadBody, EntityClusterCard } from '../shared/ClusterCard';
import { OutcomeNotice } from '../shared/OutcomeNotice';
import { ReadinessChip } from '../shared/ReadinessChip';
import { TimeZoneToggle } from '../shared/TimeZoneToggle';
import { ReadinessChecklist } from './ReadinessChecklist';
import { ReadinessFixDialog } from './ReadinessFixDialog';
import { WorkloadsAtRiskTable } from './WorkloadsAtRiskTable';

/** While an EKS update runs, the cluster is read again this often. */
export const PENDING_UPDATE_POLL_MS = 5000;

const TITLE = 'AZ readiness';

/** Is an EKS update still running? */
export function updateRunning(update: PendingClusterUpdate | undefined) {
  return update?.status === 'InProgress';
}

/** The EKS update the portal follows: running (with progress), or how it ended. */
function PendingUpdate(props: { update: PendingClusterUpdate }) {
  const { update } = props;
  const times = useTimeFormat();
  const since = `${times.formatTime(update.startedAt)} (${times.formatRelative(
    update.startedAt,
  )})`;
  if (update.status === 'InProgress') {
    return (
      <Alert severity="info" icon={false} role="status">
        EKS update {update.type} in progress since {since}; this card follows it
        until it completes.
        <LinearProgress
          aria-label="EKS update in progress"
          style={{ marginTop: 8 }}
        />
      </Alert>
    );
  }
  if (update.status === 'Successful') {
    return (
      <Alert severity="success">
        EKS update {update.type} started {since} completed successfully.
      </Alert>
    );
  }
  return (
    <Alert severity="error">
      EKS update {update.type} started {since} ended {update.status}
      {update.errors && update.errors.length > 0
        ? `: ${update.errors.join('; ')}`
        : '.'}
    </Alert>
  );
}

function PracticeRuns(props: { readiness: ClusterReadiness; zones: Zone[] }) {
  const { readiness, zones } = props;
  const times = useTimeFormat();
  const runs = readiness.recentPracticeRuns;
  if (runs.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No practice run yet.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Recent practice runs">
      <TableHead>
        <TableRow>
          <TableCell>Started</TableCell>
          <TableCell>Away from</TableCell>
          <TableCell>Outcome</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {runs.map(run => {
          const zone = findZone(zones, run.awayFrom);
          return (
            <TableRow key={run.zonalShiftId}>
              <TableCell>{times.formatTime(run.startTime)}</TableCell>
              <TableCell>{zone ? zoneLabel(zone) : run.awayFrom}</TableCell>
              <TableCell>
                {run.outcome
                  ? PRACTICE_RUN_OUTCOME_TEXT[run.outcome]
                  : run.status.toLocaleLowerCase('en-US')}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

/** The workloads' counts in one sentence. */
export function workloadCountsText(
  workloads: NonNullable<ClusterReadiness['workloads']>,
): string {
  const parts = [
    `${workloads.atRiskCount} at risk`,
    `${workloads.singleReplicaCount} with a single replica`,
    `${workloads.noZoneSpreadCount} without a zone spread constraint`,
  ];
  return `${parts.join(', ')}, of ${workloads.workloadCount} workload${
    workloads.workloadCount === 1 ? '' : 's'
  } read.`;
}

/** A cluster's readiness: verdict, checklist with fixes, practice runs, workloads. */
export function ReadinessContent(props: {
  detail: FleetClusterDetail;
  onChanged: () => void;
  /** An update this card saw running that has since completed. */
  completed?: PendingClusterUpdate;
}) {
  const { detail, onChanged, completed } = props;
  const { summary, readiness } = detail;
  const permission = useReadinessPermission(summary.ref.arn);
  const [fix, setFix] = useState<ReadinessFix>();
  const [notice, setNotice] = useState<string>();

  if (!readiness) {
    return (
      <EmptyState
        missing="data"
        title="No readiness yet"
        description="The checklist appears once the cluster has been read from EKS, ARC and Kubernetes with readiness."
      />
    );
  }
  const running = updateRunning(readiness.pendingUpdate);
  const shownUpdate = readiness.pendingUpdate ?? completed;
  const fixBlocked = (wanted: ReadinessFix) => {
    if (wanted === 'enable-zonal-shift' && running) {
      return 'An EKS update of this cluster is in progress';
    }
    return permission;
  };
  const done = (response: ReadinessFixResponse) => {
    setFix(undefined);
    setNotice(
      `${response.message}${
        response.replayed
          ? ' (An earlier identical request had already done it.)'
          : ''
      }`,
    );
    onChanged();
  };
  const passing = readiness.checks.filter(c => c.verdict === 'pass').length;
  const clusterZones = summary.zones.map(z => z.name);

  return (
    <>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
      >
        <ReadinessChip verdict={readiness.verdict} score={readiness.score} />
        <Typography variant="body2">
          {passing} of {readiness.checks.length} checks pass.
        </Typography>
      </Box>
      {shownUpdate && (
        <Box mt={1}>
          <PendingUpdate update={shownUpdate} />
        </Box>
      )}
      {notice && (
        <Box mt={1}>
          <OutcomeNotice
            message={notice}
            onClose={() => setNotice(undefined)}
          />
        </Box>
      )}
      <Box mt={1}>
        <ReadinessChecklist
          checks={readiness.checks}
          fixBlocked={fixBlocked}
          onFix={setFix}
        />
      </Box>
      <Box mt={2} component="section" aria-label="Recent practice runs">
        <Typography variant="subtitle2" component="h3">
          Recent practice runs
        </Typography>
        <PracticeRuns readiness={readiness} zones={summary.zones} />
      </Box>
      <Box mt={2} component="section" aria-label="Workloads at risk">
        <Typography variant="subtitle2" component="h3">
          Workloads at risk
        </Typography>
        {readiness.workloads ? (
          <>
            <Typography variant="body2" component="p">
              {workloadCountsText(readiness.workloads)}
            </Typography>
            <WorkloadsAtRiskTable
              workloads={readiness.workloads}
              clusterZones={clusterZones}
            />
          </>
        ) : (
          <Typography variant="body2" color="textSecondary">
            The cluster's workloads have not been read yet.
          </Typography>
        )}
      </Box>
      <ReadinessFixDialog
        fix={fix}
        clusterArn={summary.ref.arn}
        clusterName={summary.ref.name}
        configuration={readiness.practiceRunConfiguration}
        onClose={() => setFix(undefined)}
        onDone={done}
      />
    </>
  );
}

/** The readiness card for a cluster given by ARN. */
export function ReadinessCardView(props: {
  clusterArn: string;
  /** How often a running EKS update is looked at again. */
  pollMs?: number;
}) {
  const { value, loading, error, retry } = useClusterDetail(props.clusterArn);
  const pollMs = props.pollMs ?? PENDING_UPDATE_POLL_MS;
  // Follow a running EKS update: read the cluster again until it ends.
  const pending = value?.readiness?.pendingUpdate;
  const running = updateRunning(pending);
  useEffect(() => {
    if (!running) return undefined;
    const timer = setInterval(retry, pollMs);
    return () => clearInterval(timer);
  }, [running, retry, pollMs]);
  // The backend stops listing an update once it succeeded (a failed one
  // stays a day): say that the one seen running completed.
  const followed = useRef<PendingClusterUpdate>();
  const [completed, setCompleted] = useState<PendingClusterUpdate>();
  useEffect(() => {
    if (pending?.status === 'InProgress') {
      followed.current = pending;
      setCompleted(undefined);
    } else if (value) {
      if (followed.current && !pending) {
        setCompleted({ ...followed.current, status: 'Successful' });
      }
      followed.current = undefined;
    }
  }, [value, pending]);

  return (
    <InfoCard
      title={TITLE}
      subheader="Is the cluster ready to lose an AZ: zonal shift, autoshift, practice runs, capacity, workload spread"
      action={<TimeZoneToggle />}
    >
      <ClusterLoadBody value={value} loading={loading} error={error}>
        {detail => (
          <ReadinessContent
            detail={detail}
            onChanged={retry}
            completed={completed}
          />
        )}
      </ClusterLoadBody>
    </InfoCard>
  );
}

/**
 * The AZ readiness card on a cluster's entity page.
 *
 * @public
 */
export function EntityFleetReadinessCard() {
  return <EntityClusterCard title={TITLE} View={ReadinessCardView} />;
}
