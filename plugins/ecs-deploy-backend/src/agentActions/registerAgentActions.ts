import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  PromotionActionDeps,
  registerPromotionActions,
} from './promotionActions';
import { ReadActionDeps, registerReadActions } from './readActions';

/**
 * Registers the suite's reads and promotion actions with the actions
 * registry (`ecs-deploy:get-environments`, `ecs-deploy:promote`, ...), which
 * the MCP actions backend offers to MCP clients. They are the third door to
 * the same AWS accounts, with the same rules as the HTTP routes: the entity
 * loaded and authorized as the caller, the owner tag, the ledger, the lease,
 * the audit event.
 */
export function registerAgentActions(
  registry: ActionsRegistryService,
  deps: ReadActionDeps & PromotionActionDeps,
): void {
  registerReadActions(registry, deps);
  registerPromotionActions(registry, deps);
}
