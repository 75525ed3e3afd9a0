import { createExtensionTester } from '@backstage/frontend-test-utils';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { CLUSTER_ARN } from '../__testUtils__/fixtures';
import plugin, {
  fleetResilienceAzCapacityCard,
  fleetResilienceConsolePage,
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
      'entity-card:fleet-resilience/az-capacity',
      'entity-card:fleet-resilience/zonal-shift',
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
});
