import { describe, expect, it } from 'vitest'
import { nextSlotValue, slotLabel } from './goodTimes'

describe('nextSlotValue', () => {
  // Wednesday 2026-12-02 10:30 UTC = 11:30 in Berlin
  const now = Date.parse('2026-12-02T10:30:00Z')

  it('finds the slot later the same week in the character zone', () => {
    expect(nextSlotValue('FRIDAY', 18, 'Europe/Berlin', now)).toBe('2026-12-04T18:00')
  })

  it('uses today when the hour is still ahead, next week when it has passed', () => {
    expect(nextSlotValue('WEDNESDAY', 12, 'Europe/Berlin', now)).toBe('2026-12-02T12:00')
    expect(nextSlotValue('WEDNESDAY', 11, 'Europe/Berlin', now)).toBe('2026-12-09T11:00')
  })

  it('counts weekdays on the character clock, not the browser one', () => {
    // 23:30 UTC on Wednesday is already Thursday 08:30 in Tokyo
    expect(nextSlotValue('THURSDAY', 9, 'Asia/Tokyo', Date.parse('2026-12-02T23:30:00Z'))).toBe('2026-12-03T09:00')
    expect(nextSlotValue('THURSDAY', 8, 'Asia/Tokyo', Date.parse('2026-12-02T23:30:00Z'))).toBe('2026-12-10T08:00')
    expect(nextSlotValue('FRIDAY', 9, 'Asia/Tokyo', Date.parse('2026-12-02T23:30:00Z'))).toBe('2026-12-04T09:00')
  })

  it('labels a slot briefly', () => {
    expect(slotLabel('MONDAY', 7)).toBe('Mon 07:00')
  })
})
