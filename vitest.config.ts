import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    // Commands started by the tests pick their language from the locale: fix it, whatever the machine's.
    env: { LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '', LMC_LANG: '' },
    hookTimeout: 120_000,
  },
});
