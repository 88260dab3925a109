import { PublicError } from '@ecs-deploy/plugin-ecs-deploy-node';

interface BodyParserError {
  type: string;
  status: number;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  const e = error as Partial<BodyParserError> | null;
  return typeof e?.type === 'string' && typeof e.status === 'number';
}

// Errors of express.json() (body-parser, `type`) as the caller sees them;
// the status is body-parser's own. Nothing of the body is echoed.
const ANSWERS: Record<string, Omit<PublicError, 'statusCode'>> = {
  'entity.parse.failed': {
    name: 'InputError',
    code: 'InvalidInput',
    message: 'Invalid request: body: not valid JSON',
  },
  'request.aborted': {
    name: 'InputError',
    code: 'InvalidInput',
    message: 'Invalid request: body: the request was aborted',
  },
  'request.size.invalid': {
    name: 'InputError',
    code: 'InvalidInput',
    message: 'Invalid request: body: shorter or longer than its Content-Length',
  },
  'entity.too.large': {
    name: 'PayloadTooLargeError',
    code: 'PayloadTooLarge',
    message: 'Invalid request: body: larger than the API accepts',
  },
  'charset.unsupported': {
    name: 'UnsupportedMediaTypeError',
    code: 'UnsupportedMediaType',
    message: 'Invalid request: Content-Type: the body must be UTF-8 JSON',
  },
  'encoding.unsupported': {
    name: 'UnsupportedMediaTypeError',
    code: 'UnsupportedMediaType',
    message:
      'Invalid request: Content-Encoding: not an encoding the API accepts',
  },
};

/** The answer to an error of the JSON body parser, if it is one. */
export function bodyParserError(error: unknown): PublicError | undefined {
  if (!isBodyParserError(error)) return undefined;
  const answer = ANSWERS[error.type];
  return answer && { ...answer, statusCode: error.status };
}
