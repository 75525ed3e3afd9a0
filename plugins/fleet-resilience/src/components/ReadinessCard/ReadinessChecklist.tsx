import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import HelpIcon from '@material-ui/icons/Help';
import WarningIcon from '@material-ui/icons/Warning';
import type {
  ReadinessCheck,
  ReadinessCheckVerdict,
  ReadinessFix,
} from '@fleet-resilience/plugin-fleet-resilience-common';
import {
  CHECK_VERDICT_COLOUR,
  CHECK_VERDICT_TEXT,
  FIX_TEXT,
} from '../../lib/readiness';
import { ReasonedButton } from '../shared/ReasonedButton';

const ICONS: Record<ReadinessCheckVerdict, typeof CheckCircleIcon> = {
  pass: CheckCircleIcon,
  warn: WarningIcon,
  fail: ErrorIcon,
  unknown: HelpIcon,
};

/**
 * The fix a check offers: its portal fix while it does not pass; once it
 * passes, turning autoshift off and editing the practice runs stay the
 * user's choices to make.
 */
export function offeredFix(check: ReadinessCheck): ReadinessFix | undefined {
  if (check.verdict !== 'pass') return check.portalFix;
  if (check.id === 'zonal-autoshift') return 'disable-autoshift';
  if (check.id === 'practice-runs') return 'configure-practice-runs';
  return undefined;
}

/**
 * The checks in order: verdict (icon and words), title, the evidence, the
 * fix in words and, where the portal can fix it, a button that says why it
 * is unavailable when it is.
 */
export function ReadinessChecklist(props: {
  checks: ReadinessCheck[];
  /** Why a fix cannot be applied now (no permission, an update running). */
  fixBlocked: (fix: ReadinessFix) => string | undefined;
  onFix: (fix: ReadinessFix) => void;
}) {
  const { checks, fixBlocked, onFix } = props;
  return (
    <List dense disablePadding aria-label="Readiness checks">
      {checks.map(check => {
        const Icon = ICONS[check.verdict];
        const fix = offeredFix(check);
        return (
          <ListItem
            key={check.id}
            alignItems="flex-start"
            disableGutters
            data-testid={`check-${check.id}`}
          >
            <ListItemIcon style={{ minWidth: 32, marginTop: 4 }}>
              <Icon
                fontSize="small"
                style={{ color: CHECK_VERDICT_COLOUR[check.verdict] }}
                aria-hidden
              />
            </ListItemIcon>
            <ListItemText
              disableTypography
              // Long evidence wraps inside the card, breaking a long token
              // (an ARN, an ID) where it must.
              style={{
                minWidth: 0,
                whiteSpace: 'normal',
                overflowWrap: 'anywhere',
              }}
              primary={
                <Typography variant="body1" component="p">
                  <strong>{check.title}</strong>
                  {' — '}
                  <span style={{ color: CHECK_VERDICT_COLOUR[check.verdict] }}>
                    {CHECK_VERDICT_TEXT[check.verdict]}
                  </span>
                </Typography>
              }
              secondary={
                <>
                  {check.evidence.map((line, i) => (
                    <Typography
                      key={i}
                      variant="body2"
                      color="textSecondary"
                      component="p"
                    >
                      {line}
                    </Typography>
                  ))}
                  {check.fix && check.verdict !== 'pass' && (
                    <Typography variant="body2" component="p">
                      Fix: {check.fix}
                    </Typography>
                  )}
                  {fix && (
                    <Box mt={0.5}>
                      <ReasonedButton
                        size="small"
                        variant={check.verdict === 'pass' ? 'text' : 'outlined'}
                        color="primary"
                        onClick={() => onFix(fix)}
                        disabledReason={fixBlocked(fix)}
                      >
                        {FIX_TEXT[fix]}
                      </ReasonedButton>
                    </Box>
                  )}
                </>
              }
            />
          </ListItem>
        );
      })}
    </List>
  );
}
