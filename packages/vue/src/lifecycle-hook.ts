// Vue 3 production builds pass `info` as an error code, or (3.4+) as a link to the error
// reference ending in it. Codes and texts after runtime-core's `ErrorTypeStrings`.

/** Numeric codes (`ErrorCodes`), in order from 0. */
const CODES =
  'setup function,render function,watcher getter,watcher callback,watcher cleanup function,native event handler,component event handler,vnode hook,directive hook,transition hook,app errorHandler,app warnHandler,ref function,async component loader,scheduler flush,component update,app unmount cleanup function'.split(
    ',',
  );
/** Lifecycle hook codes (`LifecycleHooks`) and the hook each stands for. */
const HOOK_CODES = 'sp,bc,c,bm,m,bu,u,bum,um,a,da,ec,rtc,rtg'.split(',');
const HOOKS =
  'serverPrefetch,beforeCreate,created,beforeMount,mounted,beforeUpdate,updated,beforeUnmount,unmounted,activated,deactivated,errorCaptured,renderTracked,renderTriggered'.split(
    ',',
  );

/**
 * Readable text for Vue's `info`: `render function` for `1` or
 * `https://vuejs.org/error-reference/#runtime-1`, `mounted hook` for `m`. Text (Vue 2, Vue 3
 * development builds) comes back as it is, but for the empty watcher expression of Vue 2's
 * production build (`callback for watcher ""`).
 */
export function lifecycleHook(info: unknown): string {
  const text = String(info);
  const code = (/(?:^|#runtime-)(\w{1,3})$/.exec(text) || [])[1];
  const hook = code ? HOOK_CODES.indexOf(code) : -1;
  return (hook < 0 ? code && /^\d+$/.test(code) && CODES[+code] : HOOKS[hook] + ' hook') || text.replace(/ ""$/, '');
}
