import { defineConfig } from 'vitest/config'
import { fileURLToPath, URL } from 'node:url'

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // a zone with daylight saving time, so calendar math meets a 23- and a 25-hour day
    env: { TZ: 'Europe/Berlin' },
  },
})
