// The mock Sentry moved to @faultline/upload's test helpers; this path stays for the plugin's
// tests and scripts/bench-upload.mjs.
export * from '../../../upload/test/helpers/mock-sentry';
