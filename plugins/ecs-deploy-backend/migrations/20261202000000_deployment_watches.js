/*
 * The watcher follows every entity with a deployment moving or waiting, on
 * whichever replica the scheduler runs it. What it follows and what it last
 * saw live here, so a restart or another replica picks up where it left off
 * and signals only what changed since. Notifications are claimed by their
 * event key before they are sent: the first insert wins, so each event
 * reaches the owners once across replicas and restarts.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('ecs_deploy_watches', table => {
    table.comment('Entities whose deployments the ECS Deploy watcher follows');
    table.string('entity_ref').primary();
    table
      .text('snapshot')
      .nullable()
      .comment('JSON: per environment, what the watcher saw last');
    table.timestamp('watched_since', { useTz: true }).notNullable();
    table
      .timestamp('next_check_at', { useTz: true })
      .notNullable()
      .comment('when the watcher reads this entity again');
    table.index(['next_check_at'], 'ecs_deploy_watches_due_idx');
  });
  await knex.schema.createTable('ecs_deploy_notified', table => {
    table.comment('Deployment events the owners were notified of, once each');
    table.string('event_key', 512).primary();
    table.string('entity_ref').notNullable();
    table.string('kind').notNullable();
    table.timestamp('notified_at', { useTz: true }).notNullable();
    table.index(['notified_at'], 'ecs_deploy_notified_at_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ecs_deploy_notified');
  await knex.schema.dropTable('ecs_deploy_watches');
};
