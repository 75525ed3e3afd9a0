import { mockCredentials } from '@backstage/backend-test-utils';
import { actorOf } from './actor';

describe('actorOf', () => {
  it('is the entity ref of a user', () => {
    expect(actorOf(mockCredentials.user('user:default/jane'))).toBe(
      'user:default/jane',
    );
  });

  it('is the subject of a service behind service:', () => {
    expect(actorOf(mockCredentials.service('plugin:mcp-actions'))).toBe(
      'service:plugin:mcp-actions',
    );
    expect(actorOf(mockCredentials.service('external:incident-bot'))).toBe(
      'service:external:incident-bot',
    );
  });

  it('never reads a service whose subject looks like a user as that user', () => {
    const service = actorOf(mockCredentials.service('user:default/alice'));
    expect(service).toBe('service:user:default/alice');
    expect(service).not.toBe(
      actorOf(mockCredentials.user('user:default/alice')),
    );
  });

  it('names other principals by type only', () => {
    expect(actorOf(mockCredentials.none())).toBe('none');
  });

  it('is bounded', () => {
    const actor = actorOf(mockCredentials.service(`plugin:${'x'.repeat(400)}`));
    expect(actor).toHaveLength(255);
    expect(actor.startsWith('service:plugin:')).toBe(true);
  });
});
