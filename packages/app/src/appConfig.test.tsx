import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ConfigReader } from '@backstage/config';
import { prepareSpecializedApp } from '@backstage/frontend-app-api';
import type {
  AppNode,
  OverridableFrontendPlugin,
} from '@backstage/frontend-plugin-api';
import appPlugin from '@backstage/plugin-app';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import fleetResiliencePlugin from '@fleet-resilience/plugin-fleet-resilience/alpha';

// The example portal's app-config.yaml as the app reads it, applied to the
// plugins whose extensions it configures.
const appConfig = parse(
  fs.readFileSync(path.resolve(__dirname, '../../../app-config.yaml'), 'utf8'),
);
const plugins: OverridableFrontendPlugin[] = [
  catalogPlugin,
  fleetResiliencePlugin,
];

/** The resolved extension tree (order, attachments, config), not rendered. */
function appTree() {
  return prepareSpecializedApp({
    features: [appPlugin, ...plugins],
    config: new ConfigReader(appConfig),
  }).getBootstrapApp().tree;
}

/** The type ('info', 'content') of a card in the tree, with its config. */
function cardType(card: AppNode) {
  const plugin = plugins.find(p => p.id === card.spec.plugin.pluginId);
  const definition = plugin?.getExtension(card.spec.id);
  if (!definition) throw new Error(`no extension ${card.spec.id}`);
  return createExtensionTester(definition, {
    config: card.spec.config as never,
  }).get(EntityCardBlueprint.dataRefs.type);
}

describe('app-config.yaml', () => {
  it('opens the catalog at / on the Resources (the clusters) of every owner', () => {
    const nodes = appTree().nodes;
    expect(nodes.get('page:catalog')?.spec.config).toEqual({ path: '/' });
    expect(nodes.get('catalog-filter:catalog/kind')?.spec.config).toEqual({
      initialFilter: 'resource',
    });
    expect(nodes.get('catalog-filter:catalog/list')?.spec.config).toEqual({
      initialFilter: 'all',
    });
    // The filters keep the catalog's own order: kind, type, then the list.
    const filters = nodes
      .get('page:catalog')
      ?.edges.attachments.get('filters')
      ?.map(filter => filter.spec.id);
    expect(filters?.slice(0, 3)).toEqual([
      'catalog-filter:catalog/kind',
      'catalog-filter:catalog/type',
      'catalog-filter:catalog/list',
    ]);
  });

  it("leads a cluster's Overview with the zonal shift card, in one column", () => {
    const overview = appTree().nodes.get('entity-content:catalog/overview');
    const cards = overview?.edges.attachments.get('cards') ?? [];
    expect(cards.map(card => card.spec.id).slice(0, 5)).toEqual([
      'entity-card:fleet-resilience/zonal-shift',
      'entity-card:fleet-resilience/az-capacity',
      'entity-card:fleet-resilience/readiness',
      'entity-card:fleet-resilience/shift-history',
      'entity-card:fleet-resilience/resilience',
    ]);
    // An "info" card would open a side column that comes first in the tab
    // order and narrows the shift card (the About card is one by default).
    expect(
      cards.filter(card => cardType(card) === 'info').map(c => c.spec.id),
    ).toEqual([]);
    // ... which it is without this config.
    const about = cards.find(c => c.spec.id === 'entity-card:catalog/about')!;
    expect(
      cardType({ ...about, spec: { ...about.spec, config: undefined } }),
    ).toBe('info');
  });
});
