declare const __DEBUG__: boolean | undefined;

/** False in the minified script-tag build, where explanations cost bytes; true elsewhere. */
export const DEBUG = typeof __DEBUG__ == 'undefined' || !!__DEBUG__;
