/**
 * Annotations, permissions and HTTP API types shared by the ECS Deploy plugins.
 *
 * @packageDocumentation
 */

export * from './annotations';
export * from './parseAnnotations';
export * from './parseAnnotationsTags';
export * from './permissions';
export * from './aws';
export * from './status';
export * from './resourceNotFound';
export * from './api';
export * from './actionsApi';
export * from './signals';
export * from './metrics';
export * from './pageReads';
export * from './entityOwners';
