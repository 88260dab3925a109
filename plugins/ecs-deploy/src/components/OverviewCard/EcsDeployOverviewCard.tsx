import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { ecsDeployApiRef } from '../../api';
import { useEntityRef } from '../../hooks/useEntityRef';
import { environmentErrorText } from '../../utils/errors';
import { shortCommit } from '../../utils/format';
import { DeploymentStatusLabel } from '../shared/DeploymentStatusLabel';
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

/**
 * The Overview tab's card: per environment what runs and how the last
 * deployment went, with links to the tabs.
 */
export const EcsDeployOverviewCard = ({
  deploymentsPath = DEFAULT_DEPLOYMENTS_PATH,
  trafficPath = DEFAULT_TRAFFIC_PATH,
}: EcsDeployOverviewCardProps) => {
  const api = useApi(ecsDeployApiRef);
  const entityRef = useEntityRef();
  const entityRoute = useRouteRef(entityRouteRef);
  const overview = useAsyncRetry(
    () => api.getEnvironments(entityRef),
    [api, entityRef],
  );
  const base = entityRoute({
    kind: entityRef.kind.toLocaleLowerCase('en-US'),
    namespace: entityRef.namespace,
    name: entityRef.name,
  });

  let body;
  if (overview.loading) {
    body = <Progress aria-label="Loading environments" />;
  } else if (overview.error) {
    body = <RequestError error={overview.error} retry={overview.retry} />;
  } else {
    body = (
      <Table size="small" aria-label="ECS environments">
        <TableHead>
          <TableRow>
            <TableCell>Environment</TableCell>
            <TableCell>Version</TableCell>
            <TableCell>Tasks</TableCell>
            <TableCell>Last deployment</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {(overview.value?.environments ?? []).map(env => (
            <TableRow key={env.name}>
              <TableCell component="th" scope="row">
                <Box display="flex" alignItems="center" style={{ gap: 8 }}>
                  {env.name}
                  <EnvironmentBadge env={env} />
                </Box>
              </TableCell>
              {env.error ? (
                <TableCell colSpan={3}>
                  {environmentErrorText(env.error)}
                </TableCell>
              ) : (
                <>
                  <TableCell>
                    {shortCommit(runningCommit(env)) ??
                      env.images[0]?.tag ??
                      '–'}
                    {env.taskDefinition &&
                      ` (rev ${env.taskDefinition.revision})`}
                  </TableCell>
                  <TableCell>
                    {env.service.runningCount}/{env.service.desiredCount}
                  </TableCell>
                  <TableCell>
                    {env.lastDeployment ? (
                      <DeploymentStatusLabel
                        status={env.lastDeployment.status}
                      />
                    ) : (
                      '–'
                    )}
                  </TableCell>
                </>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    );
  }

  return (
    <InfoCard
      title="ECS deployments"
      deepLink={{
        title: 'View deployments',
        link: `${base}${deploymentsPath}`,
      }}
    >
      {body}
      <Box mt={1}>
        <Link to={`${base}${trafficPath}`}>View traffic</Link>
      </Box>
    </InfoCard>
  );
};
