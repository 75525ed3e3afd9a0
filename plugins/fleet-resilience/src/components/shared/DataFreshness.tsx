import Typography from '@material-ui/core/Typography';
import { WarningPanel } from '@backstage/core-components';
import type { ClusterDataHealth } from '@fleet-resilience/plugin-fleet-resilience-common';
import { formatDuration } from '../../lib/format';
import { useTimeFormat } from '../../hooks/useTimeFormat';

/**
 * How old the data on a card is; a warning when the last read failed or
 * never succeeded.
 */
export function DataFreshness(props: {
  health: ClusterDataHealth;
  /** When the data shown was captured, if the card knows better. */
  capturedAt?: string;
}) {
  const { health, capturedAt } = props;
  const { formatTime } = useTimeFormat();
  const age =
    health.ageSeconds !== undefined
      ? `${formatDuration(health.ageSeconds)} ago`
      : undefined;
  if (health.freshness === 'never') {
    return (
      <WarningPanel
        severity="info"
        title="No data from the cluster yet"
        message={
          health.lastError
            ? `The cluster's Kubernetes API has not been read successfully: ${health.lastError}`
            : 'The cluster has not been read yet; data appears after the next refresh.'
        }
      />
    );
  }
  if (health.freshness === 'stale') {
    return (
      <WarningPanel
        severity="warning"
        title={`Stale data: last read ${age ?? 'at an unknown time'}`}
        message={`The last read of the cluster failed${
          health.lastError ? `: ${health.lastError}` : ''
        }. What you see is from ${formatTime(
          capturedAt ?? health.lastSuccessAt,
        )}.`}
      />
    );
  }
  return (
    <Typography variant="caption" color="textSecondary" component="p">
      Data from {formatTime(capturedAt ?? health.lastSuccessAt)}
      {age ? ` (${age})` : ''}.
    </Typography>
  );
}
