// Fails when a source file (not a test) is over 400 lines: a reader should
// see a concern in one screenful or two. Tests are exempt: a list of cases
// reads best whole. Run by .ci/run; `node scripts/check-file-sizes.mjs`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { repoRoot } from './lib/toolchain.mjs';

const MAX_LINES = 400;
const SOURCE = /\.(ts|tsx|mjs|js)$/;
const TEST = /(\.test\.|\/__testUtils__\/|\/integration\/|\.d\.ts$)/;

const files = execFileSync('git', ['ls-files'], { cwd: repoRoot })
  .toString()
  .split('\n')
  .filter(file => SOURCE.test(file) && !TEST.test(file));
const over = files
  .map(file => ({
    file,
    lines: fs.readFileSync(`${repoRoot}/${file}`, 'utf8').split('\n').length,
  }))
  .filter(({ lines }) => lines > MAX_LINES + 1);
for (const { file, lines } of over) {
  console.error(`${file}: ${lines - 1} lines (at most ${MAX_LINES})`);
}
console.log(
  `${files.length} source files checked, ${over.length} over ${MAX_LINES} lines`,
);
process.exitCode = over.length ? 1 : 0;
