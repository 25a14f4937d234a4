/** sleep and usleep: wait for seconds (fractions and s/m/h/d suffixes, several summed) or microseconds, through Sys.sleep. */
import { program } from '../lib/program.js';

export const sleep = program('sleep', async (ctx) => {
  if (!ctx.args.length) return ctx.usage('[N]...');
  let ms = 0;
  for (const a of ctx.args) {
    const m = /^(\d*\.?\d*(?:[eE][+-]?\d+)?)([smhd]?)$/.exec(a);
    if (!m || m[1] === '' || m[1] === '.') return ctx.die(`invalid number '${a}'`);
    ms += Number(m[1]) * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400 } as Record<string, number>)[m[2]] * 1000;
  }
  await ctx.sys.sleep(ms);
  return 0;
});

export const usleep = program('usleep', async (ctx) => {
  const us = Number(ctx.args[0] ?? '0');
  if (Number.isNaN(us)) return ctx.die(`invalid number '${ctx.args[0]}'`);
  await ctx.sys.sleep(us / 1000);
  return 0;
});
