import { ReactNode } from 'react';
import { Card, CardBody, CardHeader, Flex, Text } from '@backstage/ui';
import styles from './SectionCard.module.css';

/**
 * A titled card, the plugin's one frame for a section: a heading (h2 or h3),
 * an optional line below it and optional controls at the right.
 */
export const SectionCard = ({
  title,
  subheader,
  action,
  headingLevel = 'h2',
  children,
  footer,
}: {
  title: ReactNode;
  subheader?: ReactNode;
  action?: ReactNode;
  headingLevel?: 'h2' | 'h3';
  children: ReactNode;
  footer?: ReactNode;
}) => (
  <Card className={styles.card}>
    <CardHeader>
      <Flex justify="between" align="start" gap="4" className={styles.header}>
        <div>
          <Text as={headingLevel} variant="title-small" weight="bold">
            {title}
          </Text>
          {subheader && (
            <Text as="p" variant="body-small" color="secondary">
              {subheader}
            </Text>
          )}
        </div>
        {action}
      </Flex>
    </CardHeader>
    <CardBody>{children}</CardBody>
    {footer}
  </Card>
);
