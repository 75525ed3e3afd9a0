/**
 * The patch formats the API server accepts: JSON merge patch (RFC 7386),
 * JSON patch (RFC 6902), and strategic merge patch for built-in types.
 */
import { cloneJson, isJsonObject, jsonEqual, type JsonValue } from '../json';

/** A patch that is not well-formed (400) or cannot be applied to the object (422). */
export class PatchError extends Error {
  constructor(readonly kind: 'malformed' | 'notApplicable', message: string) {
    super(message);
    this.name = 'PatchError';
  }
}

/** RFC 7386: objects merge recursively, `null` removes a member, anything else (arrays too) replaces. */
export function applyMergePatch(
  target: JsonValue | undefined,
  patch: JsonValue,
): JsonValue {
  if (!isJsonObject(patch)) return cloneJson(patch);
  const result = isJsonObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}

/**
 * Strategic merge patch, approximated: a merge patch with the `$patch`,
 * `$retainKeys`, `$deleteFromPrimitiveList/...` and `$setElementOrder/...`
 * directives dropped. Lists are therefore replaced whole rather than merged
 * by their patch merge key (e.g. containers by name): send whole lists.
 */
export function applyStrategicMergePatch(
  target: JsonValue,
  patch: JsonValue,
): JsonValue {
  return applyMergePatch(target, withoutDirectives(patch));
}

function withoutDirectives(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(withoutDirectives);
  if (!isJsonObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !key.startsWith('$'))
      .map(([key, member]) => [key, withoutDirectives(member)]),
  );
}

interface JsonPatchOperation {
  op: string;
  path: string;
  from?: string;
  value?: JsonValue;
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) {
    throw new PatchError(
      'notApplicable',
      `JSON pointer must be empty or start with a "/": ${pointer}`,
    );
  }
  return pointer
    .slice(1)
    .split('/')
    .map(token => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function arrayIndex(
  array: JsonValue[],
  token: string,
  forInsert: boolean,
  pointer: string,
): number {
  if (forInsert && token === '-') return array.length;
  if (!/^(0|[1-9][0-9]*)$/.test(token)) {
    throw new PatchError(
      'notApplicable',
      `invalid array index ${JSON.stringify(token)} in ${pointer}`,
    );
  }
  const index = Number(token);
  if (index > array.length || (!forInsert && index === array.length)) {
    throw new PatchError('notApplicable', `index out of bounds: ${pointer}`);
  }
  return index;
}

/** The member `token` of `parent`; undefined when there is none. */
function child(
  parent: JsonValue,
  token: string,
  pointer: string,
): JsonValue | undefined {
  if (Array.isArray(parent))
    return parent[arrayIndex(parent, token, false, pointer)];
  if (isJsonObject(parent) && Object.hasOwn(parent, token))
    return parent[token];
  return undefined;
}

/** The container holding the last token of `pointer`, and that token. */
function locate(
  document: JsonValue,
  pointer: string,
  op: string,
): { parent: JsonValue; token: string } {
  const tokens = parsePointer(pointer);
  const last = tokens.pop()!;
  let parent = document;
  for (const token of tokens) {
    const next = child(parent, token, pointer);
    if (next === undefined) {
      throw new PatchError(
        'notApplicable',
        `${op} operation does not apply: doc is missing path: "${pointer}": missing value`,
      );
    }
    parent = next;
  }
  return { parent, token: last };
}

function getValue(document: JsonValue, pointer: string, op: string): JsonValue {
  if (pointer === '') return document;
  const { parent, token } = locate(document, pointer, op);
  const value = child(parent, token, pointer);
  if (value === undefined) {
    throw new PatchError(
      'notApplicable',
      `${op} operation does not apply: doc is missing key: ${pointer}: missing value`,
    );
  }
  return value;
}

function addValue(
  document: JsonValue,
  pointer: string,
  value: JsonValue,
): JsonValue {
  if (pointer === '') return value;
  const { parent, token } = locate(document, pointer, 'add');
  if (Array.isArray(parent))
    parent.splice(arrayIndex(parent, token, true, pointer), 0, value);
  else if (isJsonObject(parent)) parent[token] = value;
  else
    throw new PatchError(
      'notApplicable',
      `add operation does not apply: doc is missing path: "${pointer}": missing value`,
    );
  return document;
}

function removeValue(
  document: JsonValue,
  pointer: string,
  op: string,
): JsonValue {
  if (pointer === '')
    throw new PatchError(
      'notApplicable',
      `${op} operation cannot remove the whole document`,
    );
  getValue(document, pointer, op);
  const { parent, token } = locate(document, pointer, op);
  if (Array.isArray(parent))
    parent.splice(arrayIndex(parent, token, false, pointer), 1);
  else if (isJsonObject(parent)) delete parent[token];
  return document;
}

function decodeOperations(patch: unknown): JsonPatchOperation[] {
  if (!Array.isArray(patch)) {
    throw new PatchError(
      'malformed',
      'json: cannot unmarshal object into Go value of type jsonpatch.Patch',
    );
  }
  return patch.map((operation, index) => {
    if (
      !isJsonObject(operation) ||
      typeof operation.op !== 'string' ||
      typeof operation.path !== 'string'
    ) {
      throw new PatchError(
        'notApplicable',
        `operation ${index}: "op" and "path" must be strings`,
      );
    }
    return operation as unknown as JsonPatchOperation;
  });
}

/** RFC 6902, all or nothing: the input is never modified. */
export function applyJsonPatch(target: JsonValue, patch: unknown): JsonValue {
  let document = cloneJson(target);
  for (const operation of decodeOperations(patch)) {
    const { op, path } = operation;
    const needsValue = op === 'add' || op === 'replace' || op === 'test';
    if (needsValue && operation.value === undefined) {
      throw new PatchError(
        'notApplicable',
        `${op} operation has no value: ${path}`,
      );
    }
    switch (op) {
      case 'add':
        document = addValue(document, path, cloneJson(operation.value!));
        break;
      case 'remove':
        document = removeValue(document, path, op);
        break;
      case 'replace':
        document =
          path === ''
            ? cloneJson(operation.value!)
            : addValue(
                removeValue(document, path, op),
                path,
                cloneJson(operation.value!),
              );
        break;
      case 'move': {
        const from = operation.from ?? '';
        if (path !== from && path.startsWith(`${from}/`)) {
          throw new PatchError(
            'notApplicable',
            `move operation cannot move a value into one of its children: ${from} -> ${path}`,
          );
        }
        const value = getValue(document, from, op);
        document = addValue(removeValue(document, from, op), path, value);
        break;
      }
      case 'copy':
        document = addValue(
          document,
          path,
          cloneJson(getValue(document, operation.from ?? '', op)),
        );
        break;
      case 'test':
        if (!jsonEqual(getValue(document, path, op), operation.value)) {
          throw new PatchError(
            'notApplicable',
            `testing value ${path} failed: test failed`,
          );
        }
        break;
      default:
        throw new PatchError('notApplicable', `Unexpected kind: ${op}`);
    }
  }
  return document;
}
