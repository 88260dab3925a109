/**
 * An action's failure as CodePipeline reports it in the action's
 * `errorDetails`: `ConfigurationError` for what the console shows as
 * "Invalid action configuration" (a missing artifact or file), else
 * `JobFailed`.
 */
export class ActionFailure extends Error {
  constructor(
    message: string,
    readonly code: 'JobFailed' | 'ConfigurationError' = 'JobFailed',
  ) {
    super(message);
    this.name = 'ActionFailure';
  }
}
