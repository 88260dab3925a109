import { ReactNode, useCallback, useState } from 'react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import LinearProgress from '@material-ui/core/LinearProgress';
import TextField from '@material-ui/core/TextField';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useIdempotentAction } from '../../hooks/useIdempotentAction';
import { errorMessage } from '../../utils/errors';
import { useStableId } from '../../hooks/useStableId';

/** The permission an action needs; always checked against the entity. */
export type EntityActionPermission = Extract<
  Parameters<typeof usePermission>[0],
  { resourceRef: string | undefined }
>['permission'];

/** Props of {@link EcsActionButton}. */
export type EcsActionButtonProps<TResult> = {
  /** The button text, also its accessible name ("Continue", "Roll back"). */
  label: string;
  permission: EntityActionPermission;
  /** Why the current state does not allow the action; disables the button. */
  disabledReason?: string;
  /** The question the dialog asks ("Shift all traffic in prod to green?"). */
  confirmTitle: string;
  confirmLabel?: string;
  /** What will happen, shown in the dialog (e.g. a promotion preview). */
  children?: ReactNode;
  /** Whether the dialog asks for a comment (approvals). */
  comment?: 'optional' | 'required';
  /**
   * False keeps the confirm button disabled, e.g. until a preview has loaded
   * or while it says the action cannot succeed.
   */
  ready?: boolean;
  /** Stop and roll back, reject: drawn in the error colour. */
  destructive?: boolean;
  /** Performs the request; the key goes into the `Idempotency-Key` header. */
  run: (
    idempotencyKey: string,
    comment: string | undefined,
  ) => Promise<TResult>;
  /** The outcome in words, shown once the backend has answered. */
  describeResult?: (result: TResult) => string;
  /** Called after success, e.g. to refresh the view. */
  onSucceeded?: (result: TResult) => void;
};

/**
 * A promotion control: a button that asks for confirmation, performs the
 * action once, and shows its progress and outcome, or the backend's error.
 * It is disabled, with the reason as its accessible description, while the
 * user lacks the permission for this entity or the state does not allow it.
 */
export function EcsActionButton<TResult>(props: EcsActionButtonProps<TResult>) {
  const {
    label,
    permission,
    disabledReason,
    confirmTitle,
    confirmLabel = label,
    children,
    comment,
    ready = true,
    destructive,
    run,
    describeResult,
    onSucceeded,
  } = props;
  const { entity } = useEntity();
  const { loading, allowed } = usePermission({
    permission,
    resourceRef: stringifyEntityRef(entity),
  });
  const [open, setOpen] = useState(false);
  const [commentText, setCommentText] = useState('');
  const reasonId = useStableId('ecs-action-reason');
  const titleId = useStableId('ecs-action-title');
  const commentId = useStableId('ecs-action-comment');

  const runAndNotify = useCallback(
    async (key: string, text: string | undefined) => {
      const result = await run(key, text);
      onSucceeded?.(result);
      return result;
    },
    [run, onSucceeded],
  );
  const { state, execute, reset } = useIdempotentAction(runAndNotify);

  let reason: string | undefined;
  if (loading) {
    reason = 'Checking your permissions…';
  } else if (!allowed) {
    reason = `You are not allowed to ${label.toLocaleLowerCase(
      'en-US',
    )} for this entity.`;
  } else {
    reason = disabledReason;
  }

  const close = () => {
    if (state.status === 'running') {
      return;
    }
    setOpen(false);
    setCommentText('');
    reset();
  };

  const trimmed = commentText.trim();
  const canConfirm =
    ready &&
    state.status !== 'running' &&
    state.status !== 'succeeded' &&
    (comment !== 'required' || trimmed.length > 0);

  return (
    <>
      <Tooltip title={reason ?? ''}>
        {/* A disabled button gets no pointer events; the span keeps the tooltip. */}
        <span>
          <Button
            variant="outlined"
            size="small"
            color={destructive ? 'secondary' : 'primary'}
            disabled={reason !== undefined}
            aria-describedby={reason ? reasonId : undefined}
            onClick={() => setOpen(true)}
          >
            {label}
          </Button>
        </span>
      </Tooltip>
      {reason && (
        <span id={reasonId} hidden>
          {reason}
        </span>
      )}
      <Dialog open={open} onClose={close} aria-labelledby={titleId} fullWidth>
        <DialogTitle id={titleId}>{confirmTitle}</DialogTitle>
        <DialogContent>
          {children}
          {comment && (
            <TextField
              id={commentId}
              label={comment === 'required' ? 'Comment (required)' : 'Comment'}
              value={commentText}
              onChange={e => setCommentText(e.target.value)}
              disabled={
                state.status === 'running' || state.status === 'succeeded'
              }
              required={comment === 'required'}
              inputProps={{ maxLength: 400 }}
              multiline
              minRows={2}
              fullWidth
              margin="normal"
              variant="outlined"
            />
          )}
          {state.status === 'running' && (
            <>
              <LinearProgress aria-label={`${label} in progress`} />
              <Typography variant="body2" color="textSecondary">
                Working…
              </Typography>
            </>
          )}
          {state.status === 'succeeded' && (
            <Alert severity="success">
              {describeResult ? describeResult(state.result) : 'Done.'}
            </Alert>
          )}
          {state.status === 'failed' && (
            <Alert severity={state.outcomeUnknown ? 'warning' : 'error'}>
              {state.outcomeUnknown
                ? `We could not tell whether it happened; retrying is safe. ${errorMessage(
                    state.error,
                  )}`
                : errorMessage(state.error)}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={close} disabled={state.status === 'running'}>
            {state.status === 'succeeded' ? 'Close' : 'Cancel'}
          </Button>
          {state.status !== 'succeeded' && (
            <Button
              variant="contained"
              color={destructive ? 'secondary' : 'primary'}
              disabled={!canConfirm}
              onClick={() =>
                execute(comment ? trimmed || undefined : undefined)
              }
            >
              {state.status === 'failed' ? 'Try again' : confirmLabel}
            </Button>
          )}
        </DialogActions>
      </Dialog>
    </>
  );
}
