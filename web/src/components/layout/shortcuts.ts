import * as React from 'react'
import { useNavigate } from 'react-router'

/** Whether a key press belongs to something the person is typing in (or to an open dialog or menu). */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  if (!el || typeof el.closest !== 'function') return false
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || !!el.closest('[role="dialog"],[role="alertdialog"],[role="listbox"],[role="menu"]')
}

/** `n` opens a new post from any page, unless the person is typing or holds a modifier. */
export function useNewPostShortcut(enabled: boolean) {
  const navigate = useNavigate()
  React.useEffect(() => {
    if (!enabled) return
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'n' || e.metaKey || e.ctrlKey || e.altKey || e.defaultPrevented || isTyping(e.target)) return
      e.preventDefault()
      navigate('/posts/new')
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [enabled, navigate])
}
