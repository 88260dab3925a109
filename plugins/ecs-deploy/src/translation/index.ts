export { ecsDeployTranslationRef } from './translation';
