/**
 * The registry of the machine's everyday tools: name -> program. The shell installs
 * every entry in /bin, so `ls /bin`, `command -v` and exec from a guest program find them.
 */
import type { UserProgram } from '../sys.js';
import { join, split } from './split-join.js';
import { hexdump, od, strings, xxd } from './dump.js';
import { install, less, more } from './install.js';
import { stat } from './stat.js';
import { diff } from './diff.js';
import { df, du } from './disk.js';
import { expr } from './expr.js';
import { gdbserver } from './gdbserver.js';
import { kill, ps, setsid, timeout } from './process-tools.js';
import { tar } from './tar.js';
import { base64 } from './base64.js';
import { md5sum, sha1sum, sha256sum, sha512sum } from './checksum.js';
import { cmp } from './cmp.js';
import { date } from './date.js';
import { gunzip, gzip, zcat } from './gzip.js';
import { groups, id, logname, whoami } from './identity.js';
import { comm, fold, nl, paste, rev, tac } from './line-tools.js';
import { mktemp, readlink, realpath, truncate, which } from './path-tools.js';
import { seq } from './seq.js';
import { sleep, usleep } from './sleep.js';
import { clear, free, hostname, nproc, stty, sync, tty, uname } from './system-info.js';
import { awk } from './awk.js';
import { basename, dirname } from './basename-dirname.js';
import { cat } from './cat.js';
import { chmod, chown } from './chmod.js';
import { cp } from './cp.js';
import { ln } from './ln.js';
import { ls } from './ls.js';
import { mkdir, rmdir } from './mkdir.js';
import { mkfifo } from './mkfifo.js';
import { mv } from './mv.js';
import { rm } from './rm.js';
import { touch } from './touch.js';
import { cut } from './cut.js';
import { egrep, fgrep, grep } from './grep.js';
import { sed } from './sed.js';
import { sort } from './sort.js';
import { tr } from './tr.js';
import { uniq } from './uniq.js';
import { env, printenv } from './env.js';
import { find } from './find.js';
import { file } from './file.js';
import { xargs } from './xargs.js';
import { echo } from './echo.js';
import { head } from './head.js';
import { printf } from './printf.js';
import { pwd } from './pwd.js';
import { tail } from './tail.js';
import { tee } from './tee.js';
import { bracket, test } from './test.js';
import { falseTool, trueTool } from './true-false.js';
import { wc } from './wc.js';
import { yes } from './yes.js';

export const TOOLS: Record<string, UserProgram> = {
  '[': bracket,
  awk,
  base64,
  basename,
  cat,
  chmod,
  chown,
  clear,
  cmp,
  comm,
  cp,
  cut,
  date,
  df,
  diff,
  dirname,
  du,
  echo,
  egrep,
  env,
  expr,
  false: falseTool,
  fgrep,
  file,
  find,
  fold,
  free,
  gdbserver,
  grep,
  groups,
  gunzip,
  gzip,
  head,
  hexdump,
  hostname,
  id,
  install,
  join,
  kill,
  less,
  ln,
  logname,
  ls,
  md5sum,
  mkdir,
  mkfifo,
  mktemp,
  more,
  mv,
  nl,
  nproc,
  od,
  paste,
  printenv,
  printf,
  ps,
  pwd,
  readlink,
  realpath,
  rev,
  rm,
  rmdir,
  sed,
  seq,
  sha1sum,
  sha256sum,
  sha512sum,
  sleep,
  sort,
  split,
  stat,
  strings,
  stty,
  sync,
  tac,
  tail,
  tar,
  tee,
  test,
  timeout,
  setsid,
  touch,
  tr,
  true: trueTool,
  truncate,
  tty,
  uname,
  uniq,
  usleep,
  wc,
  which,
  whoami,
  xargs,
  xxd,
  yes,
  zcat,
};
