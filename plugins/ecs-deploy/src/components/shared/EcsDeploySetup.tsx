import { MissingAnnotationEmptyState } from '@backstage/plugin-catalog-react';
import { Box, Text } from '@backstage/ui';
import { ECS_DEPLOY_ANNOTATIONS } from '@ecs-deploy/plugin-ecs-deploy-common';

const README_URL =
  'https://github.com/ecs-deploy/ecs-deploy-backstage/tree/main/plugins/ecs-deploy#annotations';

/**
 * Setup instructions for an entity the plugin cannot map to ECS services:
 * the annotation to add, and the alternatives (any one of them is enough).
 */
export const EcsDeploySetup = ({ message }: { message?: string }) => (
  <>
    <MissingAnnotationEmptyState
      annotation={`${ECS_DEPLOY_ANNOTATIONS.serviceArnPrefix}<environment>`}
      readMoreUrl={README_URL}
    />
    <Box mt="4">
      {message && (
        <Text as="p" variant="body-medium" style={{ marginBottom: 12 }}>
          {message}
        </Text>
      )}
      <Text as="p" variant="body-medium">
        Instead of one service ARN per environment you can also use{' '}
        <code>{ECS_DEPLOY_ANNOTATIONS.discovery}: tags</code> (resources found
        by their <code>backstage.io/entity</code> tag) or the awslabs annotation{' '}
        <code>{ECS_DEPLOY_ANNOTATIONS.awslabsServiceArn}</code>. List the
        environments in promotion order with{' '}
        <code>{ECS_DEPLOY_ANNOTATIONS.environments}: dev,staging,prod</code>.
      </Text>
    </Box>
  </>
);
