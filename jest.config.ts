import type { Config } from 'jest';
import { getJestProjectsAsync } from '@nx/jest';

export default async (): Promise<Config> => ({
  // The Nx projects, and the unit specs of the command-line tools', the generator's, the benchmarks' and the build steps' pure modules (tools is not an Nx project).
  projects: [...(await getJestProjectsAsync()), '<rootDir>/tools/cli/jest.config.cjs', '<rootDir>/tools/generate/jest.config.cjs', '<rootDir>/tools/bench/jest.config.cjs', '<rootDir>/tools/build/jest.config.cjs'],
});
