// Loaded by every package's src/setupTests.ts (see the README).
import { format } from 'node:util';

// A test fails when it logs through console.error: React reports act(...)
// and deprecation problems there, and a backend its failures. A test that
// expects an error log opts in by taking console.error over for that code
// and asserting on what it caught, either with
//   const { error } = await withLogCollector(['error'], async () => {...});
// from @backstage/test-utils, or with
//   const spy = jest.spyOn(console, 'error').mockImplementation(() => {});
//   ...; expect(spy).toHaveBeenCalledWith(...); spy.mockRestore();
// Either one replaces this guard for as long as it is in place.
const unexpectedErrors: string[] = [];
// eslint-disable-next-line no-console -- the guard takes console.error over
console.error = (...args: unknown[]) => {
  // Where it was logged from: the first frames outside the dependencies.
  const origin = (new Error().stack ?? '')
    .split('\n')
    .slice(2)
    .filter(frame => !frame.includes('node_modules'))
    .slice(0, 4)
    .join('\n');
  unexpectedErrors.push(`${format(...args)}\nlogged from:\n${origin}`);
};

function failOnUnexpectedErrors(when: string) {
  const logged = unexpectedErrors.splice(0);
  if (logged.length > 0) {
    throw new Error(
      `console.error was called ${
        logged.length
      } time(s) ${when}: fix the cause, or opt in and assert on the message.\n\n${logged.join(
        '\n\n',
      )}`,
    );
  }
}

afterEach(() => failOnUnexpectedErrors('during this test'));
afterAll(() => failOnUnexpectedErrors('after the last test of this file'));
