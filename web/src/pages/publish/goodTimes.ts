import { toZonedLocal } from '@/lib/publishing'

const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY']

/**
 * The next time a weekly slot (weekday and hour in the character's zone) comes round after `now`, as a
 * datetime-local value in that zone: what clicking a suggested good time puts in the picker.
 */
export function nextSlotValue(weekday: string, hour: number, timeZone: string, now = Date.now()): string {
  const local = toZonedLocal(new Date(now), timeZone) // "YYYY-MM-DDTHH:mm" on the character's clock
  const [date, time] = local.split('T')
  const [y, m, d] = date.split('-').map(Number)
  const [h, min] = time.split(':').map(Number)
  const today = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7 // Monday = 0
  let days = (WEEKDAYS.indexOf(weekday) - today + 7) % 7
  if (days === 0 && (hour < h || (hour === h && min > 0))) days = 7
  const target = new Date(Date.UTC(y, m - 1, d + days, hour))
  return `${target.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00`
}

export function slotLabel(weekday: string, hour: number): string {
  return `${weekday.charAt(0)}${weekday.slice(1, 3).toLowerCase()} ${String(hour).padStart(2, '0')}:00`
}
