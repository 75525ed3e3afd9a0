import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/test-utils';
import type { FleetClusterSummary } from '@fleet-resilience/plugin-fleet-resilience-common';
import { BASE_URL, summaryFixture, ZONES } from '../../__testUtils__/fixtures';
import { renderWithClient } from '../../__testUtils__/render';
import { FleetHeatmap } from './FleetHeatmap';

const server = setupServer();
registerMswTestHooks(server);

const GIB = 1024 ** 3;

function cluster(name: string, extra: Partial<FleetClusterSummary> = {}) {
  const base = summaryFixture();
  return summaryFixture({
    ref: {
      ...base.ref,
      name,
      arn: `arn:aws:eks:us-east-1:111122223333:cluster/${name}`,
    },
    ...extra,
  });
}

/** Every node in us-east-1a, a quarter of it requested. */
const oneAz = cluster('one-az', {
  survivability: { verdict: 'survives', reason: 'stale verdict' },
  zoneUsage: [
    {
      zone: ZONES[0],
      allocatable: { cpuMillicores: 8000, memoryBytes: 32 * GIB },
      schedulableAllocatable: { cpuMillicores: 8000, memoryBytes: 32 * GIB },
      requested: { cpuMillicores: 2000, memoryBytes: 4 * GIB },
      nodeCount: 2,
      cordoned: false,
    },
  ],
});

function detailCalls() {
  const calls: string[] = [];
  server.use(
    http.get(`${BASE_URL}/clusters/:arn`, ({ params }) => {
      calls.push(String(params.arn));
      return HttpResponse.json({}, { status: 500 });
    }),
  );
  return calls;
}

async function heatmap(clusters: FleetClusterSummary[]) {
  await renderWithClient(<FleetHeatmap clusters={clusters} />);
  return screen.getByRole('table', {
    name: 'Capacity utilisation per cluster and AZ',
  });
}

describe('FleetHeatmap', () => {
  it('draws the empty AZs of a one-AZ cluster as no capacity and the row as at risk', async () => {
    const calls = detailCalls();
    const table = await heatmap([oneAz]);
    const row = within(table).getByRole('row', { name: /one-az/ });
    expect(within(row).getByText('25%')).toBeInTheDocument();
    const empty = within(row).getAllByText('no capacity');
    expect(empty).toHaveLength(2);
    expect(
      within(row).getByLabelText(
        'one-az in us-east-1b (use1-az2): no schedulable capacity (no nodes) while the cluster has pods to run',
      ),
    ).toHaveTextContent('no capacity');
    expect(
      within(row).getByRole('rowheader', { name: /one-az/ }),
    ).toHaveTextContent('At risk: all capacity in use1-az1');
    expect(within(row).queryByText('no data')).not.toBeInTheDocument();
    expect(calls).toEqual([]);
  });

  it('names the nodes of an AZ that are all cordoned, and the shift away from it', async () => {
    detailCalls();
    const table = await heatmap([
      cluster('shifted', {
        shiftAwayFrom: ZONES[1],
        zoneUsage: [
          ...oneAz.zoneUsage!,
          {
            zone: ZONES[1],
            allocatable: { cpuMillicores: 8000, memoryBytes: 32 * GIB },
            schedulableAllocatable: { cpuMillicores: 0, memoryBytes: 0 },
            requested: { cpuMillicores: 1000, memoryBytes: GIB },
            nodeCount: 3,
            cordoned: true,
          },
        ],
      }),
    ]);
    expect(
      within(table).getByLabelText(
        'shifted in us-east-1b (use1-az2): no schedulable capacity (3 nodes, none accepts pods) while the cluster has pods to run, traffic shifted away',
      ),
    ).toHaveTextContent('⇥ no capacity');
  });

  it('keeps no data for a cluster never read, without a detail call', async () => {
    const calls = detailCalls();
    const table = await heatmap([
      cluster('never-read', {
        capacity: undefined,
        survivability: { verdict: 'unknown', reason: 'not read yet' },
      }),
    ]);
    expect(within(table).getAllByText('no data')).toHaveLength(3);
    expect(within(table).getByRole('rowheader')).toHaveTextContent(
      'N-1 unknown',
    );
    expect(calls).toEqual([]);
  });

  it('reads a cluster whose detail could not be fetched as no data, not as empty AZs', async () => {
    const calls = detailCalls();
    const table = await heatmap([cluster('unreachable')]);
    await waitFor(() => expect(calls).toHaveLength(1));
    await waitFor(() =>
      expect(within(table).getAllByText('no data')).toHaveLength(3),
    );
    expect(within(table).queryByText('no capacity')).not.toBeInTheDocument();
  });

  it('shows the N-1 verdict of a spread cluster on its row', async () => {
    detailCalls();
    const spread = ZONES.map(zone => ({
      ...oneAz.zoneUsage![0],
      zone,
    }));
    const table = await heatmap([
      cluster('safe', {
        zoneUsage: spread,
        survivability: { verdict: 'survives', reason: '' },
      }),
      cluster('tight', {
        zoneUsage: spread,
        survivability: { verdict: 'at-risk', reason: '' },
      }),
    ]);
    expect(
      within(table).getByRole('rowheader', { name: /safe/ }),
    ).toHaveTextContent('Survives losing an AZ');
    expect(
      within(table).getByRole('rowheader', { name: /tight/ }),
    ).toHaveTextContent('At risk if an AZ is lost');
    expect(within(table).queryByText('no capacity')).not.toBeInTheDocument();
  });

  it('explains every state in the legend', async () => {
    detailCalls();
    await heatmap([oneAz]);
    const legend = screen.getByRole('group', { name: 'Colour scale' });
    for (const label of [
      'under 50%',
      '90% and over',
      'no capacity (AZ with no schedulable node)',
      'no data',
    ]) {
      expect(within(legend).getByText(label)).toBeInTheDocument();
    }
  });
});
