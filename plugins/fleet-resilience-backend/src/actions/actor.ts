/**
 * Who acts, for the audit trail and idempotency. Pure. A user is their
 * entity ref (`user:default/alice`); a service principal is its subject
 * behind `service:` (`service:plugin:catalog`, `service:incident-bot`). The
 * prefix keeps the two apart: an external static token may carry any
 * subject, `user:default/alice` included, and must never read as Alice.
 */
import type { BackstageCredentials } from '@backstage/backend-plugin-api';

const MAX_ACTOR_LENGTH = 255;

/** The prefix of a service principal's actor. */
export const SERVICE_ACTOR_PREFIX = 'service:';

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
    actor = `${SERVICE_ACTOR_PREFIX}${principal.subject}`;
  } else {
    // `none`, or a principal without its identifying field: never a user's ref.
    actor = principal.type ?? 'unknown';
  }
  return actor.slice(0, MAX_ACTOR_LENGTH);
}
