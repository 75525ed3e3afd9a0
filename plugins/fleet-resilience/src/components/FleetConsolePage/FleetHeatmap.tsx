import { memo, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import BlockIcon from '@material-ui/icons/Block';
import CheckIcon from '@material-ui/icons/Check';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import WarningIcon from '@material-ui/icons/Warning';
import type {
  FleetClusterDetail,
  FleetClusterSummary,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { fleetResilienceApiRef } from '../../api';
import { mapBounded } from '../../lib/boundedMap';
import { formatPercent } from '../../lib/format';
import {
  cellBand,
  clusterZones,
  HeatmapBand,
  HeatmapCell,
  heatmapColumns,
  heatmapRow,
  HeatmapRow,
  HeatmapRowInput,
  LEGEND_BANDS,
  RISK_COLOURS,
  rowRiskText,
  ZoneUsage,
} from '../../lib/heatmap';

/** Detail calls in flight at once when the list lacks per-AZ numbers. */
const DETAIL_CONCURRENCY = 4;

/**
 * Per-AZ usage of a cluster from its list entry (`zoneUsage`, present once
 * the cluster's Kubernetes API was read).
 */
function usageFromSummary(
  summary: FleetClusterSummary,
): ZoneUsage[] | undefined {
  return summary.zoneUsage;
}

/** Per-AZ usage from a detail; undefined when the cluster was never read. */
export function usageFromDetail(
  detail: FleetClusterDetail,
): ZoneUsage[] | undefined {
  return detail.capacity?.zones.map(zone => ({
    zone: zone.zone,
    allocatable: zone.allocatable,
    schedulableAllocatable: zone.schedulableAllocatable,
    requested: zone.requested,
    nodeCount: zone.nodeCount,
    cordoned: zone.schedulableNodeCount < zone.nodeCount,
  }));
}

/**
 * Per-AZ usage of the clusters on screen: from the list entries when they
 * carry it, otherwise from at most one detail call per cluster on screen
 * (cached per cluster and snapshot), never for the whole fleet.
 */
function useZoneUsage(clusters: readonly FleetClusterSummary[]) {
  const api = useApi(fleetResilienceApiRef);
  // Undefined for a failed detail: its row reads "no data".
  const cache = useRef(new Map<string, ZoneUsage[] | undefined>());
  const [, setVersion] = useState(0);
  const [loading, setLoading] = useState(false);
  const cacheKey = (c: FleetClusterSummary) =>
    `${c.ref.arn}@${c.health.lastSuccessAt ?? ''}`;
  const missing = clusters.filter(
    c => !usageFromSummary(c) && c.capacity && !cache.current.has(cacheKey(c)),
  );
  const missingKey = missing.map(cacheKey).join('|');

  useEffect(() => {
    if (missing.length === 0) {
      setLoading(false);
      return undefined;
    }
    let cancelled = false;
    setLoading(true);
    // Cells fill in as details arrive; a page change stops the rest.
    mapBounded(missing, DETAIL_CONCURRENCY, async c => {
      if (cancelled) return;
      let usage: ZoneUsage[] | undefined;
      try {
        usage = usageFromDetail(await api.getCluster(c.ref.arn));
      } catch {
        // The row reads "no data": one failed detail does not hide the rest.
      }
      cache.current.set(cacheKey(c), usage);
      if (!cancelled) setVersion(v => v + 1);
    }).then(() => {
      if (!cancelled) setLoading(false);
    });
    return () => {
      cancelled = true;
    };
    // missingKey names exactly the clusters to fetch
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, missingKey]);

  const usageOf = (c: FleetClusterSummary): ZoneUsage[] | undefined =>
    usageFromSummary(c) ?? cache.current.get(cacheKey(c));
  return { usageOf, loading };
}

function rowInput(
  cluster: FleetClusterSummary,
  usage: ZoneUsage[] | undefined,
): HeatmapRowInput {
  return {
    zones: cluster.zones,
    usage,
    verdict: cluster.survivability.verdict,
    requested: cluster.capacity?.requested,
  };
}

/** A fill, hatched for the states that colour alone must not tell. */
function fillOf(band: HeatmapBand): string {
  return band.stripe
    ? `repeating-linear-gradient(135deg, ${band.colour} 0 6px, ${band.stripe} 6px 9px)`
    : band.colour;
}

function cellText(cell: HeatmapCell): string {
  switch (cell.kind) {
    case 'usage':
      return `${formatPercent(cell.utilisation)}${cell.cordoned ? '*' : ''}`;
    case 'no-capacity':
      return 'no capacity';
    case 'idle':
      return 'empty';
    default:
      return 'no data';
  }
}

function cellTitle(cell: HeatmapCell): string {
  switch (cell.kind) {
    case 'usage':
      return `CPU ${formatPercent(cell.cpu)}, memory ${formatPercent(
        cell.memory,
      )} of the schedulable capacity requested${
        cell.cordoned ? ', some nodes cordoned or NotReady' : ''
      }`;
    case 'no-capacity':
      return `no schedulable capacity (${
        cell.nodeCount === 0
          ? 'no nodes'
          : `${cell.nodeCount} node${
              cell.nodeCount === 1 ? '' : 's'
            }, none accepts pods`
      }) while the cluster has pods to run`;
    case 'idle':
      return 'no schedulable capacity, and nothing requested in the cluster';
    default:
      return 'capacity not read yet';
  }
}

const useStyles = makeStyles(theme => ({
  table: {
    borderCollapse: 'separate',
    borderSpacing: 2,
    fontSize: '0.8rem',
  },
  cell: {
    minWidth: 72,
    padding: theme.spacing(0.5, 1),
    textAlign: 'center',
    borderRadius: 2,
    whiteSpace: 'nowrap',
  },
  icon: {
    fontSize: '1em',
    verticalAlign: '-0.125em',
    marginRight: 2,
  },
  rowHeader: {
    textAlign: 'left',
    paddingRight: theme.spacing(1),
    paddingLeft: theme.spacing(0.75),
    fontWeight: 'normal',
    whiteSpace: 'nowrap',
    borderLeft: '4px solid transparent',
  },
  risk: {
    display: 'inline-block',
    marginTop: 2,
    padding: '0 4px',
    borderRadius: 2,
    color: '#ffffff',
    fontSize: '0.75rem',
  },
  swatch: {
    display: 'inline-block',
    width: 14,
    height: 14,
    marginRight: 4,
    verticalAlign: 'middle',
    boxSizing: 'border-box',
  },
}));

function RiskLabel(props: { row: HeatmapRow }) {
  const classes = useStyles();
  const { row } = props;
  let colour: string = RISK_COLOURS.unknown;
  let Icon = HelpOutlineIcon;
  if (row.atRisk) {
    colour = RISK_COLOURS.atRisk;
    Icon = WarningIcon;
  } else if (row.verdict === 'survives') {
    colour = RISK_COLOURS.survives;
    Icon = CheckIcon;
  }
  return (
    <span className={classes.risk} style={{ backgroundColor: colour }}>
      <Icon className={classes.icon} aria-hidden />
      {rowRiskText(row)}
    </span>
  );
}

export function HeatmapLegend() {
  const classes = useStyles();
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      style={{ gap: 12 }}
      mt={1}
      role="group"
      aria-label="Colour scale"
    >
      {LEGEND_BANDS.map(band => (
        <span key={band.label}>
          <span
            className={classes.swatch}
            style={{
              background: fillOf(band),
              border: `1px solid ${band.border ?? band.colour}`,
            }}
            aria-hidden
          />
          <Typography variant="caption">{band.label}</Typography>
        </span>
      ))}
      <Typography variant="caption">
        * some nodes cordoned or NotReady · ⇥ traffic shifted away · ⚠ at risk
        of losing an AZ (N-1 verdict, or all capacity in one AZ)
      </Typography>
    </Box>
  );
}

/**
 * Requested share of the schedulable capacity per cluster and AZ (the higher
 * of CPU and memory) for the clusters on the current page, with each
 * cluster's risk of losing an AZ; re-renders only for a new list.
 */
export const FleetHeatmap = memo(function FleetHeatmapUnmemoised(props: {
  clusters: readonly FleetClusterSummary[];
}) {
  const classes = useStyles();
  const { usageOf, loading } = useZoneUsage(props.clusters);
  const inputs = props.clusters.map(cluster => ({
    cluster,
    input: rowInput(cluster, usageOf(cluster)),
  }));
  const columns = heatmapColumns(inputs.map(r => clusterZones(r.input)));

  return (
    <InfoCard
      title="Capacity heatmap"
      subheader="Requested share of the schedulable capacity per AZ (the higher of CPU and memory), and each cluster's risk of losing an AZ, for the clusters listed below"
    >
      {loading && <LinearProgress aria-label="Loading per-AZ capacity" />}
      {inputs.length === 0 ? (
        <Typography variant="body2">No clusters match the filters.</Typography>
      ) : (
        // Scrolls sideways on a small screen: focusable, so that keyboard
        // users can scroll it too.
        <Box
          overflow="auto"
          tabIndex={0}
          role="region"
          aria-label="Capacity heatmap, scrollable"
        >
          <table
            className={classes.table}
            aria-label="Capacity utilisation per cluster and AZ"
          >
            <thead>
              <tr>
                <th scope="col" className={classes.rowHeader}>
                  Cluster
                </th>
                {columns.map(zone => (
                  <th scope="col" key={zone.id}>
                    {zone.id}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {inputs.map(({ cluster, input }) => {
                const row = heatmapRow(input, columns);
                return (
                  <tr key={cluster.ref.arn}>
                    <th
                      scope="row"
                      className={classes.rowHeader}
                      style={
                        row.atRisk
                          ? { borderLeftColor: RISK_COLOURS.atRisk }
                          : undefined
                      }
                    >
                      {cluster.ref.name}
                      <Typography variant="caption" color="textSecondary">
                        {' '}
                        {cluster.ref.region}
                      </Typography>
                      <br />
                      <RiskLabel row={row} />
                    </th>
                    {row.cells.map(cell => {
                      const band = cellBand(cell);
                      if (!band) {
                        return (
                          <td
                            key={cell.zone.id}
                            aria-label="not an AZ of this cluster"
                          />
                        );
                      }
                      const shifted =
                        cluster.shiftAwayFrom?.id === cell.zone.id;
                      const title = `${cluster.ref.name} in ${
                        cell.zone.name
                      } (${cell.zone.id}): ${cellTitle(cell)}${
                        shifted ? ', traffic shifted away' : ''
                      }`;
                      return (
                        <td
                          key={cell.zone.id}
                          className={classes.cell}
                          style={{
                            background: fillOf(band),
                            color: band.text,
                            border: `1px solid ${band.border ?? band.colour}`,
                          }}
                          title={title}
                          aria-label={title}
                        >
                          {shifted ? '⇥ ' : ''}
                          {cell.kind === 'no-capacity' && (
                            <BlockIcon className={classes.icon} aria-hidden />
                          )}
                          {cellText(cell)}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </Box>
      )}
      <HeatmapLegend />
    </InfoCard>
  );
});
