// Moved to @faultline/upload's test helpers.
export * from '../../../upload/test/helpers/zip';
