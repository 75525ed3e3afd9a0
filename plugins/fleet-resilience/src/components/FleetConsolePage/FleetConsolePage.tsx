import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Content,
  ContentHeader,
  Header,
  LinkButton,
  Page,
  Progress,
  ResponseErrorPanel,
  SupportButton,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { fleetResiliencePreflightPermission } from '@fleet-resilience/plugin-fleet-resilience-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { fleetResilienceApiRef } from '../../api';
import type {
  ReadinessCheckId,
  ReadinessVerdict,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  DEFAULT_SORT,
  EMPTY_FILTERS,
  FleetFilters,
  FleetSort,
  singleAzId,
  toListQuery,
} from '../../lib/fleetFilters';
import { useFleetSignal } from '../../hooks/useFleetSignal';
import { useOptionalRouteLink } from '../../hooks/useOptionalRouteLink';
import { preflightRouteRef } from '../../routes';
import { TimeZoneToggle } from '../shared/TimeZoneToggle';
import { RefreshStatusPanel } from './RefreshStatusPanel';
import { ActiveShiftsPanel } from './ActiveShiftsPanel';
import { FleetFiltersBar } from './FleetFiltersBar';
import { FleetHeatmap } from './FleetHeatmap';
import { FleetShiftDialog } from './FleetShiftDialog';
import { FleetTable } from './FleetTable';
import { FleetReadinessFixDialog } from './FleetReadinessFixDialog';
import { ReadinessSummaryPanel } from './ReadinessSummaryPanel';

export { FILTER_DEBOUNCE_MS } from './FleetFiltersBar';
const DEFAULT_PAGE_SIZE = 50;
/** Signals arrive in bursts during a refresh: refetch at most this often. */
const SIGNAL_REFETCH_MS = 2000;

/** Calls `fn` at most once per `ms`, trailing. */
function useThrottled(fn: () => void, ms: number) {
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const latest = useRef(fn);
  latest.current = fn;
  useEffect(() => () => clearTimeout(timer.current), []);
  return useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      latest.current();
    }, ms);
  }, [ms]);
}

/**
 * The platform team's console: the fleet (server-side filtered and paged),
 * a per-AZ heatmap of the clusters listed, active shifts with revert, the
 * fleet-wide shift away from one AZ, and the fleet's AZ readiness (summary
 * with the table's filters, and fixes of the clusters listed). `preflightLink`: where the
 * preflight page is, when the app has one; linked for those who may read it.
 */
