import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    typecheck: {
      enabled: true,
      include: ['test/types/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
    setupFiles: ['test/setup.ts'],
    // Hang guards, not speed tests (speed is measured in bench/): the CI machines are shared
    // and a property test of 150 generated books can take 90 s on a busy one.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
