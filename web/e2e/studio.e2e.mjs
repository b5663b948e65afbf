#!/usr/bin/env node
// Browser test of the Studio and System → Backends: login → Studio → pick a character → Image → Generate →
// live progress → success → output dialog with the recipe's seed → Vary seed → a second job; then Backends →
// Test → a green health status.
//
// Env: BASE_URL (e.g. http://localhost:8080), TROUPE_EMAIL, TROUPE_PASSWORD (an editor or owner),
//      STUDIO_CHARACTER (name to pick, default "Studio Star"; the first character when absent),
//      BACKEND_ID (the backend to test; default: the first one that turns green),
//      JOB_TIMEOUT_MS (how long a job may take, default 120000),
//      CHROME_PATH (default /usr/bin/chromium), E2E_TIMEOUT_MS (per step, default 30000), E2E_HEADFUL=1 to watch.
// Exit code 0 on success; 1 with a message naming the failed step otherwise.
import { join } from 'node:path'
import { commonEnv, launch, login, outDir, reportFailure, steps } from './lib.mjs'

const cfg = commonEnv()
const CHARACTER = process.env.STUDIO_CHARACTER || 'Studio Star'
const BACKEND_ID = process.env.BACKEND_ID || ''
const JOB_TIMEOUT = Number(process.env.JOB_TIMEOUT_MS || 120000)
const prompt = `e2e studio portrait ${Date.now().toString(36)}, golden hour, city rooftop`

const step = steps()
const log = step.log
const session = await launch(cfg)
const { browser, page } = session

const jobCard = (id) => page.locator(`[data-testid="job-card"][data-job-id="${id}"]`)
const created = (path) => (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === path

/** Waits for a job card to reach SUCCEEDED; a FAILED or CANCELLED card ends the test with its error text. */
async function waitForSuccess(id) {
  const card = jobCard(id)
  await card.and(page.locator('[data-status="SUCCEEDED"], [data-status="FAILED"], [data-status="CANCELLED"]')).waitFor({ timeout: JOB_TIMEOUT })
  const status = await card.getAttribute('data-status')
  if (status !== 'SUCCEEDED') {
    const error = await card
      .getByTestId('job-error')
      .textContent()
      .catch(() => '')
    throw new Error(`job ${id} ended ${status}${error ? `: ${error}` : ''}`)
  }
}

try {
  log(`open ${cfg.baseUrl} and sign in`)
  await login(page, cfg)

  log('go to Studio')
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Studio' }).click()
  await page.waitForURL(/\/studio/)
  await page.getByRole('heading', { name: 'Studio', level: 1 }).waitFor()

  log(`pick the character (“${CHARACTER}”, else the first)`)
  await page.getByTestId('studio-character-select').click()
  const options = page.getByRole('option')
  await options.first().waitFor()
  const named = options.filter({ hasText: CHARACTER })
  const choice = (await named.count()) > 0 ? named.first() : options.first()
  const picked = ((await choice.innerText()) ?? '').trim().split('\n').pop().trim()
  await choice.click()
  await page.getByTestId('studio-character-select').filter({ hasText: picked }).waitFor()
  console.log(`  picked “${picked}”`)

  log('choose Image and type a prompt')
  await page.getByTestId('studio-kind-image').click()
  await page.getByTestId('studio-prompt').fill(prompt)

  log('generate')
  const [res] = await Promise.all([page.waitForResponse(created('/api/v1/generations')), page.getByTestId('studio-generate').click()])
  if (res.status() !== 201) throw new Error(`POST /api/v1/generations answered ${res.status()}: ${(await res.text()).slice(0, 300)}`)
  const job = await res.json()
  console.log(`  job ${job.id} ${job.status}`)

  log('wait for the job card and its progress bar')
  await jobCard(job.id).waitFor()
  // A fast backend may finish before the bar is seen; either is fine here.
  await jobCard(job.id)
    .getByTestId('job-progress')
    .or(page.locator(`[data-testid="job-card"][data-job-id="${job.id}"][data-status="SUCCEEDED"]`))
    .first()
    .waitFor({ timeout: JOB_TIMEOUT })
  if (
    await jobCard(job.id)
      .getByTestId('job-progress')
      .isVisible()
      .catch(() => false)
  ) {
    console.log(`  progress: ${(await jobCard(job.id).getByTestId('job-progress').textContent())?.trim()}`)
  }

  log('wait for the job to succeed')
  await waitForSuccess(job.id)
  const thumb = page.locator(`[data-testid="output-thumb"][data-job-id="${job.id}"]`).first()
  await thumb.waitFor()
  await page.waitForLoadState('networkidle').catch(() => {})
  await page.locator('main').evaluate((el) => el.scrollTo(0, 0))
  await page.screenshot({ path: join(outDir, 'studio.png'), fullPage: true })

  log('open the output and check the recipe shows the seed')
  await thumb.click()
  const dialog = page.getByTestId('recipe-dialog')
  await dialog.waitFor()
  const seedRow = dialog.locator('[data-testid="recipe-row"][data-key="seed"]')
  await seedRow.waitFor()
  const seedText = (await seedRow.textContent())?.trim() ?? ''
  if (!/\d/.test(seedText)) throw new Error(`the recipe's seed row shows no number: ${JSON.stringify(seedText)}`)
  console.log(`  recipe: ${seedText}`)

  log('vary the seed')
  const [again] = await Promise.all([page.waitForResponse(created(`/api/v1/generations/${job.id}/again`)), dialog.getByTestId('vary-button').click()])
  if (again.status() !== 201) throw new Error(`POST …/again answered ${again.status()}: ${(await again.text()).slice(0, 300)}`)
  const second = await again.json()
  if (second.id === job.id) throw new Error('…/again answered the original job, not a new one')

  log('wait for the second job to appear')
  await jobCard(second.id).waitFor()
  console.log(`  second job ${second.id} ${await jobCard(second.id).getAttribute('data-status')}`)

  log('go to System → Backends')
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'System' }).click()
  await page.waitForURL(/\/system/)
  const rows = page.getByTestId('backend-row')
  await rows.first().waitFor()

  log(BACKEND_ID ? `test backend ${BACKEND_ID}` : 'test the backends until one is green')
  const candidates = BACKEND_ID ? [page.locator(`[data-testid="backend-row"][data-backend-id="${BACKEND_ID}"]`)] : await rows.all()
  let green = null
  const seen = []
  for (const row of candidates) {
    const id = await row.getAttribute('data-backend-id')
    const [check] = await Promise.all([page.waitForResponse(created(`/api/v1/backends/${encodeURIComponent(id)}/check`)), row.getByTestId('backend-test').click()])
    await row.getByTestId('backend-test-result').waitFor()
    const health = await row.getAttribute('data-health')
    seen.push(`${id}: ${check.status()} ${health} (${(await row.getByTestId('backend-test-result').textContent())?.trim()})`)
    if (check.ok() && health === 'usable') {
      green = id
      break
    }
  }
  if (!green) throw new Error(`no backend turned green after Test:\n    ${seen.join('\n    ')}`)
  console.log(`  ${green} is usable`)
  await page.screenshot({ path: join(outDir, 'backends.png'), fullPage: true })

  console.log('E2E PASSED: generate with live progress, recipe, vary seed and backend test all work')
  console.log('1 passed, 0 failed')
  await browser.close()
  process.exit(0)
} catch (e) {
  await reportFailure(session, step.current, e)
}
