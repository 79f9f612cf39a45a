import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Server text in the reader's language (issue 10): each user's language (null
 * until chosen), notifications kept as a message key with its parameters (the
 * stored English title and body stay, for rows written before and for readers
 * of the database), and each email's language and HTML part.
 */
export class UserLanguage1765400000000 implements MigrationInterface {
  name = 'UserLanguage1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user ADD COLUMN language text, ADD CONSTRAINT ck_app_user_language CHECK (language IS NULL OR language IN ('en', 'ar', 'sv'))`);
    await q.query(`ALTER TABLE notification ADD COLUMN message_key text, ADD COLUMN message_params jsonb`);
    await q.query(`ALTER TABLE notification ADD CONSTRAINT ck_notification_message CHECK ((message_key IS NULL) = (message_params IS NULL))`);
    await q.query(
      `ALTER TABLE outbound_email ADD COLUMN language text, ADD COLUMN html_body text, ADD CONSTRAINT ck_outbound_email_language CHECK (language IS NULL OR language IN ('en', 'ar', 'sv'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbound_email DROP CONSTRAINT ck_outbound_email_language, DROP COLUMN html_body, DROP COLUMN language`);
    await q.query(`ALTER TABLE notification DROP CONSTRAINT ck_notification_message, DROP COLUMN message_params, DROP COLUMN message_key`);
    await q.query(`ALTER TABLE app_user DROP CONSTRAINT ck_app_user_language, DROP COLUMN language`);
  }
}
