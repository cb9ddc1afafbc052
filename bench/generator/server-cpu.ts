import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times: USER_HZ, 100 on Linux for every architecture Node runs on. */
const TICKS_PER_SECOND = 100;

/**
 * The CPU time a process has used so far, in milliseconds, all its threads
 * (user and system), from /proc (Linux). A share of a busy machine's core
 * costs a process time it waits, not CPU it uses: of the figures a run
 * takes, this one moves least with what else runs on the machine.
 */
export function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name, in parentheses, may hold spaces; the fields after it are the 3rd onwards.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / TICKS_PER_SECOND;
}
