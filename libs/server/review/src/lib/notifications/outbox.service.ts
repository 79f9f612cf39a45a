import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { OutboundEmailStatus, OutboundEmailSummary, OutboundEmailView } from '@mizan/contracts';
import { MizanException } from '@mizan/server/core';
import { OutboundEmail } from './outbound-email.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LIST_LIMIT = 200;

function toSummary(row: OutboundEmail): OutboundEmailSummary {
  return {
    id: row.id,
    toAddress: row.toAddress,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    messageId: row.messageId,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt ? row.sentAt.toISOString() : null,
  };
}

/** The agency's sent and pending mail, for officers and admins to check that news reached people. */
@Injectable()
export class OutboxService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(agencyId: string, filter: { status?: OutboundEmailStatus } = {}): Promise<OutboundEmailSummary[]> {
    const qb = this.dataSource.getRepository(OutboundEmail).createQueryBuilder('e').where('e.agency_id = :agencyId', { agencyId });
    if (filter.status !== undefined) qb.andWhere('e.status = :status', { status: filter.status });
    const rows = await qb.orderBy('e.created_at', 'DESC').addOrderBy('e.id', 'ASC').take(LIST_LIMIT).getMany();
    return rows.map(toSummary);
  }

  async get(agencyId: string, id: string): Promise<OutboundEmailView> {
    if (!UUID.test(id)) throw MizanException.notFound('Email');
    const row = await this.dataSource.getRepository(OutboundEmail).findOneBy({ id, agencyId });
    if (!row) throw MizanException.notFound('Email');
    return { ...toSummary(row), textBody: row.textBody };
  }
}
