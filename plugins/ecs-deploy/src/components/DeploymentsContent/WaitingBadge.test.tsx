import { screen } from '@testing-library/react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { environment } from '../../__fixtures__/data';
import {
  renderWithEntity,
  testEntity,
} from '../../__testUtils__/renderWithEntity';
import { EnvironmentBadge } from './EnvironmentsStrip';
import { ownerNames } from './WaitingBadge';

const waiting = environment('prod', {
  waitingForAction: true,
  deploymentInProgress: true,
});

describe('the waiting badge', () => {
  it('says "Waiting for you" when the user may take the step', async () => {
    await renderWithEntity(<EnvironmentBadge env={waiting} />, {
      authorize: AuthorizeResult.ALLOW,
    });
    expect(await screen.findByText('Waiting for you')).toBeInTheDocument();
  });

  it('names the owning team when the user may not', async () => {
    await renderWithEntity(<EnvironmentBadge env={waiting} />, {
      authorize: AuthorizeResult.DENY,
    });
    expect(
      await screen.findByText('Waiting for team-payments'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Waiting for you')).toBeNull();
  });

  it("names the owner from the catalog's relations, with its namespace when not the entity's", async () => {
    await renderWithEntity(
      <EnvironmentBadge
        env={{
          ...waiting,
          pipeline: { name: 'checkout-web-prod', waitingExecutionId: 'e-1' },
        }}
      />,
      {
        authorize: AuthorizeResult.DENY,
        entity: {
          ...testEntity,
          spec: { ...testEntity.spec, owner: 'team-checkout' },
          relations: [
            { type: 'ownedBy', targetRef: 'group:default/team-checkout' },
          ],
        },
      },
    );
    // The test renders the entity in a namespace of its own.
    expect(
      await screen.findByText('Waiting for default/team-checkout'),
    ).toBeInTheDocument();
  });

  it('shows no waiting badge for an environment nobody needs to act on', async () => {
    await renderWithEntity(<EnvironmentBadge env={environment('dev')} />);
    expect(screen.queryByText(/Waiting/)).toBeNull();
  });
});

describe('ownerNames', () => {
  it('reads the spec when the entity has no relations yet, and names other kinds in full', () => {
    expect(ownerNames(testEntity)).toBe('team-payments');
    expect(
      ownerNames({
        ...testEntity,
        spec: { ...testEntity.spec, owner: 'user:jane' },
      }),
    ).toBe('user:jane');
    expect(
      ownerNames({ ...testEntity, spec: { type: 'service' } }),
    ).toBeUndefined();
  });
});
