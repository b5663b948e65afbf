import type { Preferences } from '@/lib/model'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { Textarea } from '@/components/ui/textarea'
import { TagInput } from '@/components/ui/tag-input'
import { Section, type SectionProps } from './common'

export function PreferencesTab({ draft, update, err, editable }: SectionProps) {
  const p = draft.preferences
  const setP = <K extends keyof Preferences>(k: K, v: Preferences[K]) => update((d) => ({ ...d, preferences: { ...d.preferences, [k]: v } }))
  const list = (k: 'pillars' | 'hashtags' | 'bannedWords' | 'bannedTopics', id: string, label: string, hint?: string, prefix?: string) => (
    <Field id={id} label={label} hint={hint} error={err(`preferences.${k}`)}>
      <TagInput id={id} value={p[k] ?? []} onChange={(v) => setP(k, v)} disabled={!editable} invalid={!!err(`preferences.${k}`)} prefix={prefix} />
    </Field>
  )
  return (
    <div className="grid gap-6">
      <Section title="Content" description="What the character posts about and how it sounds.">
        {list('pillars', 'preferences-pillars', 'Content pillars', 'The recurring themes of their posts.')}
        <Field id="preferences-tone" label="Tone" error={err('preferences.tone')}>
          <Input
            id="preferences-tone"
            placeholder="e.g. warm, wry, curious"
            value={p.tone ?? ''}
            onChange={(e) => setP('tone', e.target.value)}
            aria-invalid={!!err('preferences.tone')}
          />
        </Field>
        {list('hashtags', 'preferences-hashtags', 'Hashtags', 'Used when a channel supports them.', '#')}
      </Section>
      <Section title="Guardrails" description="Words and topics the character never uses or touches.">
        {list('bannedWords', 'preferences-banned-words', 'Banned words')}
        {list('bannedTopics', 'preferences-banned-topics', 'Banned topics')}
      </Section>
      <Section title="Disclosure" description="The line that tells readers the character is AI-generated.">
        <Field id="preferences-disclosure" label="Disclosure line" error={err('preferences.disclosure')}>
          <Textarea
            id="preferences-disclosure"
            rows={2}
            placeholder="e.g. Mira is a virtual character. Posts are AI-generated."
            value={p.disclosure ?? ''}
            onChange={(e) => setP('disclosure', e.target.value)}
            aria-invalid={!!err('preferences.disclosure')}
          />
        </Field>
      </Section>
    </div>
  )
}
