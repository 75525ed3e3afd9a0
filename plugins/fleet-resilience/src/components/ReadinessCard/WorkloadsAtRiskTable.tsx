import { useTheme } from '@material-ui/core/styles';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type {
  WorkloadAssessment,
  WorkloadReadiness,
} from '@fleet-resilience/plugin-fleet-resilience-common';

const BAR_WIDTH = 90;
const BAR_HEIGHT = 8;
const ROW_HEIGHT = 13;

/** The replicas per AZ in words: the drawing's text alternative. */
export function replicasPerZoneText(
  workload: Pick<WorkloadAssessment, 'readyByZone'>,
  zones: string[],
): string {
  return `Ready replicas per AZ: ${zones
    .map(zone => `${zone} ${workload.readyByZone[zone] ?? 0}`)
    .join(', ')}`;
}

/**
 * The AZs to draw: the cluster's, then any other a workload's pods are in,
 * so that an AZ with no replica shows as an empty bar.
 */
export function zonesToDraw(
  clusterZones: string[],
  workloads: Array<Pick<WorkloadAssessment, 'readyByZone'>>,
): string[] {
  const zones = [...clusterZones];
  for (const workload of workloads) {
    for (const zone of Object.keys(workload.readyByZone).sort()) {
      if (!zones.includes(zone)) zones.push(zone);
    }
  }
  return zones;
}

/**
 * One bar per AZ, on a scale of the workload's desired replicas (or its
 * largest AZ, if more): an empty AZ is seen at a glance, and the count is
 * written after each bar.
 */
export function ZoneReplicaBars(props: {
  workload: WorkloadAssessment;
  zones: string[];
}) {
  const theme = useTheme();
  const { workload, zones } = props;
  const counts = zones.map(zone => workload.readyByZone[zone] ?? 0);
  const scaleMax = Math.max(workload.desiredReplicas, ...counts, 1);
  const text = replicasPerZoneText(workload, zones);
  const labelWidth = 72;
  const width = labelWidth + BAR_WIDTH + 24;
  return (
    <svg
      role="img"
      aria-label={text}
      width={width}
      height={zones.length * ROW_HEIGHT}
      style={{ display: 'block' }}
    >
      <title>{text}</title>
      {zones.map((zone, i) => {
        const y = i * ROW_HEIGHT;
        const count = counts[i];
        return (
          <g key={zone} data-testid={`zone-bar-${zone}`}>
            <text
              x={0}
              y={y + BAR_HEIGHT + 1}
              fontSize={10}
              fill={theme.palette.text.secondary}
            >
              {zone}
            </text>
            <rect
              x={labelWidth}
              y={y + 1}
              width={BAR_WIDTH}
              height={BAR_HEIGHT}
              fill={theme.palette.action.hover}
            />
            <rect
              data-testid="zone-bar-fill"
              x={labelWidth}
              y={y + 1}
              width={(count / scaleMax) * BAR_WIDTH}
              height={BAR_HEIGHT}
              fill={theme.palette.primary.dark}
            />
            <text
              x={labelWidth + BAR_WIDTH + 4}
              y={y + BAR_HEIGHT + 1}
              fontSize={10}
              fill={theme.palette.text.primary}
            >
              {count}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** The flagged workloads: where their ready replicas are, and why they are flagged. */
export function WorkloadsAtRiskTable(props: {
  workloads: WorkloadReadiness;
  clusterZones: string[];
}) {
  const { workloads, clusterZones } = props;
  const zones = zonesToDraw(clusterZones, workloads.atRisk);
  if (workloads.atRisk.length === 0) {
    return (
      <Typography variant="body2">
        No workload is flagged ({workloads.workloadCount} read).
      </Typography>
    );
  }
  return (
    <>
      <Table size="small" aria-label="Workloads at risk">
        <TableHead>
          <TableRow>
            <TableCell>Workload</TableCell>
            <TableCell style={{ whiteSpace: 'nowrap' }}>
              Ready / desired
            </TableCell>
            <TableCell>Ready replicas per AZ</TableCell>
            {/* The reason gives way first: names and counts stay whole. */}
            <TableCell style={{ width: '40%' }}>Why</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {workloads.atRisk.map(w => (
            <TableRow key={`${w.kind}/${w.namespace}/${w.name}`}>
              <TableCell style={{ wordBreak: 'normal' }}>
                <Typography variant="body2" component="span">
                  {w.name}
                </Typography>
                <Typography
                  variant="caption"
                  color="textSecondary"
                  component="div"
                >
                  {w.namespace} · {w.kind}
                </Typography>
              </TableCell>
              <TableCell style={{ whiteSpace: 'nowrap' }}>
                {w.readyReplicas} / {w.desiredReplicas}
              </TableCell>
              <TableCell>
                <ZoneReplicaBars workload={w} zones={zones} />
              </TableCell>
              <TableCell>
                <Typography variant="body2">{w.reason}</Typography>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {workloads.truncated && (
        <Typography variant="caption" color="textSecondary" component="p">
          Only the first {workloads.atRisk.length} flagged workloads are listed,
          worst first.
        </Typography>
      )}
    </>
  );
}
