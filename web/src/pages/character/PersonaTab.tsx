import { Plus, Trash2 } from 'lucide-react'
import type { CharacterBook, LorebookEntry, Persona } from '@/lib/model'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { Textarea } from '@/components/ui/textarea'
import { Button } from '@/components/ui/button'
import { TagInput } from '@/components/ui/tag-input'
import { Badge } from '@/components/ui/badge'
import { Checkbox, Section, type SectionProps } from './common'

type TextKey =
  'description' | 'personality' | 'scenario' | 'first_mes' | 'mes_example' | 'system_prompt' | 'post_history_instructions' | 'creator' | 'character_version' | 'creator_notes'

export function PersonaTab({ draft, update, err, editable }: SectionProps) {
  const p = draft.persona
  const setP = <K extends keyof Persona>(k: K, v: Persona[K]) => update((d) => ({ ...d, persona: { ...d.persona, [k]: v } }))

  const text = (k: TextKey, label: string, rows: number, hint?: string) => {
    const id = `persona-${k.replace(/_/g, '-')}`
    const e = err(`persona.${k}`)
    return (
      <Field id={id} label={label} hint={hint} error={e}>
        <Textarea id={id} rows={rows} value={(p[k] as string) ?? ''} onChange={(ev) => setP(k, ev.target.value)} aria-invalid={!!e} />
      </Field>
    )
  }
  const line = (k: TextKey, label: string) => {
    const id = `persona-${k.replace(/_/g, '-')}`
    const e = err(`persona.${k}`)
    return (
      <Field id={id} label={label} error={e}>
        <Input id={id} value={(p[k] as string) ?? ''} onChange={(ev) => setP(k, ev.target.value)} aria-invalid={!!e} />
      </Field>
    )
  }

  const greetings = p.alternate_greetings ?? []
  return (
    <div className="grid gap-6">
      <Section title="Character" description="Character Card fields: who the character is and how they speak. {{char}} and {{user}} macros are kept as written.">
        {text('description', 'Description', 8)}
        {text('personality', 'Personality', 3)}
        {text('scenario', 'Scenario', 3)}
      </Section>

      <Section title="Greetings" description="The first message, and alternatives a chat may start with instead.">
        {text('first_mes', 'First message', 5)}
        <div className="grid gap-3">
          <div className="flex items-center justify-between">
            <span className="text-sm font-medium text-zinc-800">Alternate greetings</span>
            {editable && (
              <Button size="sm" variant="outline" onClick={() => setP('alternate_greetings', [...greetings, ''])}>
                <Plus /> Add greeting
              </Button>
            )}
          </div>
          {greetings.length === 0 && <p className="text-sm text-zinc-500">No alternate greetings.</p>}
          {greetings.map((g, i) => {
            const id = `persona-alternate-greetings-${i}`
            const e = err(`persona.alternate_greetings[${i}]`)
            return (
              <div key={i} className="grid gap-1.5">
                <div className="flex items-center justify-between">
                  <label htmlFor={id} className="text-xs font-medium text-zinc-600">
                    Greeting {i + 2}
                  </label>
                  {editable && (
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-label={`Remove greeting ${i + 2}`}
                      onClick={() =>
                        setP(
                          'alternate_greetings',
                          greetings.filter((_, j) => j !== i),
                        )
                      }
                    >
                      <Trash2 />
                    </Button>
                  )}
                </div>
                <Textarea
                  id={id}
                  rows={3}
                  value={g}
                  aria-invalid={!!e}
                  onChange={(ev) =>
                    setP(
                      'alternate_greetings',
                      greetings.map((x, j) => (j === i ? ev.target.value : x)),
                    )
                  }
                />
                {e && <p className="text-xs font-medium text-red-600">{e}</p>}
              </div>
            )
          })}
        </div>
        {text('mes_example', 'Example messages', 5, 'Separate examples with <START>.')}
      </Section>

      <Section title="Prompting" description="Overrides for the system prompt and instructions placed after the chat history.">
        {text('system_prompt', 'System prompt', 4)}
        {text('post_history_instructions', 'Post-history instructions', 3)}
      </Section>

      <Section title="Metadata" description="Authorship and tags carried in the card.">
        <Field id="persona-tags" label="Tags" error={err('persona.tags')}>
          <TagInput id="persona-tags" value={p.tags ?? []} onChange={(v) => setP('tags', v)} disabled={!editable} invalid={!!err('persona.tags')} />
        </Field>
        <div className="grid gap-5 sm:grid-cols-2">
          {line('creator', 'Creator')}
          {line('character_version', 'Character version')}
        </div>
        {text('creator_notes', 'Creator notes', 3)}
      </Section>

      <Section title="Lorebook" description="Entries injected into the prompt when their keys appear in the chat.">
        <LorebookEditor book={p.character_book} onChange={(b) => setP('character_book', b)} err={err} editable={editable} />
      </Section>

      <Section title="Extensions" description="Extra data from other tools, kept verbatim and written back on export. Read-only here.">
        <div className="grid gap-2">
          <div className="flex flex-wrap gap-1.5">
            {Object.keys(p.extensions ?? {}).length === 0 ? (
              <span className="text-sm text-zinc-500">No extensions.</span>
            ) : (
              Object.keys(p.extensions).map((k) => (
                <Badge key={k} variant="outline">
                  {k}
                </Badge>
              ))
            )}
          </div>
          <pre data-testid="persona-extensions" className="max-h-80 overflow-auto rounded-lg bg-zinc-950 p-4 font-mono text-xs leading-relaxed text-zinc-200">
            {JSON.stringify(p.extensions ?? {}, null, 2)}
          </pre>
        </div>
      </Section>
    </div>
  )
}

