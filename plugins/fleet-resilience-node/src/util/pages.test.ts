import { followPages } from './pages';

type Page = { items: number[]; next?: string };

async function collect(pages: Record<string, Page>, signal?: AbortSignal) {
  const asked: Array<string | undefined> = [];
  const items: number[] = [];
  for await (const page of followPages(
    async (token: string | undefined) => {
      asked.push(token);
      return pages[token ?? 'first'];
    },
    answer => answer.next,
    'Test service returned the same token',
    signal,
  )) {
    items.push(...page.items);
  }
  return { asked, items };
}

describe('followPages', () => {
  it('follows the tokens from the first page to the one without a next token', async () => {
    await expect(
      collect({
        first: { items: [1], next: 'b' },
        b: { items: [2, 3], next: 'c' },
        c: { items: [4], next: '' },
      }),
    ).resolves.toEqual({ asked: [undefined, 'b', 'c'], items: [1, 2, 3, 4] });
  });

  it('refuses a token seen before instead of looping', async () => {
    await expect(
      collect({
        first: { items: [1], next: 'b' },
        b: { items: [2], next: 'b' },
      }),
    ).rejects.toThrow('Test service returned the same token twice');
  });

  it('asks for nothing once the signal has aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    await expect(
      collect({ first: { items: [1] } }, controller.signal),
    ).rejects.toThrow('stopped');
  });
});
