/**
 * Test support for iamPolicies.test.ts: the AWS operations the code can call,
 * read from the sources (never typed by hand), and a small IAM matcher for
 * the Action/NotAction of the example policies.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

export const REPO = resolve(__dirname, '../../../..');
const PLUGINS = join(REPO, 'plugins');
export const ARC_CLIENT_FILE = join(
  PLUGINS,
  'fleet-resilience-node/src/arc/ArcZonalShiftClient.ts',
);

/** The IAM prefix of each AWS SDK client package the sources may import. */
export const SDK_PACKAGE_PREFIXES: Record<string, string> = {
  '@aws-sdk/client-config-service': 'config',
  '@aws-sdk/client-eks': 'eks',
  '@aws-sdk/client-resiliencehub': 'resiliencehub',
  '@aws-sdk/client-sqs': 'sqs',
  '@aws-sdk/client-sts': 'sts',
};

const isTestOnly = (path: string) =>
  /\.test\.tsx?$/.test(path) ||
  /(^|\/)(__testUtils__|__fixtures__|integration)\//.test(path) ||
  /(^|\/)setupTests\.ts$/.test(path);

/** Every non-test TypeScript source of plugins/<plugin>/src. */
export function productionSources(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name) && !isTestOnly(relative(PLUGINS, path)))
        files.push(path);
    }
  };
  for (const plugin of readdirSync(PLUGINS)) {
    const src = join(PLUGINS, plugin, 'src');
    if (statSync(join(PLUGINS, plugin)).isDirectory()) {
      try {
        walk(src);
      } catch {
        // a plugin without src/
      }
    }
  }
  return files;
}

const parse = (file: string) =>
  ts.createSourceFile(
    file,
    readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );

/**
 * `<prefix>:<Operation>` for every `*Command` value imported from an AWS SDK
 * client package. A package without a known prefix throws: add it above.
 */
export function sdkOperations(files: readonly string[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of files) {
    const source = parse(file);
    for (const statement of source.statements) {
      if (
        !ts.isImportDeclaration(statement) ||
        !ts.isStringLiteral(statement.moduleSpecifier)
      )
        continue;
      const module = statement.moduleSpecifier.text;
      if (!module.startsWith('@aws-sdk/client-')) continue;
      const clause = statement.importClause;
      if (!clause || clause.isTypeOnly) continue;
      const bindings = clause.namedBindings;
      if (!bindings || !ts.isNamedImports(bindings)) continue;
      for (const element of bindings.elements) {
        if (element.isTypeOnly) continue;
        const name = (element.propertyName ?? element.name).text;
        if (!name.endsWith('Command')) continue;
        const prefix = SDK_PACKAGE_PREFIXES[module];
        if (!prefix) {
          throw new Error(
            `${relative(
              REPO,
              file,
            )} imports ${name} from ${module}, whose IAM prefix the test does not know`,
          );
        }
        const action = `${prefix}:${name.slice(0, -'Command'.length)}`;
        found.set(action, [...(found.get(action) ?? []), relative(REPO, file)]);
      }
    }
  }
  return found;
}

/**
 * The public methods of ArcZonalShiftClient and the ARC operation each
 * sends: `paginateX` follows `listX` page by page, the others are the
 * operation of their name (the client's methods are named after ARC's API).
 */
export function arcClientOperations(): Map<string, string> {
  const source = parse(ARC_CLIENT_FILE);
  const methods = new Map<string, string>();
  source.forEachChild(node => {
    if (
      !ts.isClassDeclaration(node) ||
      node.name?.text !== 'ArcZonalShiftClient'
    )
      return;
    for (const member of node.members) {
      if (!ts.isMethodDeclaration(member) || !ts.isIdentifier(member.name))
        continue;
      const hidden = ts
        .getModifiers(member)
        ?.some(
          m =>
            m.kind === ts.SyntaxKind.PrivateKeyword ||
            m.kind === ts.SyntaxKind.ProtectedKeyword,
        );
      if (hidden) continue;
      const name = member.name.text;
      const operation = name.startsWith('paginate')
        ? `List${name.slice('paginate'.length)}`
        : `${name[0].toUpperCase()}${name.slice(1)}`;
      methods.set(name, `arc-zonal-shift:${operation}`);
    }
  });
  if (methods.size === 0) {
    throw new Error('ArcZonalShiftClient has no public method: was it moved?');
  }
  return methods;
}

/** The ARC operations the sources call through ArcZonalShiftClient's methods. */
export function arcOperations(files: readonly string[]): Map<string, string[]> {
  const methods = arcClientOperations();
  const found = new Map<string, string[]>();
  for (const file of files) {
    if (file === ARC_CLIENT_FILE) continue; // its own paginate calls its list
    const visit = (node: ts.Node): void => {
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression)
      ) {
        const action = methods.get(node.expression.name.text);
        if (action) {
          found.set(action, [
            ...(found.get(action) ?? []),
            relative(REPO, file),
          ]);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(parse(file));
  }
  return found;
}

/** Every AWS operation the production sources can call, with where. */
export function collectOperations(): Map<string, string[]> {
  const files = productionSources();
  return new Map([...sdkOperations(files), ...arcOperations(files)]);
}

// A tiny IAM matcher: Allow statements' Action/NotAction, with `*` and `?`.

interface Statement {
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
}

export interface Policy {
  Version: string;
  Statement: Statement | Statement[];
}

function list<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** IAM's action pattern: case-insensitive, `*` any run, `?` one character. */
export function actionMatches(pattern: string, action: string): boolean {
  const wildcard: Record<string, string> = { '*': '.*', '?': '.' };
  const regex = pattern
    .split('')
    .map(c => wildcard[c] ?? c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))
    .join('');
  return new RegExp(`^${regex}$`, 'i').test(action);
}

const statementMatches = (statement: Statement, action: string) =>
  statement.Action !== undefined
    ? list(statement.Action).some(p => actionMatches(p, action))
    : list(statement.NotAction).every(p => !actionMatches(p, action));

/** Whether the policy allows the action (an explicit Deny wins). */
export function allows(policy: Policy, action: string): boolean {
  const statements = list(policy.Statement);
  if (statements.some(s => s.Effect === 'Deny' && statementMatches(s, action)))
    return false;
  return statements.some(
    s => s.Effect === 'Allow' && statementMatches(s, action),
  );
}

/** The actions a policy's Allow statements name (patterns as written). */
export function allowedPatterns(policy: Policy): string[] {
  return list(policy.Statement)
    .filter(s => s.Effect === 'Allow')
    .flatMap(s => list(s.Action));
}

export function readPolicy(name: string): Policy {
  return JSON.parse(
    readFileSync(join(REPO, 'examples/iam', name), 'utf8'),
  ) as Policy;
}
