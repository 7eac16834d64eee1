import { ServiceError } from '../../src-main/node/dashscope/errors';

/** The ServiceError a promise rejects with; fails the test if it resolves or throws anything else. */
export async function serviceFailure(p: Promise<unknown>): Promise<ServiceError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ServiceError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}
