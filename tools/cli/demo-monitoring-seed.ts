import { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MonitoringService } from '@mizan/server/reporting';
import { actingAs } from './demo-intake-seed';
import { DEMO_AGENCY } from './demo-seed';

export const DEMO_MONITOR_EMAIL = 'monitor@demo.mizan.local';

/**
 * Monitoring in the demo (issue 11), through the service so it is on the
 * trail: Nineveh restricted since a month ago, and the third-party monitor
 * assigned to the demo's first active grant. Nothing when already done or
 * when there is no active grant yet.
 */
export async function seedMonitoringDemo(app: INestApplicationContext): Promise<{ created: boolean; grantNumber: string | null }> {
  const ds = app.get<DataSource>(getDataSourceToken());
  const [grant] = (await ds.query(
    `SELECT g.id, g.grant_number FROM grant_award g JOIN agency a ON a.id = g.agency_id WHERE a.slug = $1 AND g.state = 'active' ORDER BY g.created_at, g.grant_number LIMIT 1`,
    [DEMO_AGENCY.slug],
  )) as { id: string; grant_number: string }[];
  if (!grant) return { created: false, grantNumber: null };
  const [monitor] = (await ds.query(`SELECT id FROM app_user WHERE email = $1`, [DEMO_MONITOR_EMAIL])) as { id: string }[];
  if (!monitor) return { created: false, grantNumber: null };
  const [assigned] = (await ds.query(`SELECT 1 FROM grant_monitor WHERE grant_id = $1 AND user_id = $2`, [grant.id, monitor.id])) as unknown[];
  if (assigned) return { created: false, grantNumber: grant.grant_number };
  const karin = await actingAs(ds, 'officer@demo.mizan.local');
  const monitoring = app.get(MonitoringService);
  const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
  await monitoring.setSecurityLevel(karin, 'IQ-NI', {
    governorateCode: 'IQ-NI',
    level: 'restricted',
    effectiveOn: monthAgo,
    reason: 'Road checkpoints around Mosul: staff travel needs a security clearance (UN security update).',
  });
  await monitoring.assignMonitor(karin, grant.id, monitor.id);
  return { created: true, grantNumber: grant.grant_number };
}
