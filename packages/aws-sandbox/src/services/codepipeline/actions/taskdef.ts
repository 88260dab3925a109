import type { ActionEnv } from './types';

/**
 * The task definition a deploy action registers: the infrastructure
 * repository's `taskdef.json` when the sandbox holds one (placeholders like
 * `<IMAGE1_NAME>` filled), else the service's current task definition with
 * the container's image replaced, else a minimal Fargate definition.
 */
export function taskDefinitionDocument(
  env: ActionEnv,
  options: {
    files?: Record<string, string>;
    path: string;
    serviceRef?: {
      accountId: string;
      region: string;
      cluster: string;
      service: string;
    };
    images: {
      placeholder?: string;
      containerName?: string;
      imageUri: string;
    }[];
  },
): Record<string, unknown> {
  const template = options.files?.[options.path];
  if (template) {
    let text = template;
    for (const image of options.images) {
      if (image.placeholder) {
        text = text.split(`<${image.placeholder}>`).join(image.imageUri);
      }
    }
    const doc = JSON.parse(text) as Record<string, unknown>;
    return replaceImages(doc, options.images, false);
  }
  if (options.serviceRef) {
    try {
      const service = env.world.ecs.getService(options.serviceRef);
      const current = env.world.ecs.describeTaskDefinition?.(
        service.taskDefinition,
      );
      if (current)
        return replaceImages(structuredClone(current), options.images, true);
    } catch {
      // no such service: the minimal definition below
    }
  }
  const family = options.serviceRef?.service ?? env.pipeline.name;
  return {
    family,
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: '256',
    memory: '512',
    containerDefinitions: [
      {
        name: options.images[0]?.containerName ?? family,
        image:
          options.images[0]?.imageUri ?? 'public.ecr.aws/nginx/nginx:latest',
        essential: true,
        portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
      },
    ],
  };
}

/** Sets images by container name; with `firstIfUnnamed`, an unnamed image goes to the first container. */
function replaceImages(
  doc: Record<string, unknown>,
  images: { containerName?: string; imageUri: string }[],
  firstIfUnnamed: boolean,
): Record<string, unknown> {
  const containers = (doc.containerDefinitions ?? []) as Record<
    string,
    unknown
  >[];
  for (const image of images) {
    const target =
      containers.find(
        c => image.containerName && c.name === image.containerName,
      ) ?? (firstIfUnnamed && !image.containerName ? containers[0] : undefined);
    if (target) target.image = image.imageUri;
  }
  // Fields DescribeTaskDefinition returns but RegisterTaskDefinition refuses.
  for (const field of [
    'taskDefinitionArn',
    'revision',
    'status',
    'requiresAttributes',
    'compatibilities',
    'registeredAt',
    'registeredBy',
    'deregisteredAt',
  ]) {
    delete doc[field];
  }
  return doc;
}
