import { faultline } from './plugin';

export { faultline };
export type { FaultlinePlugin } from './plugin';
export type { FaultlineVitePluginOptions, FileFilter, UploadMode } from './options';
// The upload itself lives in @faultline/upload: its error class and transport are the plugin's too.
export { UploadError, makeFetchTransport } from '@faultline/upload';
export type { Transport, TransportRequest, TransportResponse } from '@faultline/upload';
export default faultline;
