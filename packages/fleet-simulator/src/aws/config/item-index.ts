import type { FleetModel, SimCluster, SimSubnet } from '../../model/types';
import {
  clusterFacts,
  clusterItem,
  ConfigurationItem,
  EC2_SUBNET,
  EKS_CLUSTER,
  queryDocument,
  RecorderScope,
  sameFacts,
  subnetFacts,
  subnetItem,
} from './configuration-items';
import type { Condition } from './query-ast';
import type { QueryDocument } from './query-evaluator';
import { resourceTypesMatchedBy } from './query-evaluator';
import { restrictionOf } from './restriction';

/**
 * The fleet's configuration items kept between requests, indexed by type,
 * account and resource ID, so that a select builds and evaluates only the
 * items its WHERE can match instead of the whole fleet on every page.
 *
 * The model signals no change, so each request first checks that the
 * model's cluster, subnet and account lists hold the same objects with the
 * same keys as when the index was built (pointer and string comparisons,
 * no CI built), rebuilding the index when not; then each candidate's CI is
 * rebuilt when the facts it was built from changed in place (a retag, an
 * EKS version update). `generation` grows with every such change, so a
 * result evaluated earlier is reused only while it still holds.
 */

interface Entry {
  /** Position in the fleet's order: clusters, then subnets, each in model order. */
  ordinal: number;
  type: string;
  accountId: string;
  region: string;
  resourceId: string;
  source: SimCluster | SimSubnet;
  /** What `item` was built from (undefined until first built). */
  facts?: Record<string, unknown>;
  item?: ConfigurationItem;
  document?: QueryDocument;
}

/** A configuration item as of this request, with its query document. */
export interface IndexedItem {
  item: ConfigurationItem;
  document: QueryDocument;
}

interface Index {
  clusters: SimCluster[];
  subnets: SimSubnet[];
  /** Each account's ID and recorded types, as at build time. */
  accounts: Array<{ accountId: string; recordedTypes?: readonly string[] }>;
  /** Every entry (recorded or not), in the order of `clusters` then `subnets`. */
  all: Entry[];
  byType: Map<string, Entry[]>;
  byAccount: Map<string, Map<string, Entry[]>>;
  byResourceId: Map<string, Map<string, Entry[]>>;
}

export interface ItemIndex {
  /**
   * The items in `scope` (everything when undefined) that `where` may match,
   * in the fleet's order, each as the model stands now; a superset of those
   * it matches (the caller still evaluates `where`).
   */
  candidates(
    scope: RecorderScope | undefined,
    where: Condition | undefined,
  ): IndexedItem[];
  /** The CIs in `scope` (all when undefined), of `types` (all when undefined), in the fleet's order. */
  items(
    scope?: RecorderScope,
    types?: ReadonlySet<string>,
  ): ConfigurationItem[];
  /** Grows whenever the model was seen to change; stable while it does not. */
  generation(): number;
}

const TYPES = [EKS_CLUSTER, EC2_SUBNET];

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function nested<V>(map: Map<string, Map<string, V>>, key: string) {
  let inner = map.get(key);
  if (!inner) {
    inner = new Map();
    map.set(key, inner);
  }
  return inner;
}

function entryKeysHold(
  entry: Entry,
  source: SimCluster | SimSubnet,
  resourceId: string,
): boolean {
  return (
    entry.source === source &&
    entry.resourceId === resourceId &&
    entry.accountId === source.accountId &&
    entry.region === source.region
  );
}

function sameAccounts(model: FleetModel, index: Index): boolean {
  const accounts = model.accounts();
  if (accounts.length !== index.accounts.length) return false;
  return accounts.every((account, i) => {
    const known = index.accounts[i];
    const types = account.recordedTypes;
    return (
      account.accountId === known.accountId &&
      (types === known.recordedTypes ||
        (types !== undefined &&
          known.recordedTypes !== undefined &&
          types.length === known.recordedTypes.length &&
          types.every((type, j) => type === known.recordedTypes![j])))
    );
  });
}

/** Whether the model's lists hold the objects, with the keys, the index was built from. */
function stillHolds(model: FleetModel, index: Index): boolean {
  const clusters = model.clusters();
  const subnets = model.subnets();
  if (
    clusters.length !== index.clusters.length ||
    subnets.length !== index.subnets.length ||
    !sameAccounts(model, index)
  )
    return false;
  const { all } = index;
  for (let i = 0; i < clusters.length; i++) {
    const cluster = clusters[i];
    if (!entryKeysHold(all[i], cluster, cluster.name)) return false;
  }
  for (let i = 0, at = clusters.length; i < subnets.length; i++, at++) {
    const subnet = subnets[i];
    if (!entryKeysHold(all[at], subnet, subnet.subnetId)) return false;
  }
  return true;
}

