/** Anything thrown, as an Error (a thrown string or object keeps its text). */
export function toError(value: unknown): Error {
  if (value instanceof Error) return value;
  if (typeof value === 'string') return new Error(value);
  try {
    return new Error(JSON.stringify(value));
  } catch {
    return new Error(String(value));
  }
}

const MAX_LENGTH = 1000;

/**
 * One line for humans from anything thrown: `Name: message` when the name
 * says something (e.g. `ThrottlingException: Rate exceeded`), whitespace
 * collapsed and bounded, so a huge response body never lands in a log line
 * or the store.
 *
 * @public
 */
export function describeError(value: unknown): string {
  const error = toError(value);
  const text =
    (error.name &&
    error.name !== 'Error' &&
    !error.message.startsWith(error.name)
      ? `${error.name}: ${error.message}`
      : error.message
    )
      .replace(/\s+/g, ' ')
      .trim() || 'unknown error';
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 1)}…` : text;
}
