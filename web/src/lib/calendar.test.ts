import { describe, expect, it } from 'vitest'
import { addDays, dayKey, parseDay, range, weekStart } from './calendar'

// vitest.config.ts runs these in Europe/Berlin: 2026-03-29 has 23 hours, 2026-10-25 has 25.
describe('calendar math', () => {
  it('parses a day as local midnight and prints it back', () => {
    const d = parseDay('2026-03-29')
    expect(d.getHours()).toBe(0)
    expect(dayKey(d)).toBe('2026-03-29')
  })

  it('adds calendar days across a daylight saving change', () => {
    expect(dayKey(addDays(parseDay('2026-03-28'), 1))).toBe('2026-03-29')
    expect(dayKey(addDays(parseDay('2026-03-28'), 2))).toBe('2026-03-30')
    expect(dayKey(addDays(parseDay('2026-10-24'), 2))).toBe('2026-10-26')
    expect(addDays(parseDay('2026-03-28'), 2).getHours()).toBe(0)
  })

  it('starts weeks on Monday', () => {
    expect(dayKey(weekStart(parseDay('2026-12-03')))).toBe('2026-11-30') // a Thursday
    expect(dayKey(weekStart(parseDay('2026-11-30')))).toBe('2026-11-30') // a Monday
    expect(dayKey(weekStart(parseDay('2026-12-06')))).toBe('2026-11-30') // a Sunday
  })

  it('shows whole weeks that cover the month, even one with a 23-hour day', () => {
    const march = range('month', parseDay('2026-03-15'))
    expect(dayKey(march.start)).toBe('2026-02-23')
    expect(march.days).toBe(42)
    expect(dayKey(addDays(march.start, march.days - 1))).toBe('2026-04-05')
    const february = range('month', parseDay('2027-02-10'))
    expect(dayKey(february.start)).toBe('2027-02-01')
    expect(february.days).toBe(28)
  })

  it('shows seven days from Monday in the week view', () => {
    const week = range('week', parseDay('2026-10-25'))
    expect(dayKey(week.start)).toBe('2026-10-19')
    expect(week.days).toBe(7)
  })
})
