/*
 * The action ledger: one row per mutating request (continue, approve, promote,
 * roll back, ...), who asked, on which entity and AWS resource, and how it ended.
 * CloudTrail only sees the backend's role; this is where "approved by jane" lives.
 * The unique (entity_ref, idempotency_key) pair is what makes a retried request
 * act once across backend replicas.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('ecs_deploy_actions', table => {
    table.comment(
      'Mutating ECS Deploy requests: the audit ledger and idempotency claims',
    );
    table.string('id').primary().notNullable();
    table.string('entity_ref').notNullable();
    table.string('environment').notNullable();
    table.string('action').notNullable();
    table
      .string('actor')
      .notNullable()
      .comment('user entity ref of the caller');
    table.string('idempotency_key').nullable();
    table
      .string('fingerprint')
      .notNullable()
      .comment('hash of action, environment and body');
    table
      .text('aws_resource')
      .nullable()
      .comment('ARN or id the action changed');
    table.text('request').notNullable().comment('JSON body as received');
    table
      .string('status')
      .notNullable()
      .comment('pending | succeeded | failed');
    table.text('result').nullable().comment('JSON response on success');
    table
      .text('error')
      .nullable()
      .comment('JSON error (name, message, status) on failure');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.unique(['entity_ref', 'idempotency_key'], {
      indexName: 'ecs_deploy_actions_idempotency_idx',
    });
    table.index(['entity_ref', 'created_at'], 'ecs_deploy_actions_entity_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ecs_deploy_actions');
};
