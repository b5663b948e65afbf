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

/**
 * Runs axe-core on the page as it is and fails on serious or critical violations (WCAG 2.x A and AA rules).
 * Each page's result is printed, so the suite's log says what was checked.
 */
export async function checkAccessibility(page, name) {
  const { AxeBuilder } = await import('@axe-core/playwright')
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  console.log(`  axe ${name}: ${result.passes.length} rules pass, ${result.violations.length - bad.length} minor, ${bad.length} serious or critical`)
  if (bad.length) {
    const detail = bad.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n      ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' ') + ' — ' + (n.failureSummary ?? '').split('\n').slice(0, 2).join(' '))
          .join('\n      ')}`,
    )
    throw new Error(`accessibility of ${name}:\n    ${detail.join('\n    ')}`)
  }
}

/**
 * Steps that keep a screenshot of each step, written to e2e/out/<script>-NN-<step>.png only when the script
 * fails, so a failure shows how the path looked up to it.
 */
export function recordedSteps(script, getPage) {
  const s = steps()
  const shots = []
  const log = s.log
  s.log = async (name) => {
    const page = getPage()
    if (page && shots.length < 40) {
      try {
        shots.push({ name: s.current, png: await page.screenshot({ timeout: 5000 }) })
      } catch {
        /* nothing to show yet */
      }
    }
    log(name)
  }
  s.keep = () => {
    mkdirSync(outDir, { recursive: true })
    shots.forEach((shot, i) => {
      const slug = shot.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 50)
      writeFileSync(join(outDir, `${script}-${String(i + 1).padStart(2, '0')}-${slug}.png`), shot.png)
    })
  }
  return s
}

/** Whether the page scrolls sideways (a phone layout must not). */
export async function overflowsSideways(page) {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1)
}
