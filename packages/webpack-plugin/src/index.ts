import { FaultlineWebpackPlugin } from './plugin';

export { FaultlineWebpackPlugin };
// The upload itself lives in @faultline/upload: its error class and transport are the plugin's too.
export { UploadError, makeFetchTransport } from '@faultline/upload';
export type { FaultlineWebpackPluginOptions, FileFilter, UploadMode } from './options';
export type { Transport, TransportRequest, TransportResponse } from '@faultline/upload';
export default FaultlineWebpackPlugin;
