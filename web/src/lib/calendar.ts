/** Calendar math of the dashboard, in the browser's local time (days start at local midnight). */
export type View = 'month' | 'week'
const DAY = 86_400_000

export const pad = (n: number) => String(n).padStart(2, '0')
/** A browser-local day as YYYY-MM-DD. */
export const dayKey = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
export function parseDay(s: string | null): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s ?? '')
  const d = m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : new Date()
  d.setHours(0, 0, 0, 0)
  return d
}
export function addDays(d: Date, n: number): Date {
  const x = new Date(d)
  x.setDate(x.getDate() + n)
  return x
}
/** The Monday on or before a day. */
export function weekStart(d: Date): Date {
  return addDays(d, -((d.getDay() + 6) % 7))
}

/** The days a calendar view shows: whole weeks from a Monday. */
export function range(view: View, anchor: Date): { start: Date; days: number } {
  if (view === 'week') return { start: weekStart(anchor), days: 7 }
  const first = new Date(anchor.getFullYear(), anchor.getMonth(), 1)
  const start = weekStart(first)
  const last = new Date(anchor.getFullYear(), anchor.getMonth() + 1, 0)
  const days = Math.ceil((weekStart(addDays(last, 7)).getTime() - start.getTime()) / DAY)
  return { start, days: Math.round(days / 7) * 7 }
}
