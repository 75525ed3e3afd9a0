import { useState } from 'react';
import {
  Content,
  ErrorPanel,
  Header,
  Page,
  ProxiedSignInPage,
} from '@backstage/core-components';
import {
  configApiRef,
  useApi,
  type ConfigApi,
  type IdentityApi,
  type SignInPageProps,
} from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Card from '@material-ui/core/Card';
import CardActions from '@material-ui/core/CardActions';
import CardContent from '@material-ui/core/CardContent';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';

/** The backend's demo provider (packages/backend/src/modules/demoSignIn.ts). */
export const DEMO_PROVIDER_ID = 'fleetDemo';
export const DEMO_IDENTITY_HEADER = 'x-fleet-demo-identity';
/** Where the choice is kept across reloads; removed on sign-out. */
export const DEMO_CHOICE_STORAGE_KEY = 'fleetResilience.demoSignIn.choice';
/** The choice that signs in with the guest provider. */
export const GUEST_CHOICE = 'guest';

/** A selectable identity as the frontend sees it (no entity ref). */
export interface DemoIdentityOption {
  id: string;
  title: string;
  description?: string;
}

/** `auth.providers.fleetDemo.identities`, the fields visible to the frontend. */
export function readDemoIdentityOptions(
  config: ConfigApi,
): DemoIdentityOption[] {
  return (
    config.getOptionalConfigArray('auth.providers.fleetDemo.identities') ?? []
  ).map(entry => ({
    id: entry.getString('id'),
    title: entry.getString('title'),
    description: entry.getOptionalString('description'),
  }));
}

// localStorage may be unavailable (private modes, blocked storage): then the
// choice is simply not remembered.
function storedChoice(): string | undefined {
  try {
    return window.localStorage.getItem(DEMO_CHOICE_STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}
function storeChoice(choice: string | undefined) {
  try {
    if (choice === undefined) {
      window.localStorage.removeItem(DEMO_CHOICE_STORAGE_KEY);
    } else {
      window.localStorage.setItem(DEMO_CHOICE_STORAGE_KEY, choice);
    }
  } catch {
    // not remembered
  }
}

/**
 * The signed-in identity, which forgets the remembered choice when the user
 * signs out, so the next visit shows the choice again.
 */
export function forgetChoiceOnSignOut(identity: IdentityApi): IdentityApi {
  // The app still calls the deprecated getUserId/getIdToken/getProfile when
  // the identity has them; keep them.
  const legacy: Record<string, unknown> = {};
  for (const name of ['getUserId', 'getIdToken', 'getProfile']) {
    const method = (identity as unknown as Record<string, unknown>)[name];
    if (typeof method === 'function') legacy[name] = method.bind(identity);
  }
  return {
    ...legacy,
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    signOut: async () => {
      storeChoice(undefined);
      await identity.signOut();
    },
  };
}

function IdentityCard(props: {
  title: string;
  description?: string;
  action: string;
  actionLabel?: string;
  onChoose: () => void;
}) {
  return (
    <Grid item xs={12} sm={6} md={4}>
      <Card
        style={{ height: '100%', display: 'flex', flexDirection: 'column' }}
      >
        <CardContent style={{ flexGrow: 1 }}>
          <Typography variant="h6" component="h2">
            {props.title}
          </Typography>
          {props.description && (
            <Typography variant="body2" color="textSecondary">
              {props.description}
            </Typography>
          )}
        </CardContent>
        <CardActions>
          <Button
            color="primary"
            variant="outlined"
            onClick={props.onChoose}
            aria-label={props.actionLabel}
          >
            {props.action}
          </Button>
        </CardActions>
      </Card>
    </Grid>
  );
}

/**
 * The demo portal's sign-in page, with no identity provider: a card for each
 * configured demo identity and one for Guest. The choice signs in through
 * `/api/auth/<provider>/refresh` (the demo identity's id in a header) and is
 * remembered across reloads until sign-out.
 */
export function DemoSignInPage(props: SignInPageProps) {
  const config = useApi(configApiRef);
  const options = readDemoIdentityOptions(config);
  const known = (choice: string | undefined) =>
    choice === GUEST_CHOICE || options.some(o => o.id === choice);
  const [choice, setChoice] = useState(() => {
    const remembered = storedChoice();
    return known(remembered) ? remembered : undefined;
  });

  const choose = (next: string | undefined) => {
    storeChoice(next);
    setChoice(next);
  };

  if (choice) {
    const title =
      choice === GUEST_CHOICE
        ? 'Guest'
        : options.find(o => o.id === choice)?.title;
    return (
      <ProxiedSignInPage
        key={choice}
        provider={choice === GUEST_CHOICE ? 'guest' : DEMO_PROVIDER_ID}
        headers={
          choice === GUEST_CHOICE ? {} : { [DEMO_IDENTITY_HEADER]: choice }
        }
        onSignInSuccess={identity =>
          props.onSignInSuccess(forgetChoiceOnSignOut(identity))
        }
        ErrorComponent={({ error }) => (
          <Page themeId="home">
            <Header title={config.getOptionalString('app.title') ?? ''} />
            <Content>
              <ErrorPanel
                title={`Signing in as ${title} failed`}
                error={error ?? new Error('Unknown error')}
              />
              <Box mt={2}>
                <Button
                  color="primary"
                  variant="contained"
                  onClick={() => choose(undefined)}
                >
                  Choose another identity
                </Button>
              </Box>
            </Content>
          </Page>
        )}
      />
    );
  }

  return (
    <Page themeId="home">
      <Header title={config.getOptionalString('app.title') ?? 'Backstage'} />
      <Content>
        <Box mb={2}>
          <Typography variant="body1">
            Choose who to sign in as. This demo has no identity provider: each
            identity is a user of the example organisation, and the portal shows
            what its groups may see and do.
          </Typography>
        </Box>
        <Grid container spacing={2}>
          {options.map(option => (
            <IdentityCard
              key={option.id}
              title={option.title}
              description={option.description}
              action="Sign in"
              actionLabel={`Sign in as ${option.title}`}
              onChoose={() => choose(option.id)}
            />
          ))}
          <IdentityCard
            title="Guest"
            description="Enter as a guest user (a member of platform-team in this demo), without a verified identity."
            action="Enter"
            onChoose={() => choose(GUEST_CHOICE)}
          />
        </Grid>
      </Content>
    </Page>
  );
}
