import { memo } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import LinearProgress from '@material-ui/core/LinearProgress';
import Link from '@material-ui/core/Link';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import {
  READINESS_CHECK_IDS,
  READINESS_VERDICTS,
  type FleetReadinessSummary,
  type ReadinessCheckId,
  type ReadinessCheckVerdict,
  type ReadinessVerdict,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { fleetResilienceApiRef } from '../../api';
import { FleetFilters, toSummaryQuery } from '../../lib/fleetFilters';
import {
  CHECK_TEXT,
  CHECK_VERDICT_COLOUR,
  READINESS_VERDICT_COLOUR,
  READINESS_VERDICT_TEXT,
  summaryLines,
} from '../../lib/readiness';

const BAR_WIDTH = 240;
const BAR_HEIGHT = 12;
const SEGMENTS: ReadinessCheckVerdict[] = ['fail', 'warn', 'unknown', 'pass'];

/** A check's counts in words: the bar's text alternative. */
export function checkCountsText(
  id: ReadinessCheckId,
  counts: Record<ReadinessCheckVerdict, number>,
): string {
  return `${CHECK_TEXT[id]}: ${counts.fail} fail, ${counts.warn} warn, ${counts.unknown} unknown, ${counts.pass} pass`;
}

/** One check over the fleet: a bar split by verdict, worst first. */
function CheckBar(props: {
  id: ReadinessCheckId;
  counts: Record<ReadinessCheckVerdict, number>;
  total: number;
}) {
  const { id, counts, total } = props;
  const text = checkCountsText(id, counts);
  let x = 0;
  return (
    <svg
      role="img"
      aria-label={text}
      width={BAR_WIDTH}
      height={BAR_HEIGHT}
      style={{ flex: '0 0 auto' }}
    >
      <title>{text}</title>
      {SEGMENTS.map(verdict => {
        const width = total > 0 ? (counts[verdict] / total) * BAR_WIDTH : 0;
        const rect = (
          <rect
            key={verdict}
            data-testid={`segment-${verdict}`}
            x={x}
            y={0}
            width={width}
            height={BAR_HEIGHT}
            fill={CHECK_VERDICT_COLOUR[verdict]}
          />
        );
        x += width;
        return rect;
      })}
    </svg>
  );
}

/** A link-looking button that filters the table. */
function FilterLink(props: { onClick: () => void; children: string }) {
  return (
    <Link component="button" variant="body2" onClick={props.onClick}>
      {props.children}
    </Link>
  );
}

/** The summary's content, for a given answer of `GET /readiness-summary`. */
export function ReadinessSummaryView(props: {
  summary: FleetReadinessSummary;
  onFilter: (filter: {
    readiness?: ReadinessVerdict;
    check?: ReadinessCheckId;
  }) => void;
}) {
  const { summary, onFilter } = props;
  const lines = summaryLines(summary);
  return (
    <>
      <Box display="flex" flexWrap="wrap" style={{ gap: 16 }} mb={1}>
        {READINESS_VERDICTS.map(verdict => (
          <Box key={verdict} display="flex" alignItems="center">
            <span
              aria-hidden
              style={{
                width: 10,
                height: 10,
                marginRight: 6,
                backgroundColor: READINESS_VERDICT_COLOUR[verdict],
                display: 'inline-block',
              }}
            />
            <FilterLink onClick={() => onFilter({ readiness: verdict })}>
              {`${summary.byVerdict[verdict] ?? 0} ${READINESS_VERDICT_TEXT[
                verdict
              ].toLocaleLowerCase('en-US')}`}
            </FilterLink>
          </Box>
        ))}
      </Box>
      {lines.length > 0 ? (
        <Box component="ul" m={0} pl={2.5} aria-label="What needs doing">
          {lines.map(line => (
            <li key={line.text}>
              <FilterLink onClick={() => onFilter(line.filter)}>
                {line.text}
              </FilterLink>
            </li>
          ))}
        </Box>
      ) : (
        <Typography variant="body2">
          Nothing to fix in the clusters listed.
        </Typography>
      )}
      <Box mt={1.5} component="ul" p={0} m={0} aria-label="Checks">
        {READINESS_CHECK_IDS.map(id => {
          const counts = summary.checks[id] ?? {
            pass: 0,
            warn: 0,
            fail: 0,
            unknown: 0,
          };
          const failingOrWarning = counts.fail + counts.warn;
          return (
            <Box
              key={id}
              component="li"
              display="flex"
              alignItems="center"
              flexWrap="wrap"
              style={{ gap: 8, listStyle: 'none' }}
              mb={0.5}
            >
              <Typography variant="body2" style={{ width: 230 }}>
                {CHECK_TEXT[id]}
              </Typography>
              <CheckBar id={id} counts={counts} total={summary.clusterCount} />
              {failingOrWarning > 0 ? (
                <FilterLink onClick={() => onFilter({ check: id })}>
                  {`${counts.fail} fail, ${counts.warn} warn`}
                </FilterLink>
              ) : (
                <Typography variant="body2" color="textSecondary">
                  {counts.pass} pass
                </Typography>
              )}
            </Box>
          );
        })}
      </Box>
    </>
  );
}

/**
 * The fleet's readiness above the table, with the table's filters: counts
 * per verdict, what most needs doing, and each check drawn as a bar; every
 * count links to the table filtered on it.
 */
export const ReadinessSummaryPanel = memo(
  function ReadinessSummaryPanelUnmemoised(props: {
    filters: FleetFilters;
    refreshKey: number;
    onFilter: (filter: {
      readiness?: ReadinessVerdict;
      check?: ReadinessCheckId;
    }) => void;
    onFix: () => void;
  }) {
    const api = useApi(fleetResilienceApiRef);
    const { filters, refreshKey } = props;
    const summary = useAsync(
      () => api.getReadinessSummary(toSummaryQuery(filters)),
      [api, filters, refreshKey],
    );
    return (
      <Paper
        component="section"
        aria-label="Fleet readiness"
        style={{ padding: 16, marginBottom: 16 }}
      >
        <Box
          display="flex"
          alignItems="center"
          justifyContent="space-between"
          flexWrap="wrap"
          mb={1}
        >
          <Typography variant="h6" component="h2">
            AZ readiness
            {summary.value
              ? ` of ${summary.value.clusterCount} cluster${
                  summary.value.clusterCount === 1 ? '' : 's'
                }`
              : ''}
          </Typography>
          <Button variant="outlined" color="primary" onClick={props.onFix}>
            Fix readiness of these clusters
          </Button>
        </Box>
        {summary.loading && !summary.value && (
          <LinearProgress aria-label="Loading the readiness summary" />
        )}
        {summary.error && <ResponseErrorPanel error={summary.error} />}
        {summary.value && (
          <ReadinessSummaryView
            summary={summary.value}
            onFilter={props.onFilter}
          />
        )}
      </Paper>
    );
  },
);
