import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnrecoverableError } from 'bullmq';
import { Transporter, createTransport } from 'nodemailer';
import { DataSource } from 'typeorm';
import { MIZAN_CONFIG, MizanConfig } from '@mizan/server/core';
import { JobName, JobOf, JobStatus } from '@mizan/server/jobs';
import { OutboundEmail } from '@mizan/server/review';

const ERROR_MAX = 1000;

/** SMTP answers 5xx for what will never work (no such mailbox, refused): retrying only delays the "failed". */
function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/**
 * Delivers one email of the outbox over SMTP (SMTP_URL). Idempotent: an email
 * already sent is skipped, and the job id is the email id, so queueing it
 * again does nothing. Every try is counted on the row with its error, so the
 * outbox shows what happened. (A crash between the server's "250 OK" and the
 * row's update can still send twice: SMTP offers no more than at-least-once;
 * the Message-ID is the email id, so mail clients can tell the copies apart.)
 */
@Injectable()
export class SendEmailProcessor implements OnApplicationShutdown {
  private readonly logger = new Logger(SendEmailProcessor.name);
  private readonly transport: Transporter;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(MIZAN_CONFIG) private readonly config: MizanConfig,
  ) {
    this.transport = createTransport(config.smtpUrl);
    // A pooled transport (`?pool=true` in SMTP_URL) reports a broken idle connection as 'error' on itself; each send has its own result.
    this.transport.on('error', (error: Error) => this.logger.error(`SMTP transport: ${error.message}`));
  }

  async process(data: JobOf<JobName.SendEmail>): Promise<JobStatus> {
    const emails = this.dataSource.getRepository(OutboundEmail);
    const email = await emails.findOneBy({ id: data.emailId });
    if (!email) {
      this.logger.warn(`email ${data.emailId} is not in the outbox; nothing to send`);
      return 'skipped';
    }
    if (email.status === 'sent') return 'skipped';
    await this.dataSource.query(`UPDATE outbound_email SET attempts = attempts + 1, last_attempt_at = now() WHERE id = $1`, [email.id]);
    try {
      const info = (await this.transport.sendMail({
        from: this.config.mailFrom,
        to: email.toAddress,
        subject: email.subject,
        text: email.textBody,
        // Rows written before issue 10 have no HTML part.
        ...(email.htmlBody ? { html: email.htmlBody } : {}),
        ...(email.language ? { headers: { 'Content-Language': email.language } } : {}),
        messageId: `<${email.id}@mizan.local>`,
      })) as { messageId?: string };
      await this.dataSource.query(`UPDATE outbound_email SET status = 'sent', message_id = $2, sent_at = now(), last_error = NULL WHERE id = $1`, [
        email.id,
        info.messageId ?? `<${email.id}@mizan.local>`,
      ]);
      this.logger.log(`email ${email.id} sent to ${email.toAddress}`);
      return 'done';
    } catch (error) {
      const message = (error as Error).message.slice(0, ERROR_MAX);
      if (isPermanent(error)) {
        await this.markFailed(email.id, message);
        throw new UnrecoverableError(`email ${email.id} refused for good: ${message}`);
      }
      await this.dataSource.query(`UPDATE outbound_email SET last_error = $2 WHERE id = $1`, [email.id, message]);
      throw error;
    }
  }

  /** After the last attempt: the outbox shows it as failed, with the last error. */
  async markFailed(emailId: string, reason: string): Promise<void> {
    await this.dataSource.query(`UPDATE outbound_email SET status = 'failed', last_error = $2 WHERE id = $1 AND status <> 'sent'`, [emailId, reason.slice(0, ERROR_MAX)]);
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
