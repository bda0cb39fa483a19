// Small behaviours the CSP would block as inline script. Kept framework-free and idempotent:
// each runs on load and again whenever content is added to the page. htmx 4 fires
// htmx:after:swap on the element that made the request, which is often outside (or, after an
// outerHTML swap, no longer in) the swapped content, so a MutationObserver watches the page
// instead: rows added by polling or filtering get the same treatment as the first render.
(() => {
  function countdowns(root) {
    for (const el of root.querySelectorAll('[data-countdown]')) {
      if (el.dataset.bound) continue
      el.dataset.bound = '1'
      const end = Date.parse(el.dataset.countdown)
      const tick = () => {
        const left = Math.max(0, Math.round((end - Date.now()) / 1000))
        el.textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`
        if (left > 0 && el.isConnected) setTimeout(tick, 1000)
      }
      tick()
    }
  }
  function autofocus(root) {
    const el = root.matches?.('[data-autofocus]') ? root : root.querySelector('[data-autofocus]')
    if (el) el.focus()
  }
  // Times are rendered in UTC on the server (it cannot know the reader's zone); show each
  // <time datetime> in the reader's own time zone, keeping the UTC text as the fallback.
  // One format everywhere; data-format="time" or "date" shows only that half.
  const formats = {
    both: new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }),
    time: new Intl.DateTimeFormat(undefined, { timeStyle: 'short' }),
    date: new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }),
  }
  function localTimes(root) {
    for (const el of root.querySelectorAll('time[datetime]')) {
      if (el.dataset.local) continue
      const raw = el.getAttribute('datetime')
      // A bare date (YYYY-MM-DD) is a calendar day, not an instant: keep it, formatted, in UTC.
      const dayOnly = /^\d{4}-\d{2}-\d{2}$/.test(raw)
      const t = Date.parse(raw)
      if (Number.isNaN(t)) continue
      el.dataset.local = '1'
      const fmt = dayOnly ? new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }) : (formats[el.dataset.format] ?? formats.both)
      el.title = formats.both.format(new Date(t))
      el.textContent = fmt.format(new Date(t))
    }
  }
  function autosubmit(root) {
    for (const el of root.querySelectorAll('select[data-autosubmit]')) {
      if (el.dataset.bound) continue
      el.dataset.bound = '1'
      el.addEventListener('change', () => el.form?.requestSubmit())
    }
  }
  // Resend cool-down: the button stays disabled until its time (the server enforces it too).
  function enableAt(root) {
    for (const el of root.querySelectorAll('[data-enable-at]')) {
      if (el.dataset.bound) continue
      el.dataset.bound = '1'
      const wait = Math.max(0, Date.parse(el.dataset.enableAt) - Date.now())
      setTimeout(() => { el.disabled = false }, wait)
    }
  }
  // "Copy" next to a link: the clipboard where the browser allows it, else the text is selected
  // so the reader can copy it themselves. The button says which happened.
  function copyButtons(root) {
    for (const el of root.querySelectorAll('button[data-copy]')) {
      if (el.dataset.bound) continue
      el.dataset.bound = '1'
      el.addEventListener('click', async () => {
        const field = document.getElementById(el.dataset.copy)
        if (!field) return
        try {
          await navigator.clipboard.writeText(field.value)
          el.textContent = 'Copied'
        } catch {
          field.select()
          el.textContent = 'Selected: copy it'
        }
      })
    }
  }
  const enhance = (root) => { countdowns(root); autosubmit(root); enableAt(root); localTimes(root); copyButtons(root) }
  // Live updates (ADR 0024): while the page's event stream is connected, fragments marked
  // data-live-fallback skip their timed polls and refresh on live events only; when the stream
  // closes or fails they poll again.
  const setLive = (on) => {
    if (on) document.body.dataset.live = '1'
    else delete document.body.dataset.live
  }
  document.addEventListener('htmx:sse:after:connection', () => setLive(true))
  for (const name of ['htmx:sse:error', 'htmx:sse:close']) document.addEventListener(name, () => setLive(false))
  document.addEventListener('htmx:before:request', (e) => {
    const ctx = e.detail?.ctx
    if (document.body.dataset.live && ctx?.sourceEvent?.type === 'every' && ctx.sourceElement?.hasAttribute('data-live-fallback')) e.preventDefault()
  })
  document.addEventListener('DOMContentLoaded', () => {
    enhance(document)
    autofocus(document)
    new MutationObserver((changes) => {
      for (const c of changes) {
        for (const n of c.addedNodes) {
          if (!(n instanceof Element)) continue
          enhance(n.parentElement ?? n)
          autofocus(n)
        }
      }
    }).observe(document.body, { childList: true, subtree: true })
  })
})()
