import { z } from 'zod';

// zod compiles fast parsers with `new Function` unless told not to; under the renderer's CSP
// (no 'unsafe-eval') its probe for that would be reported as a violation on every start.
z.config({ jitless: true });
