import { EmptyState, InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import type {
  FleetClusterDetail,
  ZoneCapacity,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { formatCpu, formatMemory, zoneLabel } from '../../lib/format';
import { zoneLossFor, zoneLossSentence } from '../../lib/zoneImpact';
import { useClusterDetail } from '../../hooks/useClusterDetail';
import { CapacityBar } from '../shared/CapacityBar';
import { DataFreshness } from '../shared/DataFreshness';
import { VerdictChip } from '../shared/VerdictChip';
import { ClusterLoadBody, EntityClusterCard } from '../shared/ClusterCard';

function ZoneBlock(props: {
  zone: ZoneCapacity;
  detail: FleetClusterDetail;
  maxCpu: number;
  maxMemory: number;
}) {
  const { zone, detail, maxCpu, maxMemory } = props;
  const loss = zoneLossFor(nOneAssessment(detail), zone.zone.id);
  const cordonedNodes = zone.nodeCount - zone.schedulableNodeCount;
  const shiftedAway = detail.summary.shiftAwayFrom?.id === zone.zone.id;
  return (
    <Box component="section" mb={2} aria-label={`AZ ${zoneLabel(zone.zone)}`}>
      <Typography variant="subtitle2" component="h3">
        {zoneLabel(zone.zone)}
        {shiftedAway ? ' — traffic shifted away' : ''}
      </Typography>
      <Typography variant="caption" color="textSecondary" component="p">
        {zone.nodeCount} node{zone.nodeCount === 1 ? '' : 's'}
        {cordonedNodes > 0
          ? `, ${cordonedNodes} cordoned or not ready (hatched)`
          : ''}
        , {zone.podCount} pod{zone.podCount === 1 ? '' : 's'}
      </Typography>
      <CapacityBar
        label="CPU"
        allocatable={zone.allocatable.cpuMillicores}
        schedulable={zone.schedulableAllocatable.cpuMillicores}
        requested={zone.requested.cpuMillicores}
        scaleMax={maxCpu}
        format={formatCpu}
      />
      <CapacityBar
        label="Memory"
        allocatable={zone.allocatable.memoryBytes}
        schedulable={zone.schedulableAllocatable.memoryBytes}
        requested={zone.requested.memoryBytes}
        scaleMax={maxMemory}
        format={formatMemory}
      />
      {loss && (
        <Box display="flex" alignItems="flex-start" mt={0.5}>
          {loss.survives ? (
            <CheckCircleIcon
              fontSize="small"
              style={{ color: '#1b7837' }}
              aria-hidden
            />
          ) : (
            <ErrorIcon fontSize="small" color="error" aria-hidden />
          )}
          <Typography variant="body2" style={{ marginLeft: 4 }}>
            {zoneLossSentence(loss)}
          </Typography>
        </Box>
      )}
    </Box>
  );
}

/**
 * The N-1 assessment to show: while ARC applies a shift, the one with the
 * shifted AZ counted as lost (the backend's shift impact, the same as the
 * start dialog showed), at once and not only after EKS's cordon is read.
 */
export function nOneAssessment(detail: FleetClusterDetail) {
  return detail.shiftImpact?.afterShift ?? detail.survivability;
}

/** Per-AZ capacity and the N-1 verdict of one cluster. */
export function AzCapacityContent(props: { detail: FleetClusterDetail }) {
  const { detail } = props;
  const { capacity, summary } = detail;
  const survivability = nOneAssessment(detail);
  if (!capacity || capacity.zones.length === 0) {
    return (
      <>
        <DataFreshness health={summary.health} />
        <EmptyState
          missing="data"
          title="No capacity data yet"
          description="Per-AZ capacity appears once the cluster's nodes and pods have been read."
        />
      </>
    );
  }
  const maxCpu = Math.max(
    ...capacity.zones.map(z => z.allocatable.cpuMillicores),
  );
  const maxMemory = Math.max(
    ...capacity.zones.map(z => z.allocatable.memoryBytes),
  );
  return (
    <>
      {survivability && (
        <Box mb={2}>
          <VerdictChip
            verdict={survivability.verdict}
            stale={summary.health.freshness !== 'fresh'}
          />
          <Typography variant="body2" style={{ marginTop: 8 }}>
            {survivability.reason}
          </Typography>
        </Box>
      )}
      {capacity.zones.map(zone => (
        <ZoneBlock
          key={zone.zone.id}
          zone={zone}
          detail={detail}
          maxCpu={maxCpu}
          maxMemory={maxMemory}
        />
      ))}
      {capacity.pending.podCount > 0 && (
        <Typography variant="body2" color="textSecondary">
          {capacity.pending.podCount} pending pod
          {capacity.pending.podCount === 1 ? '' : 's'} request{' '}
          {formatCpu(capacity.pending.requested.cpuMillicores)} CPU and{' '}
          {formatMemory(capacity.pending.requested.memoryBytes)} memory without
          an AZ yet; they count as demand in the N-1 test.
        </Typography>
      )}
      {capacity.unzoned.nodeCount > 0 && (
        <Typography variant="body2" color="textSecondary">
          {capacity.unzoned.nodeCount} node
          {capacity.unzoned.nodeCount === 1 ? ' has' : 's have'} no zone labels
          and {capacity.unzoned.nodeCount === 1 ? 'is' : 'are'} not shown per
          AZ.
        </Typography>
      )}
      <DataFreshness
        health={summary.health}
        capturedAt={detail.capacityCapturedAt}
      />
    </>
  );
}

/** The AZ capacity card for a cluster given by ARN. */
export function AzCapacityCardView(props: { clusterArn: string }) {
  const { value, loading, error } = useClusterDetail(props.clusterArn);
  return (
    <InfoCard
      title="AZ capacity and N-1"
      subheader="Allocatable vs requested CPU and memory per Availability Zone, and what losing each AZ would leave"
    >
      <ClusterLoadBody value={value} loading={loading} error={error}>
        {detail => <AzCapacityContent detail={detail} />}
      </ClusterLoadBody>
    </InfoCard>
  );
}

/**
 * The AZ capacity card on a cluster's entity page.
 *
 * @public
 */
export function EntityFleetAzCapacityCard() {
  return (
    <EntityClusterCard title="AZ capacity and N-1" View={AzCapacityCardView} />
  );
}
