import { WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import type {
  RefreshOutcome,
  SourceRefreshStatus,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { fleetResilienceApiRef } from '../../api';

/** The outcome of a source, for a backend that does not say it yet. */
function outcomeOf(source: SourceRefreshStatus): RefreshOutcome {
  return source.status ?? (source.ok ? 'ok' : 'failed');
}

/** One line per source that is not ok: what failed, or what was left out. */
export function sourceLine(source: SourceRefreshStatus): string {
  if (outcomeOf(source) === 'failed') {
    return `${source.source}: failed — ${
      source.errorMessage ?? 'unknown error'
    }`;
  }
  const rows = source.rows;
  const counts = rows
    ? `${rows.rejected} row${rows.rejected === 1 ? '' : 's'} left out, ${
        rows.stored
      } stored`
    : 'rows left out';
  const example = source.dataProblems?.[0];
  return `${source.source}: degraded — ${counts}${
    example ? `; e.g. ${example}` : ''
  }`;
}

/**
 * The fleet's data sources that failed or left rows out at their last
 * refresh (nothing when every source is ok, or while the status loads): a
 * view of `GET /refresh-status`, details in the backend's log.
 */
export function RefreshStatusPanel(props: { refreshKey?: number }) {
  const api = useApi(fleetResilienceApiRef);
  const { value } = useAsync(
    () => api.getRefreshStatus(),
    [api, props.refreshKey],
  );
  const notOk = (value?.sources ?? []).filter(s => outcomeOf(s) !== 'ok');
  if (notOk.length === 0) {
    return null;
  }
  const failed = notOk.filter(s => outcomeOf(s) === 'failed').length;
  const degraded = notOk.length - failed;
  return (
    <WarningPanel
      severity={failed > 0 ? 'warning' : 'info'}
      defaultExpanded
      title={`Data sources: ${[
        failed > 0 ? `${failed} failed` : '',
        degraded > 0 ? `${degraded} degraded` : '',
      ]
        .filter(Boolean)
        .join(', ')} at the last refresh`}
    >
      <ul>
        {notOk.map(source => (
          <li key={source.source}>{sourceLine(source)}</li>
        ))}
      </ul>
    </WarningPanel>
  );
}
