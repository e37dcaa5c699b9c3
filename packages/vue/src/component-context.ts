import { plainData } from './plain-data';
import type { VueContext } from './types';

// Reads only what both Vue 2 and Vue 3 components expose without complaint: `$`, `$options`,
// `$parent`, `$props` (a Vue 3 instance warns about other keys read during render).

const MAX_TRACE = 20;

/** `my-button` and `my_button` as `MyButton`, the way Vue prints component names. */
const classify = (name: string) => name.replace(/(?:^|[-_])(\w)/g, (_, c: string) => c.toUpperCase());

/** The key under which a registry (`components: {…}`) holds `type`. */
const registered = (registry: any, type: unknown): string | undefined => {
  for (const key in registry) if (registry[key] === type) return key;
};

/** `<MyButton>`, `<Root>` for an unnamed root, `<Anonymous>` otherwise. */
export function componentName(vm: any): string {
  const options = vm.$options || {};
  // Vue 3's internal instance.
  const i = vm.$;
  const file: unknown = options.__file;
  // Vue 3's order; the registry (Vue 3) or the tag in the parent's template (Vue 2) last.
  const name =
    options.name ||
    options.__name ||
    (/([^/\\]+)\.vue$/.exec(file as string) || [])[1] ||
    (i ? registered(i.parent?.type.components, i.type) || registered(i.appContext.components, i.type) : vm.$vnode?.componentOptions?.tag);
  return name ? `<${classify(String(name))}>` : vm.$parent ? '<Anonymous>' : '<Root>';
}

/** The component and its parents, innermost first: `<Child> at src/Child.vue` per line. */
function componentTrace(vm: any): string {
  const lines: string[] = [];
  for (let c = vm; c && lines.length <= MAX_TRACE; c = c.$parent) {
    const file = c.$options?.__file;
    lines.push(lines.length < MAX_TRACE ? componentName(c) + (file ? ` at ${file}` : '') : '…');
  }
  return lines.join('\n');
}

/**
 * `contexts.vue` for an error Vue caught: component, hook, parent chain and props.
 * Without a component (`vm` null or not a component) only the hook.
 */
export function vueContext(vm: any, hook: string, attachProps?: boolean): VueContext {
  const context: VueContext = { lifecycleHook: hook };
  if (vm?.$options) {
    context.componentName = componentName(vm);
    context.trace = componentTrace(vm);
    if (attachProps) context.propsData = plainData(vm.$options.propsData || vm.$props);
  }
  return context;
}
