import { ActionFailure } from './ActionFailure';

/** An image of CodeDeployToECS: `<placeholder>` in the task definition becomes `imageUri`. */
export interface TemplateImage {
  /** `Image<N>ContainerName`, e.g. `IMAGE1_NAME` */
  placeholder: string;
  imageUri: string;
}

/**
 * The task definition CodeDeployToECS registers: the template file with each
 * image's placeholder replaced, read as JSON. A placeholder the file does not
 * hold, or a file that is no JSON object, fails the action.
 */
export function renderTaskDefinitionTemplate(
  template: { path: string; text: string },
  images: TemplateImage[],
): Record<string, unknown> {
  let text = template.text;
  for (const image of images) {
    const placeholder = `<${image.placeholder}>`;
    if (!text.includes(placeholder)) {
      throw new ActionFailure(
        `The task definition file ${template.path} does not contain the placeholder ${placeholder}.`,
        'ConfigurationError',
      );
    }
    text = text.split(placeholder).join(image.imageUri);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    doc = undefined;
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new ActionFailure(
      `The task definition file ${template.path} contains invalid JSON format.`,
      'ConfigurationError',
    );
  }
  return doc as Record<string, unknown>;
}
