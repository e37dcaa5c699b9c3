/** Checked against package.json by a test, so the two never drift. */
export const SDK_VERSION = '0.1.0';
export const SDK_NAME = 'faultline.javascript.browser';
