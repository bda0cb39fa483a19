// Small behaviours the CSP would block as inline script. Kept framework-free and idempotent:
// each runs on load and again after every htmx swap.
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
    const el = root.querySelector('[data-autofocus]')
    if (el) el.focus()
  }
  // Times are rendered in UTC on the server (it cannot know the reader's zone); show each
  // <time datetime> in the reader's own time zone, keeping the UTC text as the fallback.
  const localFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
  function localTimes(root) {
    for (const el of root.querySelectorAll('time[datetime]')) {
      if (el.dataset.local) continue
      const t = Date.parse(el.getAttribute('datetime'))
      if (Number.isNaN(t)) continue
      el.dataset.local = '1'
      el.title = el.getAttribute('datetime')
      el.textContent = localFmt.format(new Date(t))
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
  const run = (root) => { countdowns(root); autofocus(root); autosubmit(root); enableAt(root); localTimes(root) }
  document.addEventListener('DOMContentLoaded', () => run(document))
  document.addEventListener('htmx:after:swap', (e) => run(e.target instanceof Element ? e.target : document))
})()
