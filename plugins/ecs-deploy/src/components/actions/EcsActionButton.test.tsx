import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResponseError } from '@backstage/errors';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { mockApis } from '@backstage/frontend-test-utils';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import { EcsActionButton } from './EcsActionButton';

// usePermission caches decisions per permission and resource across renders,
// so each test gets a permission of its own.
let permissionCount = 0;
function newPermission() {
  permissionCount += 1;
  return createPermission({
    name: `test.action.${permissionCount}`,
    attributes: { action: 'update' },
    resourceType: 'catalog-entity',
  });
}

async function conflict(message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'ConflictError', message },
        request: { method: 'POST', url: '/api/ecs-deploy/test' },
        response: { statusCode: 409 },
      }),
      {
        status: 409,
        statusText: 'Conflict',
        headers: { 'content-type': 'application/json' },
      },
    ),
  );
}

describe('EcsActionButton', () => {
  it('asks for confirmation, acts once on a double click, and shows the outcome', async () => {
    let finish: (value: string) => void = () => {};
    const run = jest.fn(
      (_key: string) =>
        new Promise<string>(resolve => {
          finish = resolve;
        }),
    );
    const onSucceeded = jest.fn();
    await renderWithEntity(
      <EcsActionButton
        label="Continue"
        permission={newPermission()}
        confirmTitle="Shift all prod traffic to green?"
        run={run}
        describeResult={r => `Result: ${r}`}
        onSucceeded={onSucceeded}
      />,
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Continue' }),
    );
    expect(
      screen.getByRole('dialog', { name: 'Shift all prod traffic to green?' }),
    ).toBeInTheDocument();
    expect(run).not.toHaveBeenCalled();

    const confirm = screen
      .getAllByRole('button', { name: 'Continue' })
      .find(b => b.closest('[role="dialog"]'))!;
    await userEvent.dblClick(confirm);
    expect(
      screen.getByRole('progressbar', { name: 'Continue in progress' }),
    ).toBeInTheDocument();

    finish('traffic shifted');
    expect(
      await within(screen.getByRole('dialog')).findByText(
        'Result: traffic shifted',
      ),
    ).toBeVisible();
    expect(run).toHaveBeenCalledTimes(1);
    expect(run.mock.calls[0][0]).toMatch(/\S{8,}/);
    expect(onSucceeded).toHaveBeenCalledWith('traffic shifted');
  });

  it("shows the backend's error and retries under a new key", async () => {
    const run = jest
      .fn()
      .mockRejectedValueOnce(
        await conflict('The deployment is no longer waiting'),
      )
      .mockResolvedValueOnce('ok');
    await renderWithEntity(
      <EcsActionButton
        label="Roll back"
        permission={newPermission()}
        confirmTitle="Stop and roll back?"
        confirmLabel="Stop and roll back"
        destructive
        run={run}
      />,
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Roll back' }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Stop and roll back' }),
    );
    expect(
      await screen.findByText('The deployment is no longer waiting'),
    ).toBeVisible();

    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Done.')).toBeVisible();
    expect(run).toHaveBeenCalledTimes(2);
    expect(run.mock.calls[1][0]).not.toBe(run.mock.calls[0][0]);
  });

  it('keeps the key when the request never got an answer', async () => {
    const run = jest
      .fn()
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValueOnce('ok');
    await renderWithEntity(
      <EcsActionButton
        label="Start pipeline"
        permission={newPermission()}
        confirmTitle="Start the prod pipeline?"
        confirmLabel="Start"
        run={run}
      />,
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Start pipeline' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Start' }));
    expect(
      await screen.findByText(
        'We could not tell whether it happened; retrying is safe. Failed to fetch',
      ),
    ).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByText('Done.');
    expect(run.mock.calls[1][0]).toBe(run.mock.calls[0][0]);
  });

  it('requires a comment when asked to and passes it on', async () => {
    const run = jest.fn().mockResolvedValue('ok');
    await renderWithEntity(
      <EcsActionButton
        label="Reject"
        permission={newPermission()}
        confirmTitle="Reject the approval?"
        comment="required"
        run={run}
      />,
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Reject' }),
    );
    const dialog = screen.getByRole('dialog');
    const confirm = screen
      .getAllByRole('button', { name: 'Reject' })
      .find(b => dialog.contains(b))!;
    expect(confirm).toBeDisabled();

    await userEvent.type(
      screen.getByRole('textbox', { name: /comment/i }),
      '  canary error rate too high ',
    );
    await userEvent.click(confirm);
    await screen.findByText('Done.');
    expect(run).toHaveBeenCalledWith(
      expect.any(String),
      'canary error rate too high',
    );
  });

  it('is disabled with the reason when the permission is denied', async () => {
    const run = jest.fn();
    await renderWithEntity(
      <EcsActionButton
        label="Promote"
        permission={newPermission()}
        confirmTitle="Promote?"
        run={run}
      />,
      { authorize: AuthorizeResult.DENY },
    );

    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Promote' }),
      ).toHaveAccessibleDescription(
        'You are not allowed to promote for this entity.',
      ),
    );
    expect(screen.getByRole('button', { name: 'Promote' })).toBeDisabled();
  });

  it('is disabled with the reason when the state does not allow it', async () => {
    await renderWithEntity(
      <EcsActionButton
        label="Continue"
        permission={newPermission()}
        disabledReason="No deployment is waiting in prod."
        confirmTitle="Continue?"
        run={jest.fn()}
      />,
    );

    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Continue' }),
      ).toHaveAccessibleDescription('No deployment is waiting in prod.'),
    );
    expect(screen.getByRole('button', { name: 'Continue' })).toBeDisabled();
  });

  it('also posts the outcome as an app alert, which outlives a control the refresh removes', async () => {
    const alerts = mockApis.alert();
    await renderWithEntity(
      <EcsActionButton
        label="Start release from staging"
        permission={newPermission()}
        confirmTitle="Release the image staging runs to prod?"
        confirmLabel="Start release"
        run={async () => 'started'}
        describeResult={r => `Release ${r} in prod`}
      />,
      { alerts },
    );
    const open = await screen.findByRole('button', {
      name: 'Start release from staging',
    });
    await waitFor(() => expect(open).toBeEnabled());
    await userEvent.click(open);
    await userEvent.click(
      screen.getByRole('button', { name: 'Start release' }),
    );
    await alerts.waitForAlert(a => a.message === 'Release started in prod');
    expect(alerts.getAlerts()).toEqual([
      expect.objectContaining({
        message: 'Release started in prod',
        severity: 'success',
        display: 'transient',
      }),
    ]);
  });
});
