import { mockCredentials } from '@backstage/backend-test-utils';
import { actorOf } from './actor';

describe('actorOf', () => {
  it('is the user entity ref of a user, the subject of a service', () => {
    expect(actorOf(mockCredentials.user('user:default/jane'))).toBe(
      'user:default/jane',
    );
    expect(actorOf(mockCredentials.service('plugin:mcp-actions'))).toBe(
      'plugin:mcp-actions',
    );
    expect(actorOf(mockCredentials.none())).toBe('none');
  });
});
