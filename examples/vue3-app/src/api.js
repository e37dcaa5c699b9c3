// The shop's plain-JS helpers: what a real app's service layer would do, failing in the ways
// the buttons show.

/** Loads the orders from a backend that is not there: the example's server answers 500. */
export async function loadOrders() {
  const response = await fetch('/api/orders');
  return response.ok ? response.json() : [];
}

/** Charges the card; the gateway times out. Nobody waits for it: an unhandled rejection. */
export function submitPayment(amount) {
  return new Promise((resolve, reject) => setTimeout(() => reject(gatewayTimeout(amount, 'EUR')), 10));
}

function gatewayTimeout(amount, currency) {
  const error = new Error(`Payment gateway timed out after charging ${amount} ${currency}`);
  error.name = 'GatewayTimeoutError';
  return error;
}

/** Reads a coupon code like `SPRING-10`. */
export function parseCoupon(code) {
  const match = /^([A-Z]+)-(\d+)$/.exec(code);
  if (!match) throw new SyntaxError(`Invalid coupon code: ${code}`);
  return { name: match[1], percent: Number(match[2]) };
}
