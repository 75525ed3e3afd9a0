/**
 * One line for humans from anything thrown: `Name: message` when the name
 * says something (e.g. `ThrottlingException: Rate exceeded`), bounded so a
 * huge response body never lands in the store.
 */
const MAX_LENGTH = 1000;

export function errorMessage(error: unknown): string {
  let text: string;
  if (error instanceof Error) {
    const { name, message } = error;
    text =
      name && name !== 'Error' && !message.startsWith(name)
        ? `${name}: ${message}`
        : message;
  } else if (typeof error === 'string') {
    text = error;
  } else {
    text = String(error);
  }
  text = text.replace(/\s+/g, ' ').trim() || 'unknown error';
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 1)}…` : text;
}
