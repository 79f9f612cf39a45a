import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { GovernorateView } from '@mizan/contracts';
import { Governorate } from '../entities/organization.entity';

/** Reference data: the governorates partners and activities are located in. */
@Injectable()
export class GovernoratesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(): Promise<GovernorateView[]> {
    const rows = await this.dataSource.manager.find(Governorate, { order: { nameEn: 'ASC' } });
    return rows.map((g) => ({ code: g.code, nameEn: g.nameEn, nameAr: g.nameAr, securityLevel: g.securityLevel }));
  }
}
