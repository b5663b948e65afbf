import { canReview, type PersonRef, type Post, type PostState, type User } from './model'

// ── States ───────────────────────────────────────────────────────────────────

export const POST_STATE_LABEL: Record<PostState, string> = {
  DRAFT: 'Draft',
  IN_REVIEW: 'In review',
  APPROVED: 'Approved',
  REJECTED: 'Rejected',
  SCHEDULED: 'Scheduled',
  PUBLISHING: 'Publishing',
  PUBLISHED: 'Published',
  FAILED: 'Failed',
  UNCONFIRMED: 'Unconfirmed',
}

export const stateLabel = (s: string) => POST_STATE_LABEL[s as PostState] ?? s.charAt(0) + s.slice(1).toLowerCase().replace(/_/g, ' ')

/** The colour family of a post or publication state (the calendar's legend). */
export type StateTone = 'draft' | 'review' | 'scheduled' | 'publishing' | 'published' | 'failed' | 'unconfirmed' | 'cancelled'

export function stateTone(s: string): StateTone {
  switch (s) {
    case 'DRAFT':
    case 'REJECTED':
      return 'draft'
    case 'IN_REVIEW':
    case 'APPROVED':
      return 'review'
    case 'SCHEDULED':
    case 'DUE':
    case 'PENDING':
      return 'scheduled'
    case 'PUBLISHING':
    case 'IN_FLIGHT':
    case 'RETRY_WAIT':
    case 'WAITING_FOR_CHANNEL':
      return 'publishing'
    case 'PUBLISHED':
      return 'published'
    case 'FAILED':
      return 'failed'
    case 'UNCONFIRMED':
      return 'unconfirmed'
    default:
      return 'cancelled'
  }
}

export const TONE_CLASS: Record<StateTone, { chip: string; dot: string; label: string }> = {
  draft: { chip: 'bg-zinc-50 text-zinc-700 border-zinc-200', dot: 'bg-zinc-400', label: 'Draft' },
  review: { chip: 'bg-violet-50 text-violet-800 border-violet-200', dot: 'bg-violet-400', label: 'In review' },
  scheduled: { chip: 'bg-sky-50 text-sky-900 border-sky-200', dot: 'bg-sky-500', label: 'Scheduled' },
  publishing: { chip: 'bg-amber-50 text-amber-900 border-amber-200', dot: 'bg-amber-500', label: 'Publishing' },
  published: { chip: 'bg-emerald-50 text-emerald-900 border-emerald-200', dot: 'bg-emerald-500', label: 'Published' },
  failed: { chip: 'bg-red-50 text-red-900 border-red-200', dot: 'bg-red-500', label: 'Failed' },
  unconfirmed: { chip: 'bg-purple-50 text-purple-900 border-purple-300', dot: 'bg-purple-500', label: 'Unconfirmed' },
  cancelled: { chip: 'bg-zinc-50 text-zinc-500 border-zinc-200 line-through', dot: 'bg-zinc-300', label: 'Cancelled' },
}

/** Posts that can still be edited in the composer (a scheduled post must be unscheduled first). */
export function isEditable(state: PostState | undefined): boolean {
  return !state || state === 'DRAFT' || state === 'IN_REVIEW' || state === 'APPROVED' || state === 'REJECTED'
}

// ── People ───────────────────────────────────────────────────────────────────

export function personName(p: PersonRef | undefined): string {
  return p || 'someone'
}

/** Whether a post was created by this user (the server sends the creator's id). */
export function isOwnPost(post: Pick<Post, 'createdBy'>, user: User): boolean {
  const c = post.createdBy
  return !!c && (c === user.id || c.toLowerCase() === user.email.toLowerCase())
}

/** Whether this user wrote the post or edited it since its last approval (the server's "own post"). */
export function isAuthor(post: Pick<Post, 'createdBy' | 'editors'>, user: User): boolean {
  return isOwnPost(post, user) || (post.editors ?? []).some((e) => e === user.id || e.toLowerCase() === user.email.toLowerCase())
}

/**
 * Why this user may not approve this post, or null when they may, decided as the server does: reviewers, editors
 * and owners approve, nobody approves their own post, except an owner while the studio setting ownerSelfApproval
 * is on (it is on by default while the studio has one member). `ownerSelfApproval` is undefined until the owner's
 * settings are loaded: the button waits rather than offer what the server would refuse.
 */
export function approveBlock(user: User, post: Pick<Post, 'createdBy' | 'editors'>, ownerSelfApproval: boolean | undefined): string | null {
  if (!canReview(user.role)) return 'Only reviewers, editors and owners can approve.'
  if (!isAuthor(post, user)) return null
  if (user.role !== 'OWNER') return 'You wrote or edited this post: another reviewer or an owner approves it.'
  if (ownerSelfApproval === undefined) return 'Checking whether owners may approve their own posts…'
  return ownerSelfApproval ? null : 'You wrote or edited this post, and owners approving their own posts is off (Settings): another reviewer approves it.'
}

// ── Time zones ───────────────────────────────────────────────────────────────

function parts(date: Date, timeZone: string) {
  let fmt: Intl.DateTimeFormat
  try {
    fmt = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
  } catch {
    fmt = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
  }
  const o: Record<string, string> = {}
  for (const p of fmt.formatToParts(date)) o[p.type] = p.value
  return o
}

/** An instant as "YYYY-MM-DDTHH:mm" wall-clock time in a zone (the value of a datetime-local input). */
export function toZonedLocal(instant: Date | string, timeZone: string): string {
  const d = typeof instant === 'string' ? new Date(instant) : instant
  if (Number.isNaN(d.getTime())) return ''
  const p = parts(d, timeZone || 'UTC')
  return `${p.year}-${p.month}-${p.day}T${p.hour === '24' ? '00' : p.hour}:${p.minute}`
}

export function formatInZone(iso: string | null | undefined, timeZone: string | undefined): string {
  if (!iso) return '—'
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  try {
    return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: timeZone || undefined })
  } catch {
    return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
  }
}

// ── Ids ──────────────────────────────────────────────────────────────────────

/** A random UUID v4; crypto.randomUUID needs a secure context, so fall back to getRandomValues on plain http. */
export function uuid(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') {
    try {
      return crypto.randomUUID()
    } catch {
      /* insecure context */
    }
  }
  const b = new Uint8Array(16)
  crypto.getRandomValues(b)
  b[6] = (b[6]! & 0x0f) | 0x40
  b[8] = (b[8]! & 0x3f) | 0x80
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}
