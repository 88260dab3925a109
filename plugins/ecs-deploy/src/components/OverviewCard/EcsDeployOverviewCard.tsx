import { Link, Progress } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { CardFooter, Flex } from '@backstage/ui';
import { useEntityRef } from '../../hooks/useEntityRef';
import { useEntitySignal } from '../../hooks/useEntitySignal';
import { useEnvironments } from '../../hooks/useEnvironments';
import { usePolling } from '../../hooks/usePolling';
import { environmentErrorText } from '../../utils/errors';
import { shortCommit } from '../../utils/format';
import { ecsDeployTranslationRef } from '../../translation';
import { DeploymentStatusLabel } from '../shared/DeploymentStatusLabel';
import facts from '../shared/FactTable.module.css';
import { SectionCard } from '../shared/SectionCard';
import badges from '../DeploymentsContent/EnvironmentBadge.module.css';
import { RequestError } from '../shared/RequestError';
import {
  EnvironmentBadge,
  runningCommit,
} from '../DeploymentsContent/EnvironmentsStrip';
import { DEFAULT_DEPLOYMENTS_PATH, DEFAULT_TRAFFIC_PATH } from './paths';

/**
 * Props of the overview card.
 *
 * @public
 */
export type EcsDeployOverviewCardProps = {
  /** The Deployments tab's path under the entity page, if not the default. */
  deploymentsPath?: string;
  /** The Traffic tab's path under the entity page, if not the default. */
  trafficPath?: string;
};

/** Without signals, how often the card is read while something moves. */
const FALLBACK_REFRESH_MS = 30_000;

/**
 * The Overview tab's card: per environment what runs and how the last
 * deployment went, with links to the tabs. It follows the entity's signals;
 * without them it reads again now and then while a deployment moves.
 */
export const EcsDeployOverviewCard = ({
  deploymentsPath = DEFAULT_DEPLOYMENTS_PATH,
  trafficPath = DEFAULT_TRAFFIC_PATH,
}: EcsDeployOverviewCardProps) => {
  const entityRef = useEntityRef();
  const entityRoute = useRouteRef(entityRouteRef);
  const { t } = useTranslationRef(ecsDeployTranslationRef);
  const overview = useEnvironments();
  const { isSignalsAvailable } = useEntitySignal(() =>
    overview.reload({ fresh: true }),
  );
  usePolling(
    overview.reload,
    FALLBACK_REFRESH_MS,
    !isSignalsAvailable && overview.moving,
  );
  const base = entityRoute({
    kind: entityRef.kind.toLocaleLowerCase('en-US'),
    namespace: entityRef.namespace,
    name: entityRef.name,
  });

  let body;
  // A refresh keeps the table on screen until the new answer is in.
  if (overview.loading && !overview.value) {
    body = <Progress aria-label={t('overviewCard.loading')} />;
  } else if (overview.error) {
    body = <RequestError error={overview.error} retry={overview.retry} />;
  } else {
    body = (
      <table className={facts.table} aria-label={t('overviewCard.tableLabel')}>
        <thead>
          <tr>
            <th scope="col">{t('overviewCard.columns.environment')}</th>
            <th scope="col">{t('overviewCard.columns.version')}</th>
            <th scope="col">{t('overviewCard.columns.tasks')}</th>
            <th scope="col">{t('overviewCard.columns.lastDeployment')}</th>
          </tr>
        </thead>
        <tbody>
          {(overview.value?.environments ?? []).map(env => (
            <tr key={env.name}>
              <th scope="row">
                <span className={badges.title}>
                  {env.name}
                  <EnvironmentBadge env={env} />
                </span>
              </th>
              {env.error ? (
                <td colSpan={3}>{environmentErrorText(env.error)}</td>
              ) : (
                <>
                  <td>
                    {shortCommit(runningCommit(env)) ??
                      env.images[0]?.tag ??
                      '–'}
                    {env.taskDefinition &&
                      ` (rev ${env.taskDefinition.revision})`}
                  </td>
                  <td>
                    {env.service.runningCount}/{env.service.desiredCount}
                  </td>
                  <td>
                    {env.lastDeployment ? (
                      <DeploymentStatusLabel
                        status={env.lastDeployment.status}
                      />
                    ) : (
                      '–'
                    )}
                  </td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    );
  }

  return (
    <SectionCard
      title={t('overviewCard.title')}
      footer={
        <CardFooter>
          <Flex gap="4" justify="end">
            <Link to={`${base}${trafficPath}`}>
              {t('overviewCard.viewTraffic')}
            </Link>
            <Link to={`${base}${deploymentsPath}`}>
              {t('overviewCard.viewDeployments')}
            </Link>
          </Flex>
        </CardFooter>
      }
    >
      {body}
    </SectionCard>
  );
};