function LorebookEditor({
  book,
  onChange,
  err,
  editable,
}: {
  book: CharacterBook | null | undefined
  onChange: (b: CharacterBook | null) => void
  err: (p: string) => string | undefined
  editable: boolean
}) {
  if (!book) {
    return (
      <div className="flex items-center justify-between rounded-lg border border-dashed border-zinc-300 px-4 py-6">
        <span className="text-sm text-zinc-500">This character has no lorebook.</span>
        {editable && (
          <Button size="sm" variant="outline" onClick={() => onChange({ entries: [], extensions: {} })}>
            <Plus /> Add a lorebook
          </Button>
        )}
      </div>
    )
  }
  const entries = book.entries ?? []
  const setEntry = (i: number, patch: Partial<LorebookEntry>) => onChange({ ...book, entries: entries.map((e, j) => (j === i ? { ...e, ...patch } : e)) })
  const nextOrder = entries.reduce((m, e) => Math.max(m, Number(e.insertion_order) || 0), 0) + 10

  return (
    <div className="grid gap-4">
      {entries.length === 0 && <p className="text-sm text-zinc-500">No entries yet.</p>}
      {entries.map((e, i) => {
        const base = `persona.character_book.entries[${i}]`
        const idp = `lore-${i}`
        return (
          <div key={i} data-testid="lore-entry" className="grid gap-4 rounded-lg border border-zinc-200 bg-zinc-50/50 p-4">
            <div className="flex items-center justify-between">
              <span className="text-xs font-semibold uppercase tracking-wide text-zinc-500">Entry {i + 1}</span>
              <div className="flex items-center gap-4">
                <Checkbox id={`${idp}-enabled`} label="Enabled" checked={e.enabled !== false} disabled={!editable} onChange={(v) => setEntry(i, { enabled: v })} />
                {editable && (
                  <Button size="sm" variant="ghost" aria-label={`Remove entry ${i + 1}`} onClick={() => onChange({ ...book, entries: entries.filter((_, j) => j !== i) })}>
                    <Trash2 />
                  </Button>
                )}
              </div>
            </div>
            <Field id={`${idp}-keys`} label="Keys" hint="Words that trigger this entry." error={err(`${base}.keys`)}>
              <TagInput id={`${idp}-keys`} value={e.keys ?? []} onChange={(v) => setEntry(i, { keys: v })} disabled={!editable} />
            </Field>
            <Field id={`${idp}-content`} label="Content" error={err(`${base}.content`)}>
              <Textarea id={`${idp}-content`} rows={3} value={e.content ?? ''} onChange={(ev) => setEntry(i, { content: ev.target.value })} />
            </Field>
            <div className="grid gap-4 sm:grid-cols-[10rem_1fr]">
              <Field id={`${idp}-order`} label="Insertion order" error={err(`${base}.insertion_order`)}>
                <Input
                  id={`${idp}-order`}
                  type="number"
                  value={Number.isFinite(e.insertion_order) ? e.insertion_order : 0}
                  onChange={(ev) => setEntry(i, { insertion_order: ev.target.value === '' ? 0 : Number(ev.target.value) })}
                />
              </Field>
              <Field id={`${idp}-comment`} label="Comment" error={err(`${base}.comment`)}>
                <Input id={`${idp}-comment`} value={(e.comment as string) ?? ''} onChange={(ev) => setEntry(i, { comment: ev.target.value })} />
              </Field>
            </div>
          </div>
        )
      })}
      {editable && (
        <div className="flex gap-2">
          <Button
            size="sm"
            variant="outline"
            onClick={() =>
              onChange({
                ...book,
                entries: [...entries, { keys: [], content: '', enabled: true, insertion_order: nextOrder, comment: '', extensions: {} }],
              })
            }
          >
            <Plus /> Add entry
          </Button>
          {entries.length === 0 && (
            <Button size="sm" variant="ghost" onClick={() => onChange(null)}>
              Remove lorebook
            </Button>
          )}
        </div>
      )}
    </div>
  )
}
