/**
 * Scaffolder actions that create an ECS service with CodeDeploy blue/green
 * deployments, its CodePipeline and its infrastructure repository.
 *
 * The module is the whole public API: the actions need the clients,
 * settings and ownership checks the module wires from config, so exporting
 * their factories would only let an adopter register them without those.
 *
 * @packageDocumentation
 */

export { scaffolderModuleEcsActions as default } from './module';
