import { createManualClock } from '../../clock';
import { createSimFleet } from '../../model/fleet';
import { generateFleet } from '../../model/generate';
import type { FleetModel, SimAccount, SimCluster } from '../../model/types';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  ACCOUNTS,
  createTestFleet,
} from '../__testUtils__/testFleet';
import { pageOf } from '../common/paging';
import {
  configurationItems,
  EC2_SUBNET,
  EKS_CLUSTER,
  queryDocument,
  RecorderScope,
} from './configuration-items';
import { createItemIndex } from './item-index';
import { matches, projectRow } from './query-evaluator';
import { parseQuery } from './query-parser';
import { createSelect } from './select';

const SINCE = Date.UTC(2025, 5, 1);
const FIELDS =
  'SELECT resourceId, accountId, awsRegion, resourceType, tags, configuration';

/** A page as evaluating the query over a fresh full scan of the model gives it (the code before the index). */
function referencePage(
  model: FleetModel,
  scope: RecorderScope | undefined,
  expression: string,
  offset: number,
  size: number,
  tokenScope: string,
) {
  const query = parseQuery(expression);
  const rows = configurationItems(model, SINCE, scope)
    .map(queryDocument)
    .filter(document => !query.where || matches(query.where, document));
  const page = pageOf(rows, offset, size, tokenScope);
  return {
    Results: page.items.map(row =>
      JSON.stringify(projectRow(row, query.fields)),
    ),
    NextToken: page.nextToken,
  };
}

/** Runs selects on `model` and checks each page against referencePage on the model as it is then. */
function checkedSelect(model: FleetModel) {
  const select = createSelect(createItemIndex(model, SINCE));
  return (
    expression: string,
    options: {
      scope?: RecorderScope;
      size?: number;
      nextToken?: string;
      offset?: number;
    } = {},
  ) => {
    const size = options.size ?? 100;
    const scopeKey = options.scope
      ? `${options.scope.accountId}/${options.scope.region}`
      : 'aggregator/test';
    const output = select(options.scope, {
      expression,
      pageSize: size,
      nextToken: options.nextToken,
      scopeKey,
    });
    const expected = referencePage(
      model,
      options.scope,
      expression,
      options.offset ?? 0,
      size,
      `select\n${scopeKey}\n${expression}`,
    );
    expect({
      Results: output.Results,
      NextToken: output.NextToken,
    }).toEqual(expected);
    return output;
  };
}

function names(results: string[]): string[] {
  return results.map(row => JSON.parse(row).resourceId);
}

/** A deterministic generator, so a failing case can be rerun. */
function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return {
    below: (n: number) => Math.floor(next() * n),
    pick<T>(items: readonly T[]): T {
      return items[Math.floor(next() * items.length)];
    },
    some<T>(items: readonly T[], most: number): T[] {
      return Array.from(
        { length: 1 + Math.floor(next() * most) },
        () => items[Math.floor(next() * items.length)],
      );
    },
  };
}

const list = (values: string[]) => values.map(value => `'${value}'`).join(', ');

