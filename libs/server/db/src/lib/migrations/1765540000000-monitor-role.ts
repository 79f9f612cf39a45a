import { MigrationInterface, QueryRunner } from 'typeorm';

/** The role `monitor` (issue 11: a third-party monitoring firm's user) is a stored role name. */
export class MonitorRole1765540000000 implements MigrationInterface {
  name = 'MonitorRole1765540000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE user_role DROP CONSTRAINT ck_user_role_role`);
    await q.query(`ALTER TABLE user_role ADD CONSTRAINT ck_user_role_role CHECK (role IN ('applicant','partner','officer','reviewer','finance','auditor','admin','monitor'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE user_role DROP CONSTRAINT ck_user_role_role`);
    await q.query(`ALTER TABLE user_role ADD CONSTRAINT ck_user_role_role CHECK (role IN ('applicant','partner','officer','reviewer','finance','auditor','admin'))`);
  }
}
