// Email over SMTP with nodemailer. One pooled transporter per SMTP_URL, reused across sends.
import nodemailer, { type Transporter } from 'nodemailer'
import { DeliveryError, type Transport } from './transport'

const transporters = new Map<string, Transporter>()

export function smtpTransport(smtpUrl: string | undefined, from: string): Transport {
  if (!smtpUrl) throw new DeliveryError('SMTP_URL is not configured')
  let t = transporters.get(smtpUrl)
  if (!t) {
    t = nodemailer.createTransport(smtpUrl)
    transporters.set(smtpUrl, t)
  }
  const transporter = t
  return async (msg) => {
    try {
      await transporter.sendMail({ from, to: msg.to, subject: msg.subject ?? 'SalesArck', text: msg.body })
    } catch (e) {
      // nodemailer's messages can quote the envelope (addresses); keep only the class of failure.
      const code =
        (e as { code?: string; responseCode?: number }).responseCode ?? (e as { code?: string }).code ?? 'unknown'
      throw new DeliveryError(`smtp delivery failed (${code})`)
    }
  }
}
