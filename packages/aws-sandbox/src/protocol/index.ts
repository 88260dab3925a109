export { decodeRequest, executeCall, encodeError } from './dispatch';
export { callerInfo, headerValue } from './requestInfo';
export type { CallerInfo } from './requestInfo';
export type { DecodedCall, WireResponse } from './types';
