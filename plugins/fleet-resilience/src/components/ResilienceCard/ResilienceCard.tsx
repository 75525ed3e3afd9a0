import {
  InfoCard,
  Progress,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import type {
  ClusterReconcileStatus,
  FleetClusterDetail,
  FleetNodePool,
  NodePoolReconcileResult,
  ReconcileState,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { fleetResilienceApiRef } from '../../api';
import { describeShiftError } from '../../lib/shiftErrors';
import { formatDuration, zoneLabel } from '../../lib/format';
import { useTimeFormat } from '../../hooks/useTimeFormat';
import { useClusterDetail } from '../../hooks/useClusterDetail';
import { concernsCluster, useFleetSignal } from '../../hooks/useFleetSignal';
import { EntityClusterCard } from '../shared/ClusterCard';
import { ClusterLoadError } from '../shared/ClusterLoadError';
import { DataFreshness } from '../shared/DataFreshness';

const RECONCILE_TEXT: Record<ReconcileState, string> = {
  converged: 'NodePools match the shift state',
  pending: 'A change is under way',
  blocked: 'Some NodePool cannot avoid the impaired AZ',
  error: 'The last reconcile pass failed',
  observing: 'Observing only: NodePools are not changed',
};

function ReconcileStateLine(props: { state: ReconcileState }) {
  const text = RECONCILE_TEXT[props.state];
  switch (props.state) {
    case 'converged':
      return <StatusOK>{text}</StatusOK>;
    case 'pending':
      return <StatusPending>{text}</StatusPending>;
    case 'blocked':
    case 'observing':
      return <StatusWarning>{text}</StatusWarning>;
    default:
      return <StatusError>{text}</StatusError>;
  }
}

function nodePoolZones(pool: FleetNodePool): string {
  if (pool.unrestricted) return 'every AZ of the cluster';
  if (pool.allowedZones.length === 0) return 'no AZ of the cluster';
  return pool.allowedZones.map(zoneLabel).join(', ');
}

function NodePoolTable(props: {
  nodePools: FleetNodePool[];
  results: Map<string, NodePoolReconcileResult>;
}) {
  return (
    <Table size="small" aria-label="NodePool zones">
      <TableHead>
        <TableRow>
          <TableCell style={{ whiteSpace: 'nowrap' }}>NodePool</TableCell>
          <TableCell>Allowed AZs</TableCell>
          <TableCell>Reconciler</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.nodePools.map(pool => {
          const result = props.results.get(pool.name);
          return (
            <TableRow key={pool.name}>
              <TableCell style={{ whiteSpace: 'nowrap' }}>
                {pool.name}
              </TableCell>
              <TableCell>{nodePoolZones(pool)}</TableCell>
              <TableCell>
                {result
                  ? `${result.outcome}${
                      result.message ? `: ${result.message}` : ''
                    }`
                  : '-'}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

function NodePoolsBody(props: {
  detail: FleetClusterDetail;
  results: Map<string, NodePoolReconcileResult>;
}) {
  const { detail, results } = props;
  if (detail.karpenter && !detail.karpenter.installed) {
    return (
      <Typography variant="body2" color="textSecondary">
        Karpenter is not installed in this cluster.
      </Typography>
    );
  }
  if (detail.nodePools.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No NodePools found.
      </Typography>
    );
  }
  return <NodePoolTable nodePools={detail.nodePools} results={results} />;
}

function ReconcilerBody(props: {
  reconcile: ClusterReconcileStatus | undefined;
  error?: Error;
}) {
  const { reconcile, error } = props;
  const { formatTime } = useTimeFormat();
  if (error) {
    return (
      <Alert severity="error">
        The reconciler status could not be read:{' '}
        {describeShiftError(error).message}
      </Alert>
    );
  }
  if (!reconcile) {
    return (
      <Typography variant="body2" color="textSecondary">
        No reconciler status: the reconciler is not running on this backend.
      </Typography>
    );
  }
  return (
    <>
      <ReconcileStateLine state={reconcile.state} />
      <Typography variant="body2">
        Mode: {reconcile.mode}
        {reconcile.modeReason ? ` (${reconcile.modeReason})` : ''}
        {reconcile.awayZoneIds.length > 0
          ? `; keeping NodePools away from ${reconcile.awayZoneIds.join(', ')}`
          : ''}
        {reconcile.markedNodeCount > 0
          ? `; ${reconcile.markedNodeCount} nodes marked do-not-disrupt`
          : ''}
        .
      </Typography>
      {reconcile.degraded && reconcile.degraded.length > 0 && (
        <Alert severity="warning">
          Degraded: {reconcile.degraded.join('; ')}.
        </Alert>
      )}
      <Typography variant="caption" color="textSecondary" component="p">
        Last pass {formatTime(reconcile.lastAttemptAt)}
        {reconcile.lastError ? `, failed: ${reconcile.lastError}` : ''}.
      </Typography>
    </>
  );
}

/** Resilience Hub results, NodePool zones and the reconciler of one cluster. */
export function ResilienceContent(props: {
  detail: FleetClusterDetail;
  reconcile: ClusterReconcileStatus | undefined;
  reconcileError?: Error;
}) {
  const { detail, reconcile, reconcileError } = props;
  const results = new Map(reconcile?.nodePools.map(r => [r.name, r]) ?? []);
  const { formatTime } = useTimeFormat();
  return (
    <>
      <Typography variant="subtitle2" component="h3">
        Resilience Hub
      </Typography>
      {detail.resilienceApps.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No Resilience Hub application contains this cluster.
        </Typography>
      ) : (
        <Table size="small" aria-label="Resilience Hub applications">
          <TableHead>
            <TableRow>
              <TableCell>Application</TableCell>
              <TableCell>Score</TableCell>
              <TableCell>AZ disruption</TableCell>
              <TableCell>Assessed</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {detail.resilienceApps.map(app => (
              <TableRow key={app.appArn}>
                <TableCell>{app.name}</TableCell>
                <TableCell>
                  {app.resiliencyScore === undefined
                    ? '-'
                    : Math.round(app.resiliencyScore)}
                </TableCell>
                <TableCell>
                  {app.azCompliance ? (
                    <>
                      {app.azCompliance.complianceStatus}
                      {app.azCompliance.currentRtoInSecs !== undefined &&
                        ` (RTO ${formatDuration(
                          app.azCompliance.currentRtoInSecs,
                        )}${
                          app.azCompliance.policyRtoInSecs !== undefined
                            ? ` of ${formatDuration(
                                app.azCompliance.policyRtoInSecs,
                              )} allowed`
                            : ''
                        })`}
                    </>
                  ) : (
                    'not assessed'
                  )}
                </TableCell>
                <TableCell>{formatTime(app.assessedAt)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}

      <Box mt={2}>
        <Typography variant="subtitle2" component="h3">
          Karpenter NodePools
        </Typography>
        <NodePoolsBody detail={detail} results={results} />
        {detail.karpenter?.nativeZonalShift && (
          <Alert severity="info" style={{ marginTop: 8 }}>
            Karpenter reacts to zonal shifts itself here (enableZonalShift); the
            reconciler only observes.
          </Alert>
        )}
      </Box>

      <Box mt={2}>
        <Typography variant="subtitle2" component="h3">
          Reconciler
        </Typography>
        <ReconcilerBody reconcile={reconcile} error={reconcileError} />
      </Box>
      <Box mt={2}>
        <DataFreshness health={detail.summary.health} />
      </Box>
    </>
  );
}

/** The resilience card for a cluster given by ARN. */
export function ResilienceCardView(props: { clusterArn: string }) {
  const api = useApi(fleetResilienceApiRef);
  const detail = useClusterDetail(props.clusterArn);
  const reconcile = useAsyncRetry(
    () => api.getClusterReconcileStatus(props.clusterArn),
    [api, props.clusterArn],
  );
  useFleetSignal(reconcile.retry, concernsCluster(props.clusterArn));

  let body;
  if (detail.error) {
    body = <ClusterLoadError error={detail.error} />;
  } else if (
    !detail.value ||
    (reconcile.loading && !reconcile.value && !reconcile.error)
  ) {
    body = <Progress />;
  } else {
    body = (
      <ResilienceContent
        detail={detail.value}
        reconcile={reconcile.value}
        reconcileError={reconcile.error}
      />
    );
  }
  return (
    <InfoCard
      title="Resilience"
      subheader="Resilience Hub, NodePool zones and the reconciler"
    >
      {body}
    </InfoCard>
  );
}

/**
 * The resilience card on a cluster's entity page.
 *
 * @public
 */
export function EntityFleetResilienceCard() {
  return <EntityClusterCard title="Resilience" View={ResilienceCardView} />;
}
