import type { JsonValue } from '../json';
import {
  applyJsonPatch,
  applyMergePatch,
  applyStrategicMergePatch,
  PatchError,
} from './patch';

const document: JsonValue = {
  metadata: { name: 'a', labels: { x: '1', y: '2' } },
  spec: { list: [1, 2, 3], nested: { keep: true } },
};

function patchError(action: () => unknown): PatchError {
  try {
    action();
  } catch (error) {
    if (error instanceof PatchError) return error;
    throw error;
  }
  throw new Error('expected a PatchError');
}

describe('applyMergePatch (RFC 7386)', () => {
  it('merges objects, removes members set to null and replaces arrays whole', () => {
    expect(
      applyMergePatch(document, {
        metadata: { labels: { x: null, z: '3' } },
        spec: { list: [9] },
      }),
    ).toEqual({
      metadata: { name: 'a', labels: { y: '2', z: '3' } },
      spec: { list: [9], nested: { keep: true } },
    });
  });

  it('leaves its input alone', () => {
    const before = JSON.stringify(document);
    applyMergePatch(document, { spec: { nested: { keep: false } } });
    expect(JSON.stringify(document)).toBe(before);
  });
});

describe('applyStrategicMergePatch', () => {
  it('drops $-directives and otherwise merges like a merge patch', () => {
    expect(
      applyStrategicMergePatch(document, {
        spec: { nested: { keep: false }, '$setElementOrder/list': [1] },
      }),
    ).toEqual({
      metadata: { name: 'a', labels: { x: '1', y: '2' } },
      spec: { list: [1, 2, 3], nested: { keep: false } },
    });
  });
});

describe('applyJsonPatch (RFC 6902)', () => {
  it('adds, removes, replaces, moves, copies and tests', () => {
    const result = applyJsonPatch(document, [
      { op: 'test', path: '/metadata/name', value: 'a' },
      { op: 'add', path: '/spec/list/1', value: 7 },
      { op: 'add', path: '/spec/list/-', value: 8 },
      { op: 'remove', path: '/metadata/labels/x' },
      { op: 'replace', path: '/spec/nested/keep', value: false },
      {
        op: 'move',
        from: '/metadata/labels/y',
        path: '/metadata/labels/moved',
      },
      { op: 'copy', from: '/spec/nested', path: '/spec/copied' },
      { op: 'add', path: '/metadata/annotations', value: { 'a~b/c': 'd' } },
      { op: 'remove', path: '/metadata/annotations/a~0b~1c' },
    ]);
    expect(result).toEqual({
      metadata: { name: 'a', labels: { moved: '2' }, annotations: {} },
      spec: {
        list: [1, 7, 2, 3, 8],
        nested: { keep: false },
        copied: { keep: false },
      },
    });
  });

  it('applies nothing when one operation fails', () => {
    const before = JSON.stringify(document);
    const failed = patchError(() =>
      applyJsonPatch(document, [
        { op: 'replace', path: '/metadata/name', value: 'b' },
        { op: 'test', path: '/spec/list/0', value: 2 },
      ]),
    );
    expect(failed.kind).toBe('notApplicable');
    expect(failed.message).toBe(
      'testing value /spec/list/0 failed: test failed',
    );
    expect(JSON.stringify(document)).toBe(before);
  });

  it.each([
    [{ op: 'replace', path: '/spec/missing', value: 1 }, 'doc is missing key'],
    [{ op: 'remove', path: '/spec/list/3' }, 'index out of bounds'],
    [{ op: 'add', path: '/nope/deeper', value: 1 }, 'doc is missing path'],
    [
      { op: 'move', from: '/spec', path: '/spec/inner' },
      'into one of its children',
    ],
    [{ op: 'frobnicate', path: '/spec' }, 'Unexpected kind: frobnicate'],
    [{ op: 'add', path: '/spec/x' }, 'has no value'],
  ])('refuses %j as not applicable', (operation, message) => {
    const failed = patchError(() => applyJsonPatch(document, [operation]));
    expect(failed.kind).toBe('notApplicable');
    expect(failed.message).toContain(message);
  });

  it('calls a patch that is not an array malformed', () => {
    expect(patchError(() => applyJsonPatch(document, { op: 'add' })).kind).toBe(
      'malformed',
    );
  });
});
