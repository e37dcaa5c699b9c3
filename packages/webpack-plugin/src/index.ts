import { FaultlineWebpackPlugin } from './plugin';

export { FaultlineWebpackPlugin };
export { UploadError } from './upload-error';
export { makeFetchTransport } from './transport';
export type { FaultlineWebpackPluginOptions, FileFilter, UploadMode } from './options';
export type { Transport, TransportRequest, TransportResponse } from './transport';
export default FaultlineWebpackPlugin;
