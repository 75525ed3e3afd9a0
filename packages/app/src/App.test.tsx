import { render, screen } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('opens on the sign-in page titled from app-config', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Fleet Resilience test' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };

    render(App.createRoot());

    // Nothing is signed in until an identity is chosen: the app stays on its
    // sign-in page, whose header carries the app title.
    expect(
      await screen.findByRole('heading', { name: 'Fleet Resilience test' }),
    ).toBeInTheDocument();
  }, 20_000);
});
