// Shared helpers of the browser tests: environment, Chromium launch, login, step logging and failure reports.
import { chromium } from 'playwright-core'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const outDir = join(dirname(fileURLToPath(import.meta.url)), 'out')

export function fail(message) {
  console.error(`E2E FAILED: ${message}`)
  process.exit(1)
}

export function env(name, fallback) {
  const v = process.env[name] ?? fallback
  if (v === undefined || v === '') fail(`environment variable ${name} is not set`)
  return v
}

/** BASE_URL (no trailing slash), TROUPE_EMAIL, TROUPE_PASSWORD, CHROME_PATH and E2E_TIMEOUT_MS. */
export function commonEnv() {
  const chrome = process.env.CHROME_PATH || '/usr/bin/chromium'
  if (!existsSync(chrome)) fail(`Chromium not found at ${chrome} (set CHROME_PATH)`)
  return {
    baseUrl: env('BASE_URL').replace(/\/+$/, ''),
    email: env('TROUPE_EMAIL'),
    password: env('TROUPE_PASSWORD'),
    chrome,
    stepTimeout: Number(process.env.E2E_TIMEOUT_MS || 30000),
  }
}

/** Logs each step and remembers the current one for the failure report. */
export function steps() {
  const s = { current: 'launch Chromium' }
  s.log = (name) => {
    s.current = name
    console.log(`• ${name}`)
  }
  return s
}

/** Launches Chromium with one page that records console errors and failed API calls. */
export async function launch({ chrome, stepTimeout }) {
  mkdirSync(outDir, { recursive: true })
  const browser = await chromium.launch({
    executablePath: chrome,
    headless: !process.env.E2E_HEADFUL,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1440, height: 960 } })
  const page = await context.newPage()
  page.setDefaultTimeout(stepTimeout)
  page.setDefaultNavigationTimeout(stepTimeout)
  const consoleErrors = []
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()))
  page.on('pageerror', (e) => consoleErrors.push(String(e)))
  const problems = []
  page.on('response', async (r) => {
    if (r.url().includes('/api/') && r.status() >= 400) {
      let body = ''
      try {
        body = (await r.text()).slice(0, 400)
      } catch {
        /* body gone */
      }
      problems.push(`${r.request().method()} ${r.url()} → ${r.status()} ${body}`)
    }
  })
  return { browser, context, page, consoleErrors, problems }
}

/** Opens BASE_URL, signs in through the login form and waits for the dashboard. */
export async function login(page, { baseUrl, email, password }) {
  await page.goto(baseUrl + '/', { waitUntil: 'domcontentloaded' })
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password', { exact: true }).fill(password)
  const [r] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/auth/login') && r.request().method() === 'POST'),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ])
  if (!r.ok()) throw new Error(`login answered ${r.status()}: ${(await r.text()).slice(0, 300)}`)
  await page.getByTestId('user-menu').waitFor()
}

/** Prints the failed step with what the page saw, saves failure.png/.html, closes the browser and exits 1. */
export async function reportFailure({ browser, page, consoleErrors, problems }, step, e) {
  try {
    await page.screenshot({ path: join(outDir, 'failure.png'), fullPage: true })
    writeFileSync(join(outDir, 'failure.html'), await page.content())
  } catch {
    /* the page may be gone */
  }
  console.error(`E2E FAILED at step “${step}”: ${e?.message ?? e}`)
  console.error(`  page URL: ${page.url()}`)
  if (problems.length) console.error('  API errors:\n    ' + problems.slice(-8).join('\n    '))
  if (consoleErrors.length) console.error('  browser console errors:\n    ' + consoleErrors.slice(-8).join('\n    '))
  console.error(`  screenshot: ${join(outDir, 'failure.png')}`)
  console.log('0 passed, 1 failed')
  await browser.close().catch(() => {})
  process.exit(1)
}
