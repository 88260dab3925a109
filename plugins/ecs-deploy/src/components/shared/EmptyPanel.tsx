import { Card, CardBody, Text } from '@backstage/ui';

/**
 * Nothing to show, said in a card: a heading and why, in the place the
 * content would take.
 */
export const EmptyPanel = ({
  title,
  description,
}: {
  title: string;
  description: string;
}) => (
  <Card>
    <CardBody>
      <Text as="h2" variant="title-small">
        {title}
      </Text>
      <Text as="p" variant="body-medium" color="secondary">
        {description}
      </Text>
    </CardBody>
  </Card>
);
