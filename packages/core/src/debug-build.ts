declare const __DEBUG__: boolean | undefined;

/**
 * False in the minified CDN build, where long explanations cost bytes every visitor pays
 * for: there `debug: true` logs the short reason code of each drop and send failure instead.
 * True in the ESM and CJS builds and in tests.
 */
export const DEBUG = typeof __DEBUG__ == 'undefined' || !!__DEBUG__;
