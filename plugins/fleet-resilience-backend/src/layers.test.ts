/**
 * The plugin's folders form layers that only point down (see ARCHITECTURE.md
 * at the repository root). This test reads every import of every source file
 * with the TypeScript compiler's own pre-processor and fails on an import
 * from a lower layer to a higher one, or between two folders of one layer
 * (peers stay independent). Tests and test utilities may import anything.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** Folder (or top-level file) -> rank; a folder may import only lower ranks. */
const RANKS: Record<string, number> = {
  // Pure: the domain's records and decisions, configuration parsing.
  domain: 0,
  config: 0,
  // Rows in, rows out; signals and notifications out.
  database: 1,
  events: 1,
  metrics: 1,
  // Permission decisions about clusters, as store filters.
  permissions: 1.5,
  // Decisions and orchestration.
  ingestion: 2,
  reconciler: 2,
  actions: 2,
  preflight: 2,
  // HTTP.
  service: 3,
  // The actions registry's tools, over the services the routes use.
  registeredActions: 3.5,
  // Wiring.
  plugin: 4,
  index: 5,
};

const SRC = __dirname;

function isTest(file: string) {
  return (
    /\.test\.tsx?$/.test(file) ||
    file
      .split(path.sep)
      .some(part => part === '__testUtils__' || part === 'integration') ||
    path.basename(file) === 'setupTests.ts'
  );
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return sourceFiles(full);
    }
    return /\.tsx?$/.test(entry.name) && !isTest(full) ? [full] : [];
  });
}

/** The layer of a file under src: its top folder, or its name at the top. */
function layerOf(file: string): string {
  return path
    .relative(SRC, file)
    .split(path.sep)[0]
    .replace(/\.tsx?$/, '');
}

function layerViolations(
  files: ReadonlyArray<{ file: string; text: string }>,
): string[] {
  const violations: string[] = [];
  for (const { file, text } of files) {
    const from = layerOf(file);
    const info = ts.preProcessFile(text, true, true);
    for (const { fileName } of info.importedFiles) {
      if (!fileName.startsWith('.')) {
        continue; // a package: its own layering is its own
      }
      const to = layerOf(path.resolve(path.dirname(file), fileName));
      if (to === from) {
        continue;
      }
      const where = `${path.relative(SRC, file)} imports '${fileName}'`;
      if (RANKS[from] === undefined || RANKS[to] === undefined) {
        violations.push(`${where}: '${from}' or '${to}' has no layer`);
      } else if (RANKS[to] >= RANKS[from]) {
        violations.push(
          `${where}: ${from} (layer ${RANKS[from]}) may not import ${to} (layer ${RANKS[to]})`,
        );
      }
    }
  }
  return violations;
}

describe('the backend plugin’s layers', () => {
  it('has a rank for every top-level folder and file', () => {
    const layers = fs
      .readdirSync(SRC)
      .filter(name => !isTest(path.join(SRC, name)))
      .map(name => layerOf(path.join(SRC, name)));
    expect(layers.filter(layer => RANKS[layer] === undefined)).toEqual([]);
  });

  it('imports only from lower layers', () => {
    const files = sourceFiles(SRC).map(file => ({
      file,
      text: fs.readFileSync(file, 'utf8'),
    }));
    expect(files.length).toBeGreaterThan(20);
    expect(layerViolations(files)).toEqual([]);
  });

  it('reports an upward import and an import between peers', () => {
    const file = (name: string) => path.join(SRC, name);
    expect(
      layerViolations([
        {
          file: file('database/probe.ts'),
          text: "import { createRouter } from '../service/router';",
        },
        {
          file: file('reconciler/probe.ts'),
          text: "export { x } from '../ingestion/probe';",
        },
        {
          file: file('service/probe.ts'),
          text: "import type { A } from '../database/probe';\nimport { b } from './b';",
        },
      ]),
    ).toEqual([
      "database/probe.ts imports '../service/router': database (layer 1) may not import service (layer 3)",
      "reconciler/probe.ts imports '../ingestion/probe': reconciler (layer 2) may not import ingestion (layer 2)",
    ]);
  });
});
