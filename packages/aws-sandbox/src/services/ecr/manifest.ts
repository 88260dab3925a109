import { createHash } from 'node:crypto';

/*
 * What ECR reads from an image manifest: an image is its manifest, so its
 * digest is the SHA-256 of the manifest bytes, as in a real registry.
 */

const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';

export function manifestDigest(manifest: string): string {
  return `sha256:${createHash('sha256')
    .update(manifest, 'utf8')
    .digest('hex')}`;
}

/** The manifest's own `mediaType`, else Docker's v2 manifest type. */
export function manifestMediaType(manifest: string): string {
  try {
    return JSON.parse(manifest).mediaType ?? DOCKER_MANIFEST;
  } catch {
    return DOCKER_MANIFEST;
  }
}

/** The compressed size ECR reports: the layers' sizes, or the manifest's length. */
export function manifestSize(manifest: string): number {
  try {
    const parsed = JSON.parse(manifest);
    const layers: { size?: number }[] = parsed.layers ?? [];
    const total = layers.reduce((sum, l) => sum + (Number(l.size) || 0), 0);
    return total || manifest.length;
  } catch {
    return manifest.length;
  }
}
