import { MigrationInterface, QueryRunner } from 'typeorm';
import { ident, runtimeRole } from './runtime-role';

/**
 * Redrawing an audit sample (issue 12, docs/audit.md). The population is frozen at the
 * first draw (audit_population_item stays append-only); while the engagement is still
 * planned the auditor may replace the sample drawn from it. The rows of a replaced draw
 * are deleted, which the runtime role may do only here and only under this guard: the
 * engagement is planned and the item untested (so no test, working paper or finding can
 * hang off it). The replaced draw is not lost: its seed, parameters and selected
 * population seqs are on the trail (`audit.sample_drawn`), and the same seed on the
 * same frozen population reproduces it exactly.
 */
export class AuditSampleRedraw1765630000000 implements MigrationInterface {
  name = 'AuditSampleRedraw1765630000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION audit_sample_item_delete_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.result <> 'untested' OR NOT EXISTS (SELECT 1 FROM audit_engagement e WHERE e.id = OLD.engagement_id AND e.state = 'planned') THEN
          RAISE EXCEPTION 'audit sample item % is frozen', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        RETURN OLD;
      END $$`);
    await q.query(`CREATE TRIGGER tr_audit_sample_item_delete_guard BEFORE DELETE ON audit_sample_item FOR EACH ROW EXECUTE FUNCTION audit_sample_item_delete_guard()`);
    await q.query(`GRANT DELETE ON audit_sample_item TO ${ident(await runtimeRole(q))}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE DELETE ON audit_sample_item FROM ${ident(await runtimeRole(q))}`);
    await q.query(`DROP TRIGGER tr_audit_sample_item_delete_guard ON audit_sample_item`);
    await q.query(`DROP FUNCTION audit_sample_item_delete_guard()`);
  }
}