export function FleetConsoleContent(props: { preflightLink?: string }) {
  const api = useApi(fleetResilienceApiRef);
  const preflight = usePermission({
    permission: fleetResiliencePreflightPermission,
  });
  // The filters in effect; what is being typed lives in FleetFiltersBar, so
  // a keystroke does not re-render the table, heatmap or active shifts.
  const [filters, setFilters] = useState<FleetFilters>(EMPTY_FILTERS);
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(DEFAULT_PAGE_SIZE);
  const [sort, setSort] = useState<FleetSort>(DEFAULT_SORT);
  const [fleetShiftOpen, setFleetShiftOpen] = useState(false);
  const [fleetFixOpen, setFleetFixOpen] = useState(false);
  const [refreshKey, setRefreshKey] = useState(0);

  const list = useAsyncRetry(
    () =>
      api.listClusters(
        toListQuery(
          filters,
          { limit: pageSize, offset: page * pageSize },
          sort,
        ),
      ),
    [api, filters, page, pageSize, sort, refreshKey],
  );

  const refetch = useThrottled(
    () => setRefreshKey(k => k + 1),
    SIGNAL_REFETCH_MS,
  );
  useFleetSignal(refetch, signal => signal.type !== 'fleet-shift-progress');

  // Stable callbacks, so the memoised parts re-render only for new data.
  const changeFilters = useCallback((next: FleetFilters) => {
    setFilters(next);
    setPage(0);
  }, []);
  const changePageSize = useCallback((size: number) => {
    setPageSize(size);
    setPage(0);
  }, []);
  const changeSort = useCallback((next: FleetSort) => {
    setSort(next);
    setPage(0);
  }, []);
  // A summary link: the table filtered on that verdict or check.
  const filterOn = useCallback(
    (filter: { readiness?: ReadinessVerdict; check?: ReadinessCheckId }) => {
      setFilters(current => ({
        ...current,
        readiness: filter.readiness ?? current.readiness,
        check: filter.check ?? current.check,
      }));
      setPage(0);
    },
    [],
  );
  const openFleetFix = useCallback(() => setFleetFixOpen(true), []);
  const closeFleetFix = useCallback(() => setFleetFixOpen(false), []);
  const openFleetShift = useCallback(() => setFleetShiftOpen(true), []);
  const closeFleetShift = useCallback(() => setFleetShiftOpen(false), []);
  const fleetShiftDone = useCallback(() => setRefreshKey(k => k + 1), []);

  return (
    <>
      <ContentHeader title="EKS fleet">
        {props.preflightLink && preflight.allowed && (
          <Box mr={2}>
            {/* A link that looks like the header's buttons: MUI would call it a button. */}
            <LinkButton to={props.preflightLink} role="link">
              Preflight
            </LinkButton>
          </Box>
        )}
        <Box mr={2}>
          <TimeZoneToggle />
        </Box>
        <Button variant="contained" color="secondary" onClick={openFleetShift}>
          Shift fleet away from an AZ
        </Button>
        <SupportButton>
          Per-AZ capacity, N-1 verdicts and ARC zonal shifts of every EKS
          cluster.
        </SupportButton>
      </ContentHeader>
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <RefreshStatusPanel refreshKey={refreshKey} />
          <ActiveShiftsPanel refreshKey={refreshKey} />
        </Grid>
        <Grid item xs={12}>
          <FleetFiltersBar filters={filters} onChange={changeFilters} />
          <ReadinessSummaryPanel
            filters={filters}
            refreshKey={refreshKey}
            onFilter={filterOn}
            onFix={openFleetFix}
          />
          {list.error && <ResponseErrorPanel error={list.error} />}
          {!list.error && !list.value && <Progress />}
          {!list.error && list.value && (
            <>
              <Box mb={1}>
                <Typography variant="body2" aria-live="polite">
                  {list.value.totalCount} cluster
                  {list.value.totalCount === 1 ? '' : 's'} match.
                </Typography>
              </Box>
              <FleetTable
                items={list.value.items}
                totalCount={list.value.totalCount}
                page={page}
                pageSize={pageSize}
                loading={list.loading}
                onPageChange={setPage}
                onPageSizeChange={changePageSize}
                sort={sort}
                onSortChange={changeSort}
              />
            </>
          )}
        </Grid>
        {list.value && (
          <Grid item xs={12}>
            <FleetHeatmap clusters={list.value.items} />
          </Grid>
        )}
      </Grid>
      <FleetShiftDialog
        open={fleetShiftOpen}
        initialAwayFrom={singleAzId(filters.zone)}
        onClose={closeFleetShift}
        onDone={fleetShiftDone}
      />
      <FleetReadinessFixDialog
        open={fleetFixOpen}
        filters={filters}
        onClose={closeFleetFix}
        onDone={fleetShiftDone}
      />
    </>
  );
}

/**
 * The console as a page of its own (legacy frontend system, with header).
 *
 * @public
 */
export function FleetConsolePage() {
  const preflightLink = useOptionalRouteLink(preflightRouteRef);
  return (
    <Page themeId="tool">
      <Header
        title="Fleet Resilience"
        subtitle="Zonal shift console for the EKS fleet"
      />
      <Content>
        <FleetConsoleContent preflightLink={preflightLink} />
      </Content>
    </Page>
  );
}

/** The page body for the new frontend system, whose page brings the header. */
export function FleetConsolePageContent(props: { preflightLink?: string }) {
  return (
    <Content>
      <FleetConsoleContent preflightLink={props.preflightLink} />
    </Content>
  );
}
