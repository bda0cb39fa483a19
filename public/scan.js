// "Scan the QR" at the till, as progressive enhancement: the button stays hidden unless the
// browser can both open the camera (getUserMedia) and read a QR (BarcodeDetector); everyone
// else types the code. A read code goes into the field and the lookup form is submitted.
(() => {
  const canScan = () => 'BarcodeDetector' in window && !!navigator.mediaDevices?.getUserMedia

  async function scan(button) {
    const input = document.querySelector(button.dataset.scanInto)
    const video = button.form?.querySelector('video') ?? document.getElementById('scan-video')
    if (!input || !video) return
    let stream
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } })
    } catch {
      button.textContent = 'Camera not available: type the code'
      button.disabled = true
      return
    }
    const detector = new window.BarcodeDetector({ formats: ['qr_code'] })
    video.srcObject = stream
    video.hidden = false
    button.disabled = true
    // Not awaited: some cameras only resolve play() after their first frame.
    video.play().catch(() => {})
    const stop = () => {
      for (const t of stream.getTracks()) t.stop()
      video.hidden = true
      video.srcObject = null
      button.disabled = false
    }
    const look = async () => {
      if (!video.isConnected) return stop()
      try {
        const found = await detector.detect(video)
        const value = found.find((f) => f.rawValue)?.rawValue
        if (value) {
          stop()
          input.value = value
          input.form?.requestSubmit()
          return
        }
      } catch {
        // A frame the detector cannot read yet (camera warming up): try the next one.
      }
      setTimeout(look, 250)
    }
    look()
  }

  function bind(root) {
    if (!canScan()) return
    for (const el of root.querySelectorAll('[data-scan-into]')) {
      if (el.dataset.bound) continue
      el.dataset.bound = '1'
      el.hidden = false
      el.addEventListener('click', () => scan(el))
    }
  }
  document.addEventListener('DOMContentLoaded', () => bind(document))
})()
