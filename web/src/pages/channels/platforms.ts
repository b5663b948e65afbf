/** The connect form of each platform: base URL, write-only credentials and plain settings. */
export interface FormField {
  key: string
  label: string
  hint?: string
  placeholder?: string
  /** Password input (credentials are always write-only; this only hides the typing). */
  secret?: boolean
  required?: boolean
  options?: string[]
}

export interface PlatformForm {
  baseUrl: { label: string; default?: string; required: boolean; hint?: string } | null
  credentials: FormField[]
  settings: FormField[]
  description: string
  /** Unknown platform: free key/value rows instead. */
  generic?: boolean
}

export const PLATFORM_FORMS: Record<string, PlatformForm> = {
  feed: {
    description: 'A public page with RSS, Atom and JSON Feed at /feeds/<handle>. No account needed.',
    baseUrl: null,
    credentials: [],
    settings: [],
  },
  telegram: {
    description: 'Posts to a channel or group through a bot that is an admin there.',
    baseUrl: { label: 'Bot API URL', default: 'https://api.telegram.org', required: true },
    credentials: [{ key: 'botToken', label: 'Bot token', secret: true, required: true, placeholder: '123456:ABC-DEF…', hint: 'From @BotFather.' }],
    settings: [{ key: 'chatId', label: 'Chat ID', required: true, placeholder: '@mychannel or -100…' }],
  },
  mastodon: {
    description: 'Posts as an account on a Mastodon (or compatible) instance.',
    baseUrl: { label: 'Instance URL', required: true, hint: 'e.g. https://mastodon.social' },
    credentials: [{ key: 'accessToken', label: 'Access token', secret: true, required: true, hint: 'Preferences → Development → New application, with write:statuses and write:media.' }],
    settings: [{ key: 'visibility', label: 'Visibility', options: ['public', 'unlisted', 'private', 'direct'] }],
  },
  bluesky: {
    description: 'Posts as a Bluesky account through its PDS.',
    baseUrl: { label: 'PDS URL', default: 'https://bsky.social', required: true },
    credentials: [
      { key: 'identifier', label: 'Handle or email', required: true, placeholder: 'name.bsky.social' },
      { key: 'appPassword', label: 'App password', secret: true, required: true, hint: 'Settings → Privacy and security → App passwords.' },
    ],
    settings: [],
  },
  discord: {
    description: 'Posts to a Discord channel through a webhook.',
    baseUrl: { label: 'Discord URL', default: 'https://discord.com', required: true },
    credentials: [
      { key: 'webhookId', label: 'Webhook ID', secret: true, required: true, hint: 'The number in …/api/webhooks/<id>/<token>.' },
      { key: 'webhookToken', label: 'Webhook token', secret: true, required: true },
    ],
    settings: [{ key: 'username', label: 'Display name', hint: 'Optional; the webhook’s own name when empty.' }],
  },
  webhook: {
    description: 'POSTs each post as JSON to your own receiver, signed with a shared secret.',
    baseUrl: { label: 'Receiver URL', required: true, hint: 'https://example.com/troupe-hook' },
    credentials: [{ key: 'secret', label: 'Signing secret', secret: true, required: true }],
    settings: [],
  },
}

export function platformForm(platform: string): PlatformForm {
  return (
    PLATFORM_FORMS[platform] ?? {
      description: 'This platform has no form in the dashboard yet: enter its fields by name (see the user guide).',
      baseUrl: { label: 'Base URL', required: false },
      credentials: [],
      settings: [],
      generic: true,
    }
  )
}

export const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY']
export const weekdayLabel = (d: string) => d.charAt(0) + d.slice(1, 3).toLowerCase()