function build(model: FleetModel): Index {
  const clusters = [...model.clusters()];
  const subnets = [...model.subnets()];
  const accounts = model.accounts().map(account => ({
    accountId: account.accountId,
    recordedTypes: account.recordedTypes && [...account.recordedTypes],
  }));
  const recorded = new Map(
    accounts
      .filter(account => account.recordedTypes)
      .map(account => [account.accountId, new Set(account.recordedTypes)]),
  );
  const index: Index = {
    clusters,
    subnets,
    accounts,
    all: [],
    byType: new Map(),
    byAccount: new Map(),
    byResourceId: new Map(),
  };
  const add = (
    type: string,
    source: SimCluster | SimSubnet,
    resourceId: string,
  ) => {
    const entry: Entry = {
      ordinal: index.all.length,
      type,
      accountId: source.accountId,
      region: source.region,
      resourceId,
      source,
    };
    index.all.push(entry);
    // An account's recorder that does not record a type has no CIs of it.
    if (!(recorded.get(source.accountId)?.has(type) ?? true)) return;
    push(index.byType, type, entry);
    push(nested(index.byAccount, type), entry.accountId, entry);
    push(nested(index.byResourceId, type), resourceId, entry);
  };
  for (const cluster of clusters) add(EKS_CLUSTER, cluster, cluster.name);
  for (const subnet of subnets) add(EC2_SUBNET, subnet, subnet.subnetId);
  return index;
}

function inScope(entry: Entry, scope: RecorderScope | undefined): boolean {
  return (
    !scope ||
    (entry.accountId === scope.accountId && entry.region === scope.region)
  );
}

/** The entries of one type that may match, before the scope is applied. */
function candidatesOfType(
  index: Index,
  type: string,
  scope: RecorderScope | undefined,
  where: Condition | undefined,
): Entry[] {
  const restriction = restrictionOf(where);
  const byAccount = index.byAccount.get(type);
  const lists = (keys: Iterable<string>, map?: Map<string, Entry[]>) =>
    [...keys].flatMap(key => map?.get(key) ?? []);
  let accounts = restriction.accountIds;
  if (scope) {
    accounts = new Set(
      accounts && !accounts.has(scope.accountId) ? [] : [scope.accountId],
    );
  }
  if (restriction.resourceIds) {
    return lists(restriction.resourceIds, index.byResourceId.get(type)).filter(
      entry =>
        (!accounts || accounts.has(entry.accountId)) &&
        !restriction.excludedAccountIds?.has(entry.accountId),
    );
  }
  if (!accounts && restriction.excludedAccountIds) {
    accounts = new Set(
      [...(byAccount?.keys() ?? [])].filter(
        id => !restriction.excludedAccountIds!.has(id),
      ),
    );
  }
  return accounts ? lists(accounts, byAccount) : index.byType.get(type) ?? [];
}

export function createItemIndex(
  model: FleetModel,
  recordingSince: number,
): ItemIndex {
  let index: Index | undefined;
  let generation = 0;

  function current(): Index {
    if (!index || !stillHolds(model, index)) {
      index = build(model);
      generation += 1;
    }
    return index;
  }

  /** The entry's CI and document, rebuilt when the facts it came from changed. */
  function fresh(entry: Entry): IndexedItem {
    if (!entry.item || !sameFacts(entry.source, entry.facts!)) {
      if (entry.item) generation += 1;
      if (entry.type === EKS_CLUSTER) {
        const cluster = entry.source as SimCluster;
        const facts = clusterFacts(cluster);
        entry.facts = facts;
        entry.item = clusterItem(
          facts,
          Math.max(recordingSince, facts.createdAt),
        );
      } else {
        const facts = subnetFacts(entry.source as SimSubnet);
        entry.facts = facts;
        entry.item = subnetItem(facts, recordingSince);
      }
      entry.document = queryDocument(entry.item);
    }
    return { item: entry.item, document: entry.document! };
  }

  function select(
    scope: RecorderScope | undefined,
    types: ReadonlySet<string> | undefined,
    where: Condition | undefined,
  ): IndexedItem[] {
    const built = current();
    const entries = TYPES.filter(type => !types || types.has(type)).flatMap(
      type =>
        candidatesOfType(built, type, scope, where).filter(entry =>
          inScope(entry, scope),
        ),
    );
    // Lists from several accounts or IDs come back in fleet order.
    entries.sort((a, b) => a.ordinal - b.ordinal);
    return entries.map(fresh);
  }

  return {
    candidates: (scope, where) =>
      select(scope, resourceTypesMatchedBy(where), where),
    items: (scope, types) =>
      select(scope, types, undefined).map(indexed => indexed.item),
    generation: () => generation,
  };
}
