// Provisions what the repository needs to run, on a machine that may have
// nothing but Node.js (18 or newer) and npm: a Node.js release Backstage
// supports, the Yarn release committed in .yarn/releases, and the
// dependencies. Each step is a no-op when its result is already there.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
);
const toolchainDir = path.join(repoRoot, '.toolchain');
const SUPPORTED_NODE_MAJORS = [22, 24];
const PROVISIONED_NODE_MAJOR = 22;

function log(message) {
  process.stderr.write(`[toolchain] ${message}\n`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed with exit code ${result.status}`,
    );
  }
}

/**
 * Returns the Node.js to run the repository with: the current one when its
 * major version is supported, otherwise a Node 22 installed from the npm
 * registry's per-platform binary package (which also ships the C headers that
 * native addons such as better-sqlite3 are compiled against).
 */
function ensureNode() {
  const major = Number(process.versions.node.split('.')[0]);
  if (SUPPORTED_NODE_MAJORS.includes(major)) {
    return { binDir: path.dirname(process.execPath), headersDir: undefined };
  }
  const pkg = `node-${
    process.platform === 'win32' ? 'win' : process.platform
  }-${process.arch}`;
  const prefix = path.join(toolchainDir, `node${PROVISIONED_NODE_MAJOR}`);
  const pkgDir = path.join(prefix, 'node_modules', pkg);
  const binDir = path.join(pkgDir, 'bin');
  if (!fs.existsSync(path.join(binDir, 'node'))) {
    log(
      `Node.js ${
        process.versions.node
      } is not a release Backstage supports (22 or 24); installing ${pkg}@${PROVISIONED_NODE_MAJOR} into ${path.relative(
        repoRoot,
        prefix,
      )}`,
    );
    fs.mkdirSync(prefix, { recursive: true });
    run('npm', [
      'install',
      '--prefix',
      prefix,
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      `${pkg}@${PROVISIONED_NODE_MAJOR}`,
    ]);
  }
  return { binDir, headersDir: pkgDir };
}

/** Writes a `yarn` launcher for the committed Yarn release. */
function ensureYarn(nodeBinDir) {
  const yarnrc = fs.readFileSync(path.join(repoRoot, '.yarnrc.yml'), 'utf8');
  const match = /^yarnPath:\s*(\S+)\s*$/m.exec(yarnrc);
  if (!match) throw new Error('.yarnrc.yml has no yarnPath');
  const release = path.join(repoRoot, match[1]);
  const binDir = path.join(toolchainDir, 'bin');
  const launcher = path.join(binDir, 'yarn');
  const content = `#!/bin/sh\nexec "${path.join(
    nodeBinDir,
    'node',
  )}" "${release}" "$@"\n`;
  if (
    !fs.existsSync(launcher) ||
    fs.readFileSync(launcher, 'utf8') !== content
  ) {
    fs.mkdirSync(binDir, { recursive: true });
    fs.writeFileSync(launcher, content, { mode: 0o755 });
  }
  return binDir;
}

/** Every file whose change means the dependencies must be installed again. */
function installInputs() {
  const files = ['package.json', 'yarn.lock', '.yarnrc.yml'];
  for (const group of ['packages', 'plugins']) {
    const dir = path.join(repoRoot, group);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      const manifest = path.join(group, name, 'package.json');
      if (fs.existsSync(path.join(repoRoot, manifest))) files.push(manifest);
    }
  }
  return files;
}

function installStamp(nodeVersion) {
  const hash = createHash('sha256').update(`node ${nodeVersion}\n`);
  for (const file of installInputs()) {
    hash.update(`${file}\n`);
    hash.update(fs.readFileSync(path.join(repoRoot, file)));
  }
  return hash.digest('hex');
}

function ensureDependencies(env) {
  const nodeVersion = spawnSync('node', ['--version'], {
    env,
    encoding: 'utf8',
  }).stdout.trim();
  const stampFile = path.join(
    repoRoot,
    'node_modules',
    '.fleet-resilience-install',
  );
  const stamp = installStamp(nodeVersion);
  if (
    fs.existsSync(stampFile) &&
    fs.readFileSync(stampFile, 'utf8') === stamp
  ) {
    return;
  }
  log(`installing dependencies with Node.js ${nodeVersion}`);
  run('yarn', ['install'], { cwd: repoRoot, env });
  fs.writeFileSync(stampFile, stamp);
}

function headersMatch(nodedir) {
  const header = path.join(nodedir, 'include', 'node', 'node_version.h');
  if (!fs.existsSync(header)) return false;
  const major = /#define NODE_MAJOR_VERSION (\d+)/.exec(
    fs.readFileSync(header, 'utf8'),
  );
  return major?.[1] === process.versions.node.split('.')[0];
}

/**
 * Makes sure Node.js, Yarn and the dependencies are in place and returns the
 * environment to run repository commands in.
 */
export function prepareToolchain() {
  const node = ensureNode();
  const env = { ...process.env };
  const yarnBinDir = ensureYarn(node.binDir);
  env.PATH = [yarnBinDir, node.binDir, env.PATH].join(path.delimiter);
  if (node.headersDir) {
    // node-gyp compiles native addons against these headers instead of
    // downloading them (the download host may be unreachable).
    env.npm_config_nodedir = node.headersDir;
  } else if (env.npm_config_nodedir && !headersMatch(env.npm_config_nodedir)) {
    // An npmrc `nodedir` for another Node.js release would build broken addons.
    delete env.npm_config_nodedir;
  }
  ensureDependencies(env);
  return env;
}
