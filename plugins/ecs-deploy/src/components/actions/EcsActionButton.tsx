import { ReactNode, useCallback, useId, useState } from 'react';
import {
  alertApiRef,
  useApi,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import {
  Alert,
  Button,
  Dialog,
  DialogBody,
  DialogFooter,
  DialogHeader,
  Flex,
  Focusable,
  Text,
  TextAreaField,
  Tooltip,
  TooltipTrigger,
} from '@backstage/ui';
import {
  EntityActionPermission,
  notAllowedReason,
  useEntityPermission,
} from '../../hooks/useEntityPermission';
import { useIdempotentAction } from '../../hooks/useIdempotentAction';
import { ecsDeployTranslationRef } from '../../translation';
import { errorMessage } from '../../utils/errors';
import { ProgressBar } from '../shared/ProgressBar';
import styles from './EcsActionButton.module.css';

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
  const { loading, allowed } = useEntityPermission(permission);
  const [open, setOpen] = useState(false);
  const [commentText, setCommentText] = useState('');
  const { t } = useTranslationRef(ecsDeployTranslationRef);
  const reasonId = useId();

  const alertApi = useApi(alertApiRef);
  const runAndNotify = useCallback(
    async (key: string, text: string | undefined) => {
      const result = await run(key, text);
      // Also outside the dialog: the refresh after it may take this control
      // away (a release once started offers no second start).
      alertApi.post({
        message: describeResult?.(result) ?? `${label}: done`,
        severity: 'success',
        display: 'transient',
      });
      onSucceeded?.(result);
      return result;
    },
    [run, onSucceeded, alertApi, describeResult, label],
  );
  const { state, execute, reset } = useIdempotentAction(runAndNotify);

  let reason: string | undefined;
  if (loading) {
    reason = 'Checking your permissions…';
  } else if (!allowed) {
    reason = notAllowedReason(label);
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

  const button = (
    <Button
      variant="secondary"
      size="small"
      destructive={destructive}
      isDisabled={reason !== undefined}
      aria-describedby={reason ? reasonId : undefined}
      onPress={() => setOpen(true)}
    >
      {label}
    </Button>
  );

  return (
    <>
      {/* The same tree with or without a reason, so the button is not
          remounted when the permission check settles. */}
      <TooltipTrigger isDisabled={!reason}>
        {/* A disabled button takes no focus or hover; the wrapper does, so
            the reason is one hover or one Tab away. */}
        <Focusable>
          <span
            className={styles.wrapper}
            // The host of a disabled control's tooltip: focusable, so a
            // keyboard reaches the reason too.
            // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
            tabIndex={reason ? 0 : -1}
            role="group"
            aria-describedby={reason ? reasonId : undefined}
          >
            {button}
          </span>
        </Focusable>
        <Tooltip>{reason}</Tooltip>
      </TooltipTrigger>
      {reason && (
        <span id={reasonId} hidden>
          {reason}
        </span>
      )}
      <Dialog
        isOpen={open}
        onOpenChange={isOpen => !isOpen && close()}
        // Not dismissed by a click outside: the press that opens it would
        // count as one. Escape and the close button still close it.
        isDismissable={false}
        width={600}
      >
        <DialogHeader>{confirmTitle}</DialogHeader>
        <DialogBody>
          <Flex direction="column" gap="3">
            {children}
            {comment && (
              <TextAreaField
                label={
                  comment === 'required' ? 'Comment (required)' : 'Comment'
                }
                value={commentText}
                onChange={setCommentText}
                isDisabled={
                  state.status === 'running' || state.status === 'succeeded'
                }
                isRequired={comment === 'required'}
                maxLength={400}
                rows={2}
              />
            )}
            {state.status === 'running' && (
              <>
                <ProgressBar label={`${label} in progress`} />
                <Text as="p" variant="body-medium" color="secondary">
                  {t('common.working')}
                </Text>
              </>
            )}
            {state.status === 'succeeded' && (
              <Alert
                role="alert"
                status="success"
                icon
                title={describeResult ? describeResult(state.result) : 'Done.'}
              />
            )}
            {state.status === 'failed' && (
              <Alert
                role="alert"
                status={state.outcomeUnknown ? 'warning' : 'danger'}
                icon
                title={
                  state.outcomeUnknown
                    ? `We could not tell whether it happened; retrying is safe. ${errorMessage(
                        state.error,
                      )}`
                    : errorMessage(state.error)
                }
              />
            )}
          </Flex>
        </DialogBody>
        <DialogFooter>
          <Button
            variant="secondary"
            onPress={close}
            isDisabled={state.status === 'running'}
          >
            {state.status === 'succeeded'
              ? t('common.close')
              : t('common.cancel')}
          </Button>
          {state.status !== 'succeeded' && (
            <Button
              variant="primary"
              destructive={destructive}
              isDisabled={!canConfirm}
              onPress={() =>
                execute(comment ? trimmed || undefined : undefined)
              }
            >
              {state.status === 'failed' ? t('common.tryAgain') : confirmLabel}
            </Button>
          )}
        </DialogFooter>
      </Dialog>
    </>
  );
}
