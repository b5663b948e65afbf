import type { PlatformDescriptor } from '@/lib/model'

/** One input of the connect form, from a descriptor's connect field or channel setting. */
export interface FormField {
  key: string
  label: string
  hint?: string
  placeholder?: string
  /** Password input (credentials are always write-only; this only hides the typing). */
  secret?: boolean
  required?: boolean
  options?: string[]
  pattern?: string
  /** Input type: text, url, password, textarea, integer, boolean. */
  type?: string
  default?: string
}

export interface PlatformForm {
  baseUrl: { label: string; default?: string; required: boolean; hint?: string; placeholder?: string; pattern?: string } | null
  credentials: FormField[]
  settings: FormField[]
  description: string
  /** Unknown platform: free key/value rows instead. */
  generic?: boolean
}

const HOW: Record<string, string> = {
  token: 'Connects with credentials you create on the platform.',
  oauth: 'Connects by signing in to the platform.',
  webhook: 'Connects through a webhook address.',
  none: 'Needs no account.',
}

/**
 * The connect form of a platform from its descriptor: a connect field named baseUrl is the channel's address,
 * the other fields are write-only credentials, and the settings are plain values.
 */
export function platformForm(descriptor: PlatformDescriptor | undefined): PlatformForm {
  if (!descriptor) {
    return {
      description: 'The server describes no form for this platform: enter its fields by name (see the user guide).',
      baseUrl: { label: 'Base URL', required: false },
      credentials: [],
      settings: [],
      generic: true,
    }
  }
  const fields = descriptor.connect.fields
  const base = fields.find((f) => f.name === 'baseUrl')
  return {
    description: HOW[descriptor.connect.kind] ?? '',
    baseUrl: base
      ? {
          label: base.label,
          default: base.default ?? undefined,
          required: base.required,
          hint: base.help ?? undefined,
          placeholder: base.placeholder ?? undefined,
          pattern: base.pattern ?? undefined,
        }
      : null,
    credentials: fields
      .filter((f) => f.name !== 'baseUrl')
      .map((f) => ({
        key: f.name,
        label: f.label,
        hint: f.help ?? undefined,
        placeholder: f.placeholder ?? undefined,
        secret: f.secret || f.type === 'password',
        required: f.required,
        pattern: f.pattern ?? undefined,
        type: f.type,
      })),
    settings: descriptor.settings.map((s) => ({
      key: s.name,
      label: s.label,
      hint: s.help ?? undefined,
      required: s.required,
      options: s.type === 'enum' ? s.options : s.type === 'boolean' ? ['true', 'false'] : undefined,
      type: s.type,
      default: s.default == null ? undefined : String(s.default),
    })),
  }
}

/** Checks one value of the form against its field; the reason, or null when fine. */
export function fieldProblem(f: Pick<FormField, 'label' | 'required' | 'pattern' | 'type'>, value: string): string | null {
  const v = value.trim()
  if (!v) return f.required ? `Enter the ${f.label.toLowerCase()}` : null
  if (f.type === 'integer' && !/^-?\d+$/.test(v)) return 'A whole number'
  if (f.type === 'url' && !/^https?:\/\/\S+$/i.test(v)) return 'Start with http:// or https://'
  if (f.pattern) {
    try {
      if (!new RegExp(f.pattern).test(v)) return `Not a valid ${f.label.toLowerCase()}`
    } catch {
      /* a pattern JavaScript cannot read is the server's to check */
    }
  }
  return null
}

export const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY']
export const weekdayLabel = (d: string) => d.charAt(0) + d.slice(1, 3).toLowerCase()

/** What connecting a platform asks for, in a line: how it connects and the fields it needs. */
export function needs(descriptor: PlatformDescriptor): string {
  const form = platformForm(descriptor)
  const asked = [
    ...(form.baseUrl?.required ? [form.baseUrl.label] : []),
    ...form.credentials.filter((f) => f.required).map((f) => f.label),
    ...form.settings.filter((f) => f.required).map((f) => f.label),
  ]
  return asked.length ? `${form.description} Asks for: ${asked.join(', ')}.` : form.description
}
