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

/** `Name: message`, or just the message when the name adds nothing. */
export function describeError(value: unknown): string {
  const error = toError(value);
  return error.name &&
    error.name !== 'Error' &&
    !error.message.startsWith(error.name)
    ? `${error.name}: ${error.message}`
    : error.message;
}
