// Entry point of scan/: one streaming pass per layer.
export { scanLayer, scanLayerUnless, scanStats, RATIO_FLOOR, type ScanOptions } from './scan-layer.js';
export { entryRecord } from './entry-record.js';
