export { startCollector } from './collector';
export type { Collector, CollectorInfo, CollectorOptions } from './collector';
export type { AdmissionOptions } from './ingest/admission';
export { runCli } from './cli';
