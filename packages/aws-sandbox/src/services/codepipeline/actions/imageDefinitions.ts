import { ActionFailure } from './ActionFailure';

/** One entry of `imagedefinitions.json`: a container by name and the image it gets. */
export interface ImageDefinition {
  name: string;
  imageUri: string;
}

/**
 * Reads `imagedefinitions.json` (a JSON list of `{ name, imageUri }`, AWS
 * CodePipeline User Guide, "Image definitions file reference"). Anything
 * else fails the action with AWS's text for it.
 */
export function parseImageDefinitions(
  fileName: string,
  text: string,
): ImageDefinition[] {
  let entries: unknown;
  try {
    entries = JSON.parse(text);
  } catch {
    entries = undefined;
  }
  const valid =
    Array.isArray(entries) &&
    entries.every(
      e =>
        typeof e?.name === 'string' &&
        e.name !== '' &&
        typeof e.imageUri === 'string' &&
        e.imageUri !== '',
    );
  if (!valid) {
    throw new ActionFailure(
      `The image definition file ${fileName} contains invalid JSON format`,
      'ConfigurationError',
    );
  }
  return entries as ImageDefinition[];
}
