import { z } from 'zod';

// Zod compiles fast parsers with `new Function` when the page allows it; our Content-Security-Policy does not
// (script-src 'self', no 'unsafe-eval'), so the probe would only log a CSP violation. Imported first by main.tsx.
z.config({ jitless: true });