describe('the Config select index', () => {
  it('gives exactly the rows and tokens of a full scan, over generated fleets and random conditions', () => {
    let pagesChecked = 0;
    for (const seed of [1, 2, 3]) {
      const spec = generateFleet({
        clusters: 40,
        nodesPerCluster: 1,
        podsPerCluster: 1,
        seed,
        accounts: 4,
        regions: ['us-east-1', 'eu-west-1'],
      });
      // One recorder records clusters only: its subnets have no CIs.
      spec.accounts[seed % 4].configRecorder = { resourceTypes: [EKS_CLUSTER] };
      const fleet = createSimFleet(spec, { clock: createManualClock() });
      const select = checkedSelect(fleet);
      const draw = random(seed);
      const accounts = fleet.accounts().map(account => account.accountId);
      const ids = [
        ...fleet.clusters().map(cluster => cluster.name),
        ...fleet.subnets().map(subnet => subnet.subnetId),
        'not-a-resource',
      ];
      const conditions = [
        () => `resourceType = '${draw.pick([EKS_CLUSTER, EC2_SUBNET])}'`,
        () => `resourceType IN ('${EKS_CLUSTER}', '${EC2_SUBNET}')`,
        () => `accountId = '${draw.pick(accounts)}'`,
        () => `accountId IN (${list(draw.some([...accounts, '999'], 3))})`,
        () => `accountId NOT IN (${list(draw.some(accounts, 3))})`,
        () => `NOT accountId = '${draw.pick(accounts)}'`,
        () => `accountId = ${draw.below(2)}`,
        () => `resourceId IN (${list(draw.some(ids, 30))})`,
        () => `resourceId = '${draw.pick(ids)}'`,
        () => `resourceId NOT IN (${list(draw.some(ids, 10))})`,
        () => `tags.tag = 'environment=prod'`,
        () =>
          `(accountId = '${draw.pick(accounts)}' OR resourceId IN (${list(
            draw.some(ids, 5),
          )}))`,
        () => `awsRegion = '${draw.pick(['us-east-1', 'eu-west-1'])}'`,
      ];
      for (let i = 0; i < 150; i++) {
        const where = draw
          .some(conditions, 3)
          .map(condition => condition())
          .join(' AND ');
        const scope = draw.pick([
          undefined,
          { accountId: draw.pick(accounts), region: 'eu-west-1' },
        ]);
        const size = draw.pick([1, 7, 25, 100]);
        let nextToken: string | undefined;
        let offset = 0;
        do {
          const page = select(`${FIELDS} WHERE ${where}`, {
            scope,
            size,
            nextToken,
            offset,
          });
          nextToken = page.NextToken;
          offset += size;
          pagesChecked++;
        } while (nextToken);
      }
      fleet.stop();
    }
    // Every page was compared with the full scan's inside checkedSelect.
    expect(pagesChecked).toBeGreaterThanOrEqual(450);
  });

  describe('follows the model, between pages and between queries', () => {
    const byAccount = `${FIELDS} WHERE resourceType = '${EKS_CLUSTER}' AND accountId = '${ACCOUNT_A}'`;

    /** Reads page 1 (5 rows), lets `change` act, then walks the rest, each page against the reference. */
    function walkAround(
      model: FleetModel,
      expression: string,
      change: () => void,
    ): string[] {
      const select = checkedSelect(model);
      const seen: string[] = [];
      let page = select(expression, { size: 5 });
      seen.push(...names(page.Results));
      change();
      for (let offset = 5; page.NextToken; offset += 5) {
        page = select(expression, {
          size: 5,
          nextToken: page.NextToken,
          offset,
        });
        seen.push(...names(page.Results));
      }
      return seen;
    }

    it('sees a cluster added or removed between pages', () => {
      const model = createTestFleet();
      const clusters = model.clusters();
      const added: SimCluster = {
        ...clusters[0],
        name: 'added-late',
        arn: `${clusters[0].arn}-added`,
      };
      expect(
        walkAround(model, byAccount, () => clusters.push(added)),
      ).toContain('added-late');
      const removed = clusters[10].name;
      expect(
        walkAround(model, byAccount, () => clusters.splice(10, 1)),
      ).not.toContain(removed);
    });

    it('sees a cluster replaced in place and one whose tags change in place', () => {
      const model = createTestFleet();
      const clusters = model.clusters();
      expect(
        walkAround(model, byAccount, () => {
          clusters[12] = { ...clusters[12], name: 'replaced' };
        }),
      ).toContain('replaced');
      const byTag = `${FIELDS} WHERE resourceType = '${EKS_CLUSTER}' AND tags.tag = 'team=load'`;
      const retagged = clusters[20];
      expect(
        walkAround(model, byTag, () => {
          retagged.tags.team = 'moved';
        }),
      ).not.toContain(retagged.name);
      // And the next query of the same expression, from its first page.
      const rows = checkedSelect(model)(byTag).Results;
      expect(names(rows)).not.toContain(retagged.name);
      expect(rows.length).toBeGreaterThan(0);
    });

    it('returns the new facts of a cluster updated in place on the next query', () => {
      const model = createTestFleet();
      const select = checkedSelect(model);
      const expression = `SELECT configuration.Version, configuration.ClusterStatus WHERE resourceType = '${EKS_CLUSTER}' AND resourceId = 'payments-prod'`;
      expect(JSON.parse(select(expression).Results[0])).toEqual({
        configuration: { Version: '1.33', ClusterStatus: 'ACTIVE' },
      });
      const cluster = model.clusters()[0];
      cluster.version = '1.34';
      cluster.status = 'UPDATING';
      expect(JSON.parse(select(expression).Results[0])).toEqual({
        configuration: { Version: '1.34', ClusterStatus: 'UPDATING' },
      });
    });

    it("follows an account's recorder types and a subnet added to the model", () => {
      const accounts: SimAccount[] = ACCOUNTS.map(account => ({ ...account }));
      const subnets = [...createTestFleet().subnets()];
      const model: FleetModel = {
        ...createTestFleet(),
        accounts: () => accounts,
        subnets: () => subnets,
      };
      const select = checkedSelect(model);
      const inB = `${FIELDS} WHERE accountId = '${ACCOUNT_B}'`;
      const before = names(select(inB).Results);
      expect(before).toContain('batch-prod');
      accounts[1] = { ...accounts[1], recordedTypes: [EC2_SUBNET] };
      const after = names(select(inB).Results);
      expect(after).not.toContain('batch-prod');
      expect(after.length).toBeGreaterThan(0);
      subnets.push({ ...subnets[0], subnetId: 'subnet-new', arn: 'arn:new' });
      expect(
        names(select(`${FIELDS} WHERE resourceId IN ('subnet-new')`).Results),
      ).toEqual(['subnet-new']);
    });
  });
});
