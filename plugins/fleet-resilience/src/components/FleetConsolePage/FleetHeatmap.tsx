import { memo, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type {
  FleetClusterDetail,
  FleetClusterSummary,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { fleetResilienceApiRef } from '../../api';
import { mapBounded } from '../../lib/boundedMap';
import { formatPercent } from '../../lib/format';
import {
  bandOf,
  heatmapCell,
  heatmapColumns,
  HEATMAP_BANDS,
  NO_DATA_BAND,
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

export function usageFromDetail(detail: FleetClusterDetail): ZoneUsage[] {
  return (detail.capacity?.zones ?? []).map(zone => ({
    zone: zone.zone,
    allocatable: zone.allocatable,
    requested: zone.requested,
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
  const cache = useRef(new Map<string, ZoneUsage[]>());
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
      let usage: ZoneUsage[] = [];
      try {
        usage = usageFromDetail(await api.getCluster(c.ref.arn));
      } catch {
        // The row stays empty: one failed detail does not hide the rest.
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

  const usageOf = (c: FleetClusterSummary): ZoneUsage[] =>
    usageFromSummary(c) ?? cache.current.get(cacheKey(c)) ?? [];
  return { usageOf, loading };
}

function utilisationText(utilisation: number | undefined): string {
  if (utilisation === undefined) return 'n/a';
  return Number.isFinite(utilisation)
    ? formatPercent(utilisation)
    : 'no capacity';
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
  },
  rowHeader: {
    textAlign: 'left',
    paddingRight: theme.spacing(1),
    fontWeight: 'normal',
    whiteSpace: 'nowrap',
  },
  swatch: {
    display: 'inline-block',
    width: 14,
    height: 14,
    marginRight: 4,
    verticalAlign: 'middle',
    border: `1px solid ${theme.palette.divider}`,
  },
}));

export function HeatmapLegend() {
  const classes = useStyles();
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      style={{ gap: 12 }}
      mt={1}
      aria-label="Colour scale"
    >
      {[...HEATMAP_BANDS, NO_DATA_BAND].map(band => (
        <span key={band.label}>
          <span
            className={classes.swatch}
            style={{ background: band.colour }}
            aria-hidden
          />
          <Typography variant="caption">{band.label}</Typography>
        </span>
      ))}
      <Typography variant="caption">
        * some nodes cordoned · ⇥ traffic shifted away
      </Typography>
    </Box>
  );
}

/**
 * Requests / allocatable per cluster and AZ (the higher of CPU and memory)
 * for the clusters on the current page; re-renders only for a new list.
 */
export const FleetHeatmap = memo(function FleetHeatmapUnmemoised(props: {
  clusters: readonly FleetClusterSummary[];
}) {
  const classes = useStyles();
  const { usageOf, loading } = useZoneUsage(props.clusters);
  const rows = props.clusters.map(cluster => ({
    cluster,
    usage: usageOf(cluster),
  }));
  const columns = heatmapColumns(rows.map(r => r.usage.map(u => u.zone)));

  return (
    <InfoCard
      title="Capacity heatmap"
      subheader="Requested share of allocatable capacity per AZ (the higher of CPU and memory), for the clusters listed below"
    >
      {loading && <LinearProgress aria-label="Loading per-AZ capacity" />}
      {rows.length === 0 ? (
        <Typography variant="body2">No clusters match the filters.</Typography>
      ) : (
        <Box overflow="auto">
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
              {rows.map(({ cluster, usage }) => (
                <tr key={cluster.ref.arn}>
                  <th scope="row" className={classes.rowHeader}>
                    {cluster.ref.name}
                    <Typography variant="caption" color="textSecondary">
                      {' '}
                      {cluster.ref.region}
                    </Typography>
                  </th>
                  {columns.map(zone => {
                    const zoneUsage = usage.find(u => u.zone.id === zone.id);
                    if (!zoneUsage) {
                      return <td key={zone.id} aria-label="not in this AZ" />;
                    }
                    const cell = heatmapCell(zoneUsage);
                    const band = bandOf(cell.utilisation);
                    const shifted = cluster.shiftAwayFrom?.id === zone.id;
                    const text = utilisationText(cell.utilisation);
                    const title = `${cluster.ref.name} in ${
                      zoneUsage.zone.name
                    } (${zone.id}): CPU ${
                      cell.cpu === undefined ? 'n/a' : formatPercent(cell.cpu)
                    }, memory ${
                      cell.memory === undefined
                        ? 'n/a'
                        : formatPercent(cell.memory)
                    } requested${cell.cordoned ? ', some nodes cordoned' : ''}${
                      shifted ? ', traffic shifted away' : ''
                    }`;
                    return (
                      <td
                        key={zone.id}
                        className={classes.cell}
                        style={{ background: band.colour, color: band.text }}
                        title={title}
                        aria-label={title}
                      >
                        {shifted ? '⇥ ' : ''}
                        {text}
                        {cell.cordoned ? '*' : ''}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </Box>
      )}
      <HeatmapLegend />
    </InfoCard>
  );
});
