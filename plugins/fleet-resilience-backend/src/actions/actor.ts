/**
 * Who acts, for the audit trail and idempotency: a user's entity ref, or a
 * service principal's subject. Pure.
 */
import type { BackstageCredentials } from '@backstage/backend-plugin-api';

const MAX_ACTOR_LENGTH = 255;

export function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  let actor: string;
  if (principal.type === 'user' && principal.userEntityRef) {
    actor = principal.userEntityRef;
  } else if (principal.type === 'service' && principal.subject) {
    actor = principal.subject;
  } else {
    actor = principal.type ?? 'unknown';
  }
  return actor.slice(0, MAX_ACTOR_LENGTH);
}
