// Export downloads with a progress bar: read the stream as it arrives, count rows against the
// X-Export-Rows header, then hand the file to the browser. Without scripts the links are plain
// downloads, which is why the server needs no export jobs or temporary files.
(() => {
  const status = () => document.getElementById('export-progress')
  async function download(a) {
    const box = status()
    const bar = box.querySelector('progress')
    const text = box.querySelector('span')
    box.hidden = false
    text.textContent = ' Starting…'
    const res = await fetch(a.href, { credentials: 'same-origin' })
    if (!res.ok) {
      text.textContent = ` The export failed (${res.status}). Try again, or pick fewer days.`
      return
    }
    const total = Number(res.headers.get('x-export-rows') || 0)
    const json = a.href.includes('.json')
    const reader = res.body.getReader()
    const parts = []
    let rows = 0
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      parts.push(value)
      // CSV rows end in CRLF; JSON rows start with {. Header line and brackets are not rows.
      for (const b of value) if (json ? b === 123 : b === 10) rows++
      const shown = json ? rows : Math.max(0, rows - 1)
      bar.max = Math.max(total, 1)
      bar.value = Math.min(shown, total)
      text.textContent = ` ${shown.toLocaleString()} of ${total.toLocaleString()} rows`
    }
    const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') || '')?.[1] || 'export'
    const url = URL.createObjectURL(new Blob(parts, { type: res.headers.get('content-type') || 'text/plain' }))
    const link = Object.assign(document.createElement('a'), { href: url, download: name })
    document.body.append(link)
    link.click()
    link.remove()
    URL.revokeObjectURL(url)
    text.textContent = ` Done: ${total.toLocaleString()} rows in ${name}`
  }
  document.addEventListener('click', (e) => {
    const a = e.target instanceof Element ? e.target.closest('a[data-export]') : null
    if (!a) return
    e.preventDefault()
    download(a).catch(() => {
      status().querySelector('span').textContent = ' The download was interrupted. Try again.'
    })
  })
})()
