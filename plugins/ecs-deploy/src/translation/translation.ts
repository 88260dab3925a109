import { createTranslationRef } from '@backstage/frontend-plugin-api';

/**
 * The plugin's texts in English: the tab and card titles, headings, empty
 * states and the buttons of the tabs. An app translates them with a
 * translation resource for this ref.
 *
 * @alpha
 */
export const ecsDeployTranslationRef = createTranslationRef({
  id: 'ecs-deploy',
  messages: {
    entityContent: {
      deployments: { title: 'Deployments' },
      traffic: { title: 'Traffic' },
    },
    overviewCard: {
      title: 'ECS deployments',
      viewDeployments: 'View deployments',
      viewTraffic: 'View traffic',
      tableLabel: 'ECS environments',
      loading: 'Loading environments',
      columns: {
        environment: 'Environment',
        version: 'Version',
        tasks: 'Tasks',
        lastDeployment: 'Last deployment',
      },
    },
    deployments: {
      loadingEnvironments: 'Loading environments',
      emptyTitle: 'No ECS services found',
      emptyDescription:
        "The entity's annotations or tags name no ECS service the backend could find.",
      openServiceInConsole: 'Open the service in the AWS console',
      history: {
        title: 'Deployment history',
        subtitle: 'Newest first',
        environmentFilter: 'Environment',
        statusFilter: 'Status',
        allEnvironments: 'All environments',
        allStatuses: 'All statuses',
        emptyFiltered: 'No deployments match these filters.',
        empty: 'No deployments yet.',
        loadOlder: 'Load older deployments',
        loadingOlder: 'Loading…',
        loaded: '{{number}} loaded',
      },
      metrics: {
        title: 'Delivery metrics',
        window: 'Window',
        lastDays: 'Last {{days}} days',
        empty: 'No deployments in this window.',
      },
      portalActions: { title: 'Actions from the portal' },
      detail: {
        back: '← All deployments',
        openInConsole: 'Open in the AWS console',
        portalSteps: 'Steps taken in the portal',
      },
    },
    traffic: {
      loading: 'Loading traffic',
      emptyTitle: 'No traffic to show',
      emptyDescription:
        "None of the entity's ECS services sits behind a load balancer the plugin can read.",
      refreshNow: 'Refresh now',
      moving: 'A deployment is moving traffic: refreshing every {{seconds}} s.',
      idle: 'No deployment in progress: checking every {{seconds}} s.',
      liveMoving: 'A deployment is moving traffic: updated as it moves.',
      liveIdle: 'No deployment in progress: a new one shows as it starts.',
      lastRefreshFailed: 'The last refresh failed',
      noShift: 'No deployment is shifting traffic.',
      taskSets: 'Task sets',
    },
    common: {
      retry: 'Retry',
      cancel: 'Cancel',
      close: 'Close',
      tryAgain: 'Try again',
      working: 'Working…',
      notFoundInAws: 'Not found in AWS',
    },
  },
});
