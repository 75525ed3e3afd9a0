import { ReactNode } from 'react';
import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { PreflightCheck } from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  countsText,
  groupPreflightChecks,
  type PreflightCounts,
} from '../../lib/preflight';
import {
  PREFLIGHT_STATUS_COLOURS,
  PreflightStatusChip,
} from './PreflightStatusChip';

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  check: {
    borderLeft: '4px solid',
    padding: theme.spacing(1, 1.5),
    marginBottom: theme.spacing(1),
  },
  problem: { backgroundColor: theme.palette.background.default },
  titleRow: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  fix: {
    margin: theme.spacing(1, 0),
    padding: theme.spacing(1, 1.5),
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    backgroundColor: theme.palette.background.paper,
  },
  fixText: { whiteSpace: 'pre-wrap', fontWeight: 500 },
  detail: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  heading: { marginTop: theme.spacing(2) },
}));

/**
 * One check. A failure or warning shows what to change first and large
 * (the reason to open this page), then what was seen.
 */
export function PreflightCheckItem(props: { check: PreflightCheck }) {
  const classes = useStyles();
  const { check } = props;
  const problem = check.status === 'fail' || check.status === 'warn';
  return (
    <li
      className={`${classes.check} ${problem ? classes.problem : ''}`}
      style={{ borderLeftColor: PREFLIGHT_STATUS_COLOURS[check.status] }}
      data-check-id={check.id}
      data-status={check.status}
    >
      <div className={classes.titleRow}>
        <PreflightStatusChip status={check.status} />
        <Typography
          variant="body1"
          component="span"
          style={problem ? { fontWeight: 600 } : undefined}
        >
          {check.title}
        </Typography>
        {check.scope.role && (
          <Typography variant="caption" color="textSecondary">
            as the {check.scope.role} role
          </Typography>
        )}
      </div>
      {check.fix && (
        <div className={problem ? classes.fix : undefined}>
          <Typography
            variant={problem ? 'subtitle2' : 'body2'}
            component="span"
          >
            {problem ? 'How to fix: ' : 'Fix: '}
          </Typography>
          <Typography
            variant={problem ? 'body1' : 'body2'}
            component="span"
            className={problem ? classes.fixText : undefined}
          >
            {check.fix}
          </Typography>
        </div>
      )}
      {check.detail && (
        <Typography
          variant="body2"
          color="textSecondary"
          className={classes.detail}
        >
          {problem ? `Seen: ${check.detail}` : check.detail}
        </Typography>
      )}
    </li>
  );
}

function CheckList(props: { checks: PreflightCheck[] }) {
  const classes = useStyles();
  if (props.checks.length === 0) return null;
  return (
    <ul className={classes.list}>
      {props.checks.map((check, index) => (
        <PreflightCheckItem key={`${check.id}-${index}`} check={check} />
      ))}
    </ul>
  );
}

function GroupHeading(props: {
  level: 'h3' | 'h4';
  children: ReactNode;
  counts: PreflightCounts;
}) {
  const classes = useStyles();
  return (
    <Box className={classes.heading}>
      <Typography
        variant={props.level === 'h3' ? 'h6' : 'subtitle1'}
        component={props.level}
      >
        {props.children}
      </Typography>
      <Typography variant="caption" color="textSecondary">
        {countsText(props.counts)}
      </Typography>
    </Box>
  );
}

/**
 * The checks by account (a card each), region and cluster; accounts,
 * regions and clusters with failures first, and failures first in each.
 */
export function PreflightChecks(props: { checks: PreflightCheck[] }) {
  const groups = groupPreflightChecks(props.checks);
  return (
    <>
      {groups.map(account => (
        <Box mb={2} key={account.key}>
          <InfoCard
            title={
              account.accountId
                ? `Account ${account.accountId}`
                : 'The backend itself'
            }
            subheader={countsText(account.counts)}
          >
            <CheckList checks={account.checks} />
            {account.regions.map(region => (
              <section key={region.key}>
                <GroupHeading level="h3" counts={region.counts}>
                  {region.region ?? 'Every region'}
                </GroupHeading>
                <CheckList checks={region.checks} />
                {region.clusters.map(cluster => (
                  <section key={cluster.key}>
                    <GroupHeading level="h4" counts={cluster.counts}>
                      Cluster {cluster.clusterName}
                    </GroupHeading>
                    <CheckList checks={cluster.checks} />
                  </section>
                ))}
              </section>
            ))}
          </InfoCard>
        </Box>
      ))}
    </>
  );
}
