/*
 * Mutations are exclusive: one action at a time per (entity, environment),
 * across backend replicas. The lease row's primary key is what makes a second
 * action wait: the first insert wins, and a lease is taken over only once it
 * has expired. `attempted_at` on the ledger says when an action was last
 * tried, so that a row left pending by a crash is recognised once it is
 * older than the lease.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('ecs_deploy_action_leases', table => {
    table.comment(
      'The one mutating ECS Deploy action in progress per entity and environment',
    );
    table.string('entity_ref').notNullable();
    table.string('environment').notNullable();
    table
      .string('ledger_entry_id')
      .notNullable()
      .comment('the ecs_deploy_actions row of the action holding the lease');
    table.string('action').notNullable();
    table
      .string('actor')
      .notNullable()
      .comment('user entity ref of who started the action');
    table.timestamp('acquired_at', { useTz: true }).notNullable();
    table.timestamp('expires_at', { useTz: true }).notNullable();
    table.primary(['entity_ref', 'environment']);
  });
  await knex.schema.alterTable('ecs_deploy_actions', table => {
    table
      .timestamp('attempted_at', { useTz: true })
      .nullable()
      .comment('when the action was last tried (first attempt: created_at)');
    table.index(['status', 'attempted_at'], 'ecs_deploy_actions_status_idx');
  });
  await knex('ecs_deploy_actions').update({
    attempted_at: knex.ref('created_at'),
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('ecs_deploy_actions', table => {
    table.dropIndex(
      ['status', 'attempted_at'],
      'ecs_deploy_actions_status_idx',
    );
    table.dropColumn('attempted_at');
  });
  await knex.schema.dropTable('ecs_deploy_action_leases');
};
