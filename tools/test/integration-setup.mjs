// Jest's global setup for the integration specs (jest.integration.config.cjs): names the run's template
// database, which the first spec to start migrates and every spec copies (libs/server/testing
// createTestEnvironment). The workers inherit the name; integration-teardown.mjs drops the database.
import { randomBytes } from 'node:crypto';

export default function setup() {
  process.env.MIZAN_TEST_TEMPLATE = `mizan_template_${process.pid}_${randomBytes(4).toString('hex')}`;
}
