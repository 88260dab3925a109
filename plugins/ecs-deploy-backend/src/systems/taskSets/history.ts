import { ServiceState } from '../../aws/state';
import { ResolvedEnvironment } from '../../environments/ResolvedEnvironment';
import { HistorySource } from '../../history/HistorySource';
import { taskSetSummary } from './summary';

/** The task sets of an EXTERNAL service (one page, from the service state). */
export function taskSetSource(
  env: ResolvedEnvironment,
  service: ServiceState,
): HistorySource {
  const summaries = service.taskSets
    .map(ts => taskSetSummary(env.name, ts))
    .sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? ''));
  const byId = new Map(summaries.map(s => [s.id, s]));
  return {
    key: `${env.name}:tasksets`,
    list: async () => ({ ids: summaries.map(s => s.id) }),
    describe: async (_token, ids) => ids.flatMap(id => byId.get(id) ?? []),
  };
}
