// Calls a backend the way the 2020-era app did; each function fails as its button says.

/** Asks for the invoices; the example's server answers every /api/ request with a 500. */
export function fetchInvoices() {
  return fetch('/api/invoices').then((res) => (res.ok ? res.json() : []));
}

/** Sends an invoice by e-mail; the mail service refuses, in a promise nobody catches. */
export function sendReminder(invoiceId) {
  return new Promise((resolve, reject) => {
    setTimeout(() => reject(mailRefused(invoiceId)), 10);
  });
}

function mailRefused(invoiceId) {
  const error = new Error(`Mail service refused the reminder for invoice ${invoiceId}`);
  error.name = 'MailError';
  return error;
}

/** Parses an amount such as `12.50`. */
export function parseAmount(text) {
  const amount = Number.parseFloat(text);
  if (Number.isNaN(amount)) throw new RangeError(`Not an amount: "${text}"`);
  return amount;
}
