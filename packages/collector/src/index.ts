export { startCollector } from './collector';
export type { Collector, CollectorInfo, CollectorOptions } from './collector';
export { runCli } from './cli';
