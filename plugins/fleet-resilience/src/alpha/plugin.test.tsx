import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  createExtensionTester,
  mockApis,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import type { PreflightReport } from '@fleet-resilience/plugin-fleet-resilience-common';
import { fleetResilienceApiRef, type FleetResilienceApi } from '../api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { CLUSTER_ARN } from '../__testUtils__/fixtures';
import { fleetSummaryFixture } from '../__testUtils__/readinessFixtures';
import plugin, {
  fleetResilienceAzCapacityCard,
  fleetResilienceConsolePage,
  fleetResiliencePreflightPage,
  fleetResilienceReadinessCard,
  fleetResilienceResilienceCard,
  fleetResilienceShiftHistoryCard,
  fleetResilienceZonalShiftCard,
} from './plugin';

const cluster: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'payments-prod-us-east-1-111122223333',
    annotations: { 'fleet-resilience.io/cluster-arn': CLUSTER_ARN },
  },
  spec: { type: 'kubernetes-cluster' },
};

const service: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments' },
  spec: { type: 'service' },
};

describe('new frontend system plugin', () => {
  it('is the fleet-resilience plugin with the documented extension ids', () => {
    expect(plugin.id).toBe('fleet-resilience');
    for (const id of [
      'api:fleet-resilience',
      'page:fleet-resilience',
      'page:fleet-resilience/preflight',
      'entity-card:fleet-resilience/az-capacity',
      'entity-card:fleet-resilience/zonal-shift',
      'entity-card:fleet-resilience/readiness',
      'entity-card:fleet-resilience/shift-history',
      'entity-card:fleet-resilience/resilience',
    ] as const) {
      expect(plugin.getExtension(id)).toBeDefined();
    }
  });

  it('shows every card only on EKS cluster entities', () => {
    const filters = [
      createExtensionTester(fleetResilienceAzCapacityCard).get(
        EntityCardBlueprint.dataRefs.filterFunction,
      ),
      createExtensionTester(fleetResilienceZonalShiftCard).get(
        EntityCardBlueprint.dataRefs.filterFunction,
      ),
      createExtensionTester(fleetResilienceReadinessCard).get(
        EntityCardBlueprint.dataRefs.filterFunction,
      ),
      createExtensionTester(fleetResilienceShiftHistoryCard).get(
        EntityCardBlueprint.dataRefs.filterFunction,
      ),
      createExtensionTester(fleetResilienceResilienceCard).get(
        EntityCardBlueprint.dataRefs.filterFunction,
      ),
    ];
    for (const filter of filters) {
      expect(filter).toBeDefined();
      expect(filter!(cluster)).toBe(true);
      expect(filter!(service)).toBe(false);
    }
  });

  it('mounts the console at /fleet-resilience with a nav title', () => {
    const tester = createExtensionTester(fleetResilienceConsolePage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/fleet-resilience');
    expect(tester.get(coreExtensionData.title)).toBe('Fleet Resilience');
  });

  it('mounts the preflight page under the console, with a title of its own', () => {
    const tester = createExtensionTester(fleetResiliencePreflightPage);
    expect(tester.get(coreExtensionData.routePath)).toBe(
      '/fleet-resilience/preflight',
    );
    expect(tester.get(coreExtensionData.title)).toBe('Fleet preflight');
  });

  it('links the console and the preflight page to each other in an app', async () => {
    const report: PreflightReport = {
      state: 'done',
      summary: { pass: 1, warn: 0, fail: 0, skipped: 0 },
      checks: [
        {
          id: 'credentials',
          title: 'Reader role credentials resolve',
          scope: { accountId: '111122223333' },
          status: 'pass',
          detail: 'assumed',
        },
      ],
    };
    const empty = {
      items: [],
      totalCount: 0,
      paging: { limit: 50, offset: 0 },
    };
    // What the two pages read.
    const api = {
      getPreflight: async () => report,
      listClusters: async () => empty,
      listActiveShifts: async () => empty,
      getReadinessSummary: async () => fleetSummaryFixture({ clusterCount: 0 }),
      getRefreshStatus: async () => ({
        sources: [],
        clusters: { total: 0, fresh: 0, stale: 0, never: 0 },
      }),
    } as Partial<FleetResilienceApi> as FleetResilienceApi;
    // jsdom's CSS parser fails on a rule of the test app's sidebar, which
    // JSS reports as a warning (a jsdom bug); any other warning fails.
    const warnings = jest.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      renderTestApp({
        extensions: [fleetResilienceConsolePage, fleetResiliencePreflightPage],
        initialRouteEntries: ['/fleet-resilience/preflight'],
        apis: [
          [fleetResilienceApiRef, api],
          [permissionApiRef, mockApis.permission()],
        ],
      });
      // The preflight page wins over the console's /fleet-resilience/*.
      expect(
        await screen.findByText('Reader role credentials resolve'),
      ).toBeInTheDocument();
      const toConsole = screen.getByRole('link', { name: 'Fleet console' });
      expect(toConsole).toHaveAttribute('href', '/fleet-resilience');
      await userEvent.click(toConsole);
      expect(await screen.findByText('0 clusters match.')).toBeInTheDocument();
      expect(screen.getByRole('link', { name: 'Preflight' })).toHaveAttribute(
        'href',
        '/fleet-resilience/preflight',
      );
      expect(
        warnings.mock.calls.filter(
          call => !String(call[0]).includes('processedRuleToParse'),
        ),
      ).toEqual([]);
    } finally {
      warnings.mockRestore();
    }
  });
});
