import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/test-utils';
import {
  IDEMPOTENCY_KEY_HEADER,
  type FleetClusterSummary,
  type FleetReadinessFixItem,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import { BASE_URL, summaryFixture } from '../../__testUtils__/fixtures';
import { fleetSummaryFixture } from '../../__testUtils__/readinessFixtures';
import { renderWithClient } from '../../__testUtils__/render';
import { FleetConsoleContent } from './FleetConsolePage';
import { FLEET_FIX_BATCH } from './FleetReadinessFixDialog';

const server = setupServer();
registerMswTestHooks(server);

function cluster(name: string, extra: Partial<FleetClusterSummary> = {}) {
  const base = summaryFixture();
  return summaryFixture({
    ref: {
      ...base.ref,
      name,
      arn: `arn:aws:eks:us-east-1:111122223333:cluster/${name}`,
    },
    entityRef: `resource:default/${name}-us-east-1-111122223333`,
    ...extra,
  });
}

interface Recorded {
  lists: URL[];
  summaries: URL[];
  fixes: Array<{ body: any; key: string | null }>;
}

/** The fleet, its summary, and fleet fixes that answer per cluster. */
function serve(
  items: FleetClusterSummary[],
  outcomeOf: (
    arn: string,
    dryRun: boolean,
  ) => Pick<FleetReadinessFixItem, 'outcome' | 'reason'> = (_arn, dryRun) => ({
    outcome: dryRun ? 'eligible' : 'in-progress',
  }),
  /** Awaited before a fleet fix answers, e.g. to hold a batch back. */
  beforeAnswer: (body: any) => Promise<void> = async () => {},
): Recorded {
  const recorded: Recorded = { lists: [], summaries: [], fixes: [] };
  server.use(
    http.get(`${BASE_URL}/clusters`, ({ request }) => {
      const url = new URL(request.url);
      recorded.lists.push(url);
      return HttpResponse.json({
        items,
        totalCount: items.length,
        paging: { limit: 50, offset: 0 },
      });
    }),
    http.get(`${BASE_URL}/readiness-summary`, ({ request }) => {
      recorded.summaries.push(new URL(request.url));
      return HttpResponse.json(fleetSummaryFixture());
    }),
    http.get(`${BASE_URL}/clusters/:arn`, () =>
      HttpResponse.json({}, { status: 404 }),
    ),
    http.get(`${BASE_URL}/refresh-status`, () =>
      HttpResponse.json({
        sources: [],
        clusters: { total: 0, fresh: 0, stale: 0, never: 0 },
      }),
    ),
    http.get(`${BASE_URL}/active-shifts`, () =>
      HttpResponse.json({
        items: [],
        totalCount: 0,
        paging: { limit: 100, offset: 0 },
      }),
    ),
    http.post(`${BASE_URL}/fleet-readiness-fixes`, async ({ request }) => {
      const body = (await request.json()) as any;
      await beforeAnswer(body);
      recorded.fixes.push({
        body,
        key: request.headers.get(IDEMPOTENCY_KEY_HEADER),
      });
      const answered = (body.clusters as string[]).map(arn => {
        const c = items.find(i => i.ref.arn === arn)!;
        return {
          cluster: c.ref,
          entityRef: c.entityRef!,
          ...outcomeOf(arn, body.dryRun),
        };
      });
      return HttpResponse.json({
        dryRun: body.dryRun,
        fix: body.fix,
        items: answered,
        counts: {},
      });
    }),
  );
  return recorded;
}

const last = (urls: URL[]) => urls[urls.length - 1].searchParams;

describe('FleetConsolePage readiness', () => {
  it('shows each cluster’s readiness with what fails in its title', async () => {
    serve([
      cluster('alpha', {
        readiness: {
          verdict: 'not-ready',
          score: 38,
          failing: ['zonal-shift'],
          warning: ['single-replica'],
          workloadsAtRisk: 2,
        },
      }),
      cluster('beta'),
    ]);
    await renderWithClient(<FleetConsoleContent />);
    const table = await screen.findByRole('table', { name: 'Clusters' });
    const alpha = within(table).getByText('alpha').closest('tr')!;
    expect(
      within(alpha).getByText('Not ready · 38/100').closest('[title]'),
    ).toHaveAttribute(
      'title',
      'Fails: Zonal shift enabled. Warns: No single-replica workloads. 2 workloads at risk',
    );
    const beta = within(table).getByText('beta').closest('tr')!;
    expect(within(beta).getAllByRole('cell')[3]).toHaveTextContent(
      'Readiness not known yet',
    );
  });

  it('draws the fleet summary, and each count filters the table and the summary', async () => {
    const user = userEvent.setup({ delay: null });
    const recorded = serve([cluster('alpha')]);
    await renderWithClient(<FleetConsoleContent />);
    const panel = await screen.findByRole('region', {
      name: 'Fleet readiness',
    });
    expect(
      await within(panel).findByText('AZ readiness of 12 clusters'),
    ).toBeInTheDocument();
    expect(
      within(panel).getByRole('img', {
        name: 'Workloads spread over AZs: 4 fail, 0 warn, 0 unknown, 8 pass',
      }),
    ).toBeInTheDocument();
    const segments = within(panel)
      .getByRole('img', {
        name: 'Zonal shift enabled: 3 fail, 0 warn, 0 unknown, 9 pass',
      })
      .querySelectorAll('rect');
    const widths = Array.from(segments, r => Number(r.getAttribute('width')));
    // fail, warn, unknown, pass: 3 and 9 of 12 clusters on 240 px.
    expect(widths).toEqual([60, 0, 0, 180]);

    await user.click(
      within(panel).getByRole('button', {
        name: '3 clusters not enabled for zonal shift',
      }),
    );
    await waitFor(() =>
      expect(last(recorded.lists).get('check')).toBe('zonal-shift'),
    );
    await waitFor(() =>
      expect(last(recorded.summaries).get('check')).toBe('zonal-shift'),
    );
    // The filter bar shows the filter the link set.
    expect(
      screen.getByRole('button', { name: /Failing check/ }),
    ).toHaveTextContent('Zonal shift enabled');

    await user.click(
      within(panel).getByRole('button', { name: '5 not ready' }),
    );
    await waitFor(() => {
      expect(last(recorded.lists).get('readiness')).toBe('not-ready');
      expect(last(recorded.lists).get('check')).toBe('zonal-shift');
    });
  });

  it('filters on readiness and a failing check from the filter bar', async () => {
    const user = userEvent.setup({ delay: null });
    const recorded = serve([cluster('alpha')]);
    await renderWithClient(<FleetConsoleContent />);
    await screen.findByText('1 cluster match.');
    await user.click(screen.getByRole('button', { name: /^Readiness.+/ }));
    await user.click(await screen.findByRole('option', { name: 'At risk' }));
    await user.click(screen.getByRole('button', { name: /Failing check/ }));
    await user.click(
      await screen.findByRole('option', {
        name: 'Cluster DNS spread and autoscaled',
      }),
    );
    await waitFor(() => {
      expect(last(recorded.lists).get('readiness')).toBe('at-risk');
      expect(last(recorded.lists).get('check')).toBe('cluster-dns');
      expect(last(recorded.summaries).get('readiness')).toBe('at-risk');
      expect(last(recorded.summaries).get('check')).toBe('cluster-dns');
    });
  });

  it('sorts by readiness, worst first, then the other way', async () => {
    const user = userEvent.setup({ delay: null });
    const recorded = serve([cluster('alpha')]);
    await renderWithClient(<FleetConsoleContent />);
    await screen.findByText('1 cluster match.');
    expect(last(recorded.lists).get('sort')).toBe('name');
    const header = screen.getByRole('button', { name: 'Readiness' });
    await user.click(header);
    await waitFor(() => {
      expect(last(recorded.lists).get('sort')).toBe('readiness');
      expect(last(recorded.lists).get('order')).toBe('asc');
    });
    await user.click(screen.getByRole('button', { name: 'Readiness' }));
    await waitFor(() => expect(last(recorded.lists).get('order')).toBe('desc'));
  });

  it('fixes the clusters listed: dry run, then apply in batches with progress and outcomes', async () => {
    const user = userEvent.setup({ delay: null });
    const names = Array.from(
      { length: 13 },
      (_, i) => `c${String(i).padStart(2, '0')}`,
    );
    const items = names.map(n => cluster(n));
    let release: () => void = () => {};
    const held = new Promise<void>(resolve => {
      release = resolve;
    });
    const recorded = serve(
      items,
      (arn, dryRun) => {
        if (arn.endsWith('c12')) {
          return {
            outcome: 'no-change',
            reason: 'zonal shift is already enabled',
          };
        }
        return { outcome: dryRun ? 'eligible' : 'in-progress' };
      },
      // The second batch answers only when the test lets it.
      async body =>
        body.dryRun === false && !body.clusters.includes(items[0].ref.arn)
          ? held
          : undefined,
    );
    await renderWithClient(<FleetConsoleContent />);
    await screen.findByText('13 clusters match.');
    await user.click(
      screen.getByRole('button', { name: 'Fix readiness of these clusters' }),
    );
    const dialog = screen.getByRole('dialog');
    await user.type(
      within(dialog).getByLabelText(/Comment/),
      'Fleet readiness',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Dry run' }));

    expect(
      await within(dialog).findByText(
        /Dry run of “Enable zonal shift” on 13 clusters: 12 will be changed, 1 already so/,
      ),
    ).toBeInTheDocument();
    // The list of every cluster the filters match, in one page.
    expect(last(recorded.lists).get('limit')).toBe('500');
    expect(recorded.fixes).toHaveLength(1);
    expect(recorded.fixes[0].body).toEqual({
      fix: 'enable-zonal-shift',
      comment: 'Fleet readiness',
      clusters: items.map(i => i.ref.arn),
      dryRun: true,
    });
    const notChanged = within(dialog).getByRole('table', {
      name: 'Clusters not changed',
    });
    expect(
      within(notChanged).getByText(
        'already so: zonal shift is already enabled',
      ),
    ).toBeInTheDocument();

    await user.click(
      within(dialog).getByRole('button', { name: 'Apply to 12 clusters' }),
    );
    // Progress: the first batch's clusters with their outcomes already.
    expect(
      await within(dialog).findByText('Applying: 10 of 12 clusters done'),
    ).toBeInTheDocument();
    const soFar = within(dialog).getByRole('table', {
      name: 'Clusters done so far',
    });
    expect(within(soFar).getAllByRole('row')).toHaveLength(1 + FLEET_FIX_BATCH);
    release();
    const outcome = await within(dialog).findByRole('table', {
      name: 'Fleet fix outcome',
    });
    expect(within(outcome).getAllByText('EKS update in progress')).toHaveLength(
      12,
    );
    expect(
      within(dialog).getByText(
        /Enable zonal shift: 12 EKS update in progress\./,
      ),
    ).toBeInTheDocument();
    // Two batches, each with its own key derived from the submission's.
    const real = recorded.fixes.slice(1);
    expect(real.map(f => f.body.clusters.length)).toEqual([
      FLEET_FIX_BATCH,
      12 - FLEET_FIX_BATCH,
    ]);
    expect(real.every(f => f.body.dryRun === false)).toBe(true);
    const [key0, key1] = real.map(f => f.key!);
    expect(key0.replace(/:0$/, '')).toBe(key1.replace(/:1$/, ''));
    expect(key0).not.toBe(key1);
    expect(real.flatMap(f => f.body.clusters)).not.toContain(items[12].ref.arn);
  });
});
