/**
 * One writer per table (database/README.md): every insert, update and
 * delete of a table the migrations create sits in the module named here.
 * The `clusters` table is written by column group, one module each. The
 * check reads the source: a knex call on a table (`db('t')`, `tx<Row>('t')`,
 * or `db(T)` with `const T = 't';` in the file) followed by `.insert(`,
 * `.update(` or `.delete(` in the same statement.
 */
import fs from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(__dirname, '..');
const MIGRATIONS = path.resolve(SRC, '../migrations');

const WRITERS: Record<string, string[]> = {
  account_zones: ['database/InventoryStore.ts'],
  action_idempotency: ['database/IdempotencyStore.ts'],
  arc_resources: ['database/arcState.ts'],
  audit_events: ['database/AuditStore.ts'],
  autoshifts: ['database/arcState.ts'],
  capacity_snapshots: ['database/KubernetesStore.ts'],
  cluster_readiness_checks: ['database/readinessChecks.ts'],
  cluster_tags: ['database/clusterTags.ts'],
  cluster_zones: ['database/clusterZones.ts'],
  // By column group: inventory and EKS, Kubernetes, shift state, documents.
  clusters: [
    'database/InventoryStore.ts',
    'database/KubernetesStore.ts',
    'database/arcState.ts',
    'database/rebuildDocuments.ts',
  ],
  // Only the triggers of its migration write it: every writer of the
  // tables above bumps it without a line of code.
  fleet_read_generation: [],
  node_pools: ['database/KubernetesStore.ts'],
  // The EKS updates the readiness fixes start and follow.
  readiness_updates: ['actions/readinessRecords.ts'],
  reconcile_kicks: ['database/ReconcileStore.ts'],
  reconcile_nodepool_originals: ['database/NodePoolOriginalsStore.ts'],
  reconcile_status: ['database/ReconcileStore.ts'],
  refresh_results: ['database/RefreshResultStore.ts'],
  resilience_app_clusters: ['database/ResilienceHubStore.ts'],
  resilience_apps: ['database/ResilienceHubStore.ts'],
  shifts: ['database/arcState.ts'],
};

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? files(full) : [full];
  });
}

function tablesOfMigrations(): string[] {
  const text = files(MIGRATIONS)
    .map(file => fs.readFileSync(file, 'utf8'))
    .join('\n');
  return [...text.matchAll(/createTable\(\s*'(\w+)'/g)].map(m => m[1]).sort();
}

/** Table -> the source files (relative to src) that write it. */
function writersIn(
  sources: ReadonlyArray<{ file: string; text: string }>,
  tables: readonly string[],
): Record<string, string[]> {
  const found: Record<string, Set<string>> = {};
  const call =
    /\b\w+(?:<\w+>)?\(\s*(?:'(\w+)'|([A-Za-z_]\w*))\s*\)([^;]*?)\.(insert|update|delete)\(/gs;
  for (const { file, text } of sources) {
    // A table may be named through a string constant of the file.
    const constants = new Map(
      [...text.matchAll(/\bconst (\w+) = '(\w+)';/g)].map(m => [m[1], m[2]]),
    );
    for (const match of text.matchAll(call)) {
      const table = match[1] ?? constants.get(match[2]);
      if (table && tables.includes(table)) {
        (found[table] ??= new Set()).add(file);
      }
    }
  }
  return Object.fromEntries(
    Object.entries(found).map(([table, set]) => [table, [...set].sort()]),
  );
}

describe('the writers of each table', () => {
  const tables = tablesOfMigrations();

  it('names a writer for every table the migrations create', () => {
    expect(Object.keys(WRITERS).sort()).toEqual(tables);
  });

  it('finds writes of each table only in its writer', () => {
    const sources = files(SRC)
      .filter(
        file =>
          /\.ts$/.test(file) &&
          !/\.test\.ts$/.test(file) &&
          !file.split(path.sep).includes('__testUtils__'),
      )
      .map(file => ({
        file: path.relative(SRC, file).split(path.sep).join('/'),
        text: fs.readFileSync(file, 'utf8'),
      }));
    expect(writersIn(sources, tables)).toEqual(
      Object.fromEntries(
        Object.entries(WRITERS).filter(([, writers]) => writers.length > 0),
      ),
    );
  });

  it('notices a second writer', () => {
    expect(
      writersIn(
        [
          {
            file: 'database/A.ts',
            text: "await tx('shifts').where({ id }).update({ status });",
          },
          {
            file: 'actions/B.ts',
            text: "await db<ShiftRow>('shifts')\n  .insert(row)\n  .onConflict('id');",
          },
          { file: 'database/C.ts', text: "await db('shifts').select('*');" },
          {
            file: 'actions/D.ts',
            text: "const TABLE = 'shifts';\nawait tx<ShiftRow>(TABLE).where({ id }).delete();",
          },
          {
            file: 'actions/E.ts',
            text: "const OTHER = 'autoshifts';\nawait tx(OTHER).delete();",
          },
        ],
        ['shifts'],
      ),
    ).toEqual({
      shifts: ['actions/B.ts', 'actions/D.ts', 'database/A.ts'],
    });
  });
});
