/**
 * The shell corpus: scripts and one-liners that /bin/sh must run exactly as Debian's dash
 * does (stdout and exit status compared). Written for this project from the categories of
 * the POSIX shell test suites (dash's, mksh's, oils' spec tests): expansions, quoting,
 * compound commands, redirections, here-documents, functions, traps, jobs, special
 * parameters and the builtins. They use only shell builtins and the /bin tools on main.
 */

export interface CorpusCase {
  script: string;
  stdin?: string;
  /** Run as `sh -s` with the script on stdin instead of `sh -c`. */
  viaStdin?: boolean;
}

const c = (script: string, extra: Partial<CorpusCase> = {}): CorpusCase => ({ script, ...extra });

export const CORPUS: Record<string, CorpusCase[]> = {
  'quoting': [
    c(`echo 'a  b' "c  d" e\\ f`),
    c(`echo "a'b" 'a"b'`),
    c(`echo "\\$x \\\`y\\\` \\\\ \\"q\\" \\a"`),
    c(`echo 'it'\\''s'`),
    c(`echo "" x ''`),
    c(`set -- "" ""; echo $#`),
    c(`echo a\\
b`),
    c(`echo "a\\
b"`),
    c(`echo '\\n' "\\n"`),
    c(`x='a b'; printf '[%s]\\n' $x "$x"`),
    c(`printf '[%s]\\n' 'x'"y"z`),
    c(`echo \\# not a comment # a comment`),
    c(`echo a#b`),
    c(`echo $'x'`),
    c(`echo "\${x-'q'}"`),
    c(`echo '$HOME'`),
  ],
  'parameters': [
    c(`x=1; echo $x \${x} "\${x}y"`),
    c(`unset x; echo "[\${x-default}]" "[\${x:-default}]"`),
    c(`x=; echo "[\${x-default}]" "[\${x:-default}]"`),
    c(`x=v; echo "[\${x-default}]" "[\${x:-default}]"`),
    c(`unset x; echo "[\${x+alt}]" "[\${x:+alt}]"; x=; echo "[\${x+alt}]" "[\${x:+alt}]"; x=1; echo "[\${x+alt}]"`),
    c(`unset x; echo \${x=assigned}; echo $x`),
    c(`x=; echo \${x:=assigned}; echo $x`),
    c(`unset x; (echo \${x?oops}); echo $?`),
    c(`x=hello; echo \${#x}`),
    c(`x=héllo; echo \${#x}`),
    c(`x=/a/b/c.tar.gz; echo \${x#*/} \${x##*/} \${x%.*} \${x%%.*}`),
    c(`x=aaa; echo \${x#a} \${x##a} \${x%a} \${x%%a} \${x#*} \${x##*}`),
    c(`x='a*b'; echo \${x#"a*"} \${x#a\\*}`),
    c(`x=abcabc; echo \${x%b*} \${x%%b*} \${x#*b} \${x##*b}`),
    c(`x=file.txt; echo \${x%.[a-z]*}`),
    c(`set -- a b c; echo \${1} \${2} \${3} \${4-none}`),
    c(`set -- 1 2 3 4 5 6 7 8 9 10 11; echo \${10} \${11} $10`),
    c(`x=abc; y=x; echo \${y}`),
    c(`echo \${x:-a b c}`),
    c(`echo "\${x:-a  b}"`),
    c(`set -- a b; echo \${#}`),
    c(`x="a b c"; set -- $x; echo $#`),
    c(`unset x; echo \${x:-\${y:-nested}}`),
    c(`x=5; echo \${x:+"\$x is set"}`),
    c(`HOME=/h; echo ~ ~/x "~" ~nosuchuser`),
    c(`HOME=/h; x=~/a:~/b; echo $x`),
    c(`HOME=/h; echo a=~/x`),
  ],
  'special parameters': [
    c(`set -- a 'b c' d; for i in "$@"; do echo "[$i]"; done`),
    c(`set -- a 'b c' d; for i in "$*"; do echo "[$i]"; done`),
    c(`set -- a 'b c' d; for i in $@; do echo "[$i]"; done`),
    c(`set -- a 'b c' d; for i in $*; do echo "[$i]"; done`),
    c(`set --; for i in "$@"; do echo "[$i]"; done; echo done`),
    c(`set -- a b; IFS=:; echo "$*"`),
    c(`set -- a b; IFS=; echo "$*"`),
    c(`set -- x; echo "pre$@post"`),
    c(`set -- a b; echo "pre$@post"`),
    c(`false; echo $?; true; echo $?`),
    c(`(exit 7); echo $?`),
    c(`echo $# ; set -- 1 2 3; echo $#; shift; echo $# $1`),
    c(`test $$ -gt 0 && echo pid-ok`),
    c(`x=$$; y=$(echo $$); test "$x" = "$y" && echo same`),
    c(`sleep 0 & test -n "$!" && echo bg-ok; wait`),
    c(`echo $0 | wc -c | { read n; test $n -gt 0 && echo has0; }`),
    c(`set -e; echo $- | grep -q e 2>/dev/null || case $- in *e*) echo e-set;; esac`),
    c(`case $- in *f*) echo f;; *) echo nof;; esac; set -f; case $- in *f*) echo f;; esac`),
    c(`f() { echo $#:$1; }; f a b; f; f ''`),
    c(`set -- a b c; shift 2; echo $*`),
    c(`set -- a; shift 5; echo not reached`),
  ],
  'arithmetic': [
    c(`echo $((1+2)) $((7/2)) $((7%3)) $((-7/2)) $((-7%3))`),
    c(`echo $((2*3+4)) $((2*(3+4))) $((10-2-3))`),
    c(`echo $((1<<4)) $((256>>2)) $((5&3)) $((5|3)) $((5^3)) $((~0))`),
    c(`echo $((1<2)) $((2<1)) $((1<=1)) $((2>=3)) $((1==1)) $((1!=1))`),
    c(`echo $((1&&0)) $((1||0)) $((0||0)) $((!5)) $((!0))`),
    c(`echo $((1?2:3)) $((0?2:3))`),
    c(`x=5; echo $((x+1)) $(($x+1)) $((x*=2)) $x`),
    c(`x=1; : $((x+=4)); echo $x; : $((x-=1)); echo $x; : $((x<<=2)); echo $x`),
    c(`echo $((0x10)) $((010)) $((0))`),
    c(`echo $((9223372036854775807+1))`),
    c(`unset x; echo $((x+1))`),
    c(`x=3; y=x; echo $((y))`, {}),
    c(`echo $(( (1+2) * (3+4) ))`),
    c(`a=2 b=3; echo $((a*b+a))`),
    c(`echo $((1/0)); echo after`),
    c(`i=0; while [ $i -lt 5 ]; do i=$((i+1)); done; echo $i`),
    c(`echo $((-3)) $((+3)) $((- -3))`),
    c(`x=0; echo $((x=x+1, 5))`),
    c(`echo $(( 1 ? 0 ? 5 : 6 : 7 ))`),
    c(`echo $((2 > 1 && 3 > 2))`),
  ],
  'command substitution': [
    c(`echo $(echo hi)`),
    c(`echo "$(echo '  spaced  ')"`),
    c(`echo $(echo '  spaced  ')`),
    c(`x=$(printf 'a\\n\\n\\n'); echo "[$x]"`),
    c('echo `echo back`'),
    c('echo `echo \\`echo nested\\``'),
    c(`echo $(echo $(echo deep))`),
    c(`x=$(exit 3); echo $?`),
    c(`echo $(case a in a) echo paren;; esac)`),
    c(`echo "$(echo "inner \\"q\\"")"`),
    c(`x=$(echo a; echo b); echo "$x"`),
    c(`echo $(cat <<EOF
heredoc in subst
EOF
)`),
    c(`x=1; y=$(x=2; echo $x); echo $x $y`),
    c(`echo $( (echo sub) )`),
    c(`echo "$(printf '%s' "a b")"`),
    c(`f() { echo fn; }; echo $(f)`),
    c(`echo $(echo a)$(echo b)`),
    c(`set -- $(echo 1 2 3); echo $#`),
    c(`echo \`echo '$HOME'\``),
  ],
  'field splitting': [
    c(`x='a b  c'; set -- $x; echo $#`),
    c(`x=' a b '; set -- $x; echo $#`),
    c(`IFS=:; x='a:b::c'; set -- $x; echo $#; for i; do echo "[$i]"; done`),
    c(`IFS=:; x=':a:'; set -- $x; echo $#`),
    c(`IFS=' :'; x=' a : b '; set -- $x; echo $#; echo "$1|$2"`),
    c(`IFS=; x='a b'; set -- $x; echo $#`),
    c(`x='a
b'; set -- $x; echo $#`),
    c(`IFS=,; x='1,2,3'; for i in $x; do echo $i; done`),
    c(`x='*'; set -f; echo $x; set +f`),
    c(`unset IFS; x='a	b'; set -- $x; echo $#`),
    c(`x=''; set -- $x; echo $#`),
    c(`x=''; set -- "$x"; echo $#`),
    c(`IFS=x; x=axbxc; echo $x; echo "$x"`),
    c(`x='a b'; y=$x; echo "$y"`),
  ],
  'pathname expansion': [
    c(`mkdir g && cd g && touch a.txt b.txt c.log .hidden && echo *.txt && echo * && echo .* | tr -d . 2>/dev/null; echo ?.log`),
    c(`mkdir g && cd g && touch a b && echo [ab] [!a] [a-b]`),
    c(`mkdir g && cd g && echo *.nomatch`),
    c(`mkdir g && cd g && touch 'x*' && echo x\\* "x*" x*`),
    c(`mkdir -p g/d1 g/d2 && touch g/d1/f && cd g && echo */ && echo */f`),
    c(`mkdir g && cd g && touch a && set -f && echo * && set +f && echo *`),
    c(`mkdir g && cd g && touch a1 a2 b1 && for f in a*; do echo $f; done`),
    c(`mkdir g && cd g && touch A b C && echo [[:upper:]]`),
    c(`mkdir g && cd g && touch '-n' && echo *`),
    c(`mkdir g && cd g && x='*'; touch q; echo $x "$x"`),
  ],
  'if and test': [
    c(`if true; then echo yes; fi`),
    c(`if false; then echo yes; else echo no; fi`),
    c(`if false; then echo 1; elif true; then echo 2; else echo 3; fi`),
    c(`if false; then :; fi; echo $?`),
    c(`if (exit 3); then :; else echo $?; fi`),
    c(`[ a = a ] && echo eq; [ a != b ] && echo ne`),
    c(`[ 1 -lt 2 ] && [ 2 -gt 1 ] && [ 2 -ge 2 ] && [ 1 -le 1 ] && [ 1 -eq 1 ] && [ 1 -ne 2 ] && echo ints`),
    c(`[ -n x ] && [ -z '' ] && [ x ] && ! [ '' ] && echo strings`),
    c(`touch f; [ -f f ] && [ -e f ] && ! [ -d f ] && [ -d . ] && echo files`),
    c(`[ ! -e nosuch ] && echo missing`),
    c(`[ 1 -eq 1 -a 2 -eq 2 ] && echo and; [ 1 -eq 2 -o 2 -eq 2 ] && echo or`),
    c(`[ \\( 1 -eq 1 \\) ] && echo paren`),
    c(`test; echo $?; test ''; echo $?; test x; echo $?`),
    c(`[ a = b ]; echo $?`),
    c(`[ 1 -lt x ]; echo $?`),
    c(`[ a ]; echo $?; [ ]; echo $?`),
    c(`touch f; [ -s f ]; echo $?; echo x > f; [ -s f ]; echo $?`),
    c(`[ -x /bin/sh ] && echo exec`),
    c(`test ! x; echo $?`),
    c(`[ abc \\< abd ] && echo less`),
  ],
  'loops': [
    c(`for i in 1 2 3; do echo $i; done`),
    c(`for i in; do echo never; done; echo done`),
    c(`set -- x y; for i; do echo $i; done`),
    c(`i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done`),
    c(`i=0; until [ $i -ge 3 ]; do echo $i; i=$((i+1)); done`),
    c(`for i in 1 2 3 4; do [ $i = 3 ] && break; echo $i; done`),
    c(`for i in 1 2 3 4; do [ $i = 2 ] && continue; echo $i; done`),
    c(`for i in 1 2; do for j in a b; do [ $j = b ] && break 2; echo $i$j; done; done`),
    c(`for i in 1 2; do for j in a b; do [ $j = a ] && continue 2; echo $i$j; done; done`),
    c(`while false; do :; done; echo $?`),
    c(`for i in a b; do :; done; echo $i`),
    c(`i=0; while :; do i=$((i+1)); [ $i -ge 5 ] && break; done; echo $i`),
    c(`printf 'a\\nb\\nc\\n' | while read l; do echo "<$l>"; done`),
    c(`for i in 1 2 3; do echo $i; done | wc -l`),
    c(`x=0; for i in 1 2 3; do x=$((x+i)); done; echo $x`),
    c(`for i in "a b" c; do echo "$i"; done`),
    c(`for i in $(echo 1 2); do echo n$i; done`),
    c(`i=0; while [ $i -lt 2 ]
do
  echo line $i
  i=$((i+1))
done`),
    c(`for i in 1 2 3; do echo $i; false; done; echo $?`),
    c(`break; echo after-break`),
  ],
  'case': [
    c(`case abc in a*) echo A;; b*) echo B;; esac`),
    c(`case x in a|x|y) echo alt;; esac`),
    c(`case x in (x) echo leading-paren;; esac`),
    c(`case nothing in a) echo a;; esac; echo $?`),
    c(`case '*' in '*') echo literal;; *) echo glob;; esac`),
    c(`x=b; case $x in a) ;; b) echo bee;; esac`),
    c(`case ab in [ab][ab]) echo class;; esac`),
    c(`case a in [!b]) echo neg;; esac`),
    c(`case 'a b' in 'a b') echo spaced;; esac`),
    c(`x='*'; case abc in $x) echo pattern-from-var;; esac`),
    c(`x='*'; case abc in "$x") echo quoted;; *) echo not-quoted;; esac`),
    c(`case x in
  x)
    echo multi
    ;;
esac`),
    c(`case x in x) echo last-no-semis; esac`),
    c(`case "" in '') echo empty;; esac`),
    c(`case a.c in *.c) echo c-file;; *.h) echo h;; esac`),
    c(`case x in x) false;; esac; echo $?`),
  ],
  'functions': [
    c(`f() { echo in f; }; f`),
    c(`f() { return 3; }; f; echo $?`),
    c(`f() { echo $1 $2; }; f a b`),
    c(`f() { echo $#; }; set -- x y z; f; f 1`),
    c(`f() { local x=inner; echo $x; }; x=outer; f; echo $x`),
    c(`f() { x=changed; }; x=orig; f; echo $x`),
    c(`f() { local x; x=2; g; }; g() { echo $x; }; x=1; f; echo $x`),
    c(`fact() { if [ $1 -le 1 ]; then echo 1; else echo $(( $1 * $(fact $(($1-1))) )); fi; }; fact 6`),
    c(`f() { echo a; return; echo b; }; f`),
    c(`f() ( echo subshell-body; x=1 ); x=0; f; echo $x`),
    c(`f() { for i in 1 2 3; do [ $i = 2 ] && return 5; done; }; f; echo $?`),
    c(`f() { echo "$@"; }; f 'a b' c`),
    c(`f() { :; }; unset -f f; f 2>/dev/null; echo $?`),
    c(`f() { echo one; }; f() { echo two; }; f`),
    c(`x=1 f() { echo $x; }; f`),
    c(`f() { echo $x; }; x=tmp f; echo "[$x]"`),
    c(`f()
{
  echo newline-body
}
f`),
    c(`f() { g() { echo inner-def; }; }; f; g`),
    c(`f() { echo $0; }; f | grep -c . >/dev/null 2>&1; echo ok`),
    c(`count() { echo $#; }; count "$@"; set -- a b; count "$@"`),
  ],
  'subshells and groups': [
    c(`(echo sub)`),
    c(`x=1; (x=2); echo $x`),
    c(`{ echo a; echo b; } | wc -l`),
    c(`x=1; { x=2; }; echo $x`),
    c(`(cd /; pwd); pwd >/dev/null; echo ok`),
    c(`(exit 4); echo $?`),
    c(`( (echo nested) )`),
    c(`{ echo grouped; } > out; cat out`),
    c(`(echo a; exit 2; echo b); echo $?`),
    c(`{ false; }; echo $?`),
    c(`(set -- 1 2; echo $#); echo $#`),
    c(`(trap 'echo sub-exit' EXIT; echo body)`),
    c(`x=$( { echo g1; echo g2; } ); echo $x`),
    c(`(echo out; echo err >&2) 2>/dev/null`),
  ],
  'pipelines and lists': [
    c(`echo a | cat`),
    c(`echo a | cat | cat | cat`),
    c(`true | false; echo $?`),
    c(`false | true; echo $?`),
    c(`! true; echo $?; ! false; echo $?`),
    c(`true && echo and1; false && echo and2; false || echo or1; true || echo or2`),
    c(`false || false || echo third`),
    c(`true && false || echo fallback`),
    c(`echo a; echo b; echo c`),
    c(`x=1 | x=2; echo $x`, {}),
    c(`echo a &&
echo b`),
    c(`echo a ||
echo b`),
    c(`echo a |
cat`),
    c(`printf 'x\\ny\\n' | head -1`),
    c(`echo abc | { read x; echo got $x; }`),
    c(`yes | head -3`),
    c(`! false | false; echo $?`),
    c(`echo start; (sleep 0; echo bg) & wait; echo end`),
  ],
  'redirections': [
    c(`echo a > f; cat f`),
    c(`echo a > f; echo b >> f; cat f`),
    c(`echo a > f; cat < f`),
    c(`echo err >&2 2>/dev/null; echo ok`),
    c(`{ echo out; echo err >&2; } 2>&1 | cat`),
    c(`{ echo out; echo err >&2; } 2>/dev/null`),
    c(`{ echo out; echo err >&2; } >/dev/null 2>&1; echo silent`),
    c(`echo x 2>&1 >/dev/null | cat`),
    c(`exec 3>f3; echo via3 >&3; exec 3>&-; cat f3`),
    c(`exec 4<&0; exec 4<&-; echo closed`),
    c(`echo data > f; exec 5<f; read line <&5; echo $line; exec 5<&-`),
    c(`echo a > f; echo b 1<>f; cat f`),
    c(`set -C; echo a > f; echo b > f; echo $?; echo c >| f; cat f`),
    c(`set -C; echo x > /dev/null && echo devnull-ok`),
    c(`cat < nosuch; echo $?`),
    c(`echo > nodir/x; echo $?`),
    c(`>empty; wc -c < empty`),
    c(`echo a >&-; echo $?`, {}),
    c(`x=f; echo dyn > $x; cat f`),
    c(`echo one 1>f two; cat f`),
    c(`cat nosuch 2>/dev/null; echo $?`),
    c(`for i in 1 2; do echo $i; done > f; cat f`),
    c(`while read l; do echo "[$l]"; done < f`, {}),
    c(`if true; then echo in-if; fi > f; cat f`),
    c(`echo 'x' > 'sp ace'; cat 'sp ace'`),
    c(`echo a 3>&1 1>&2 2>&3 2>/dev/null`),
    c(`exec 6>f6; (echo from-subshell >&6); exec 6>&-; cat f6`),
    c(`echo a >f; exec 0<f; read x; echo $x`),
    c(`{ echo 1; echo 2; } | { read a; read b; echo $b $a; }`),
    c(`cat <&- 2>/dev/null; echo $?`),
  ],
  'here-documents': [
    c(`cat <<EOF
hello
EOF`),
    c(`x=world; cat <<EOF
hello $x $(echo sub) $((1+1))
EOF`),
    c(`x=world; cat <<'EOF'
hello $x $(echo sub)
EOF`),
    c(`x=w; cat <<"EOF"
quoted "$x"
EOF`),
    c(`cat <<-EOF
	tab stripped
		two tabs
	EOF`),
    c(`cat <<EOF
back\\slash \\$x \\\`x\\\` "dq"
EOF`),
    c(`cat <<EOF; echo after
body
EOF`),
    c(`cat <<A; cat <<B
first
A
second
B`),
    c(`cat <<EOF | wc -l
1
2
3
EOF`),
    c(`while read l; do echo "<$l>"; done <<EOF
a
b
EOF`),
    c(`f() { cat <<EOF
in function $1
EOF
}; f arg`),
    c(`cat <<EOF
EOF
echo empty-body`),
    c(`cat << EOF
spaced op
EOF`),
    c(`cat <<E\\OF
escaped $delim
EOF`),
    c(`x=1; cat <<EOF
\${x:+set} \${y:-unset}
EOF`),
    c(`cat <<EOF
line with trailing backslash \\
continued
EOF`),
    c(`read a b <<EOF
one two three
EOF
echo "$a|$b"`),
    c(`cat <<EOF 2>/dev/null
to stdout
EOF`),
  ],
  'traps and signals': [
    c(`trap 'echo exiting' EXIT; echo body`),
    c(`trap 'echo exiting $?' EXIT; exit 3`),
    c(`trap 'echo caught' USR1; kill -USR1 $$; echo after`),
    c(`trap 'echo term' TERM; kill $$; echo survived`),
    c(`trap '' INT; trap`),
    c(`trap 'echo x' EXIT; trap - EXIT; echo no-trap`),
    c(`trap 'echo a' EXIT; trap`),
    c(`(trap 'echo in-sub' EXIT); echo parent`),
    c(`trap 'echo hup' HUP; kill -HUP $$; echo done`),
    c(`f() { trap 'echo fexit' EXIT; }; f; echo after-f`),
    c(`trap 'echo $x' EXIT; x=late`),
    c(`sh -c 'kill -TERM $$'; echo $?`),
    c(`sh -c 'kill -KILL $$'; echo $?`),
    c(`sh -c 'kill -INT $$'; echo $?`),
    c(`trap 'echo usr2' 12; kill -12 $$`),
    c(`kill -l 15; kill -l 143`),
  ],
  'jobs and wait': [
    c(`sleep 0 & wait $!; echo $?`),
    c(`(exit 5) & wait $!; echo $?`),
    c(`(exit 3) & (exit 4) & wait; echo $?`),
    c(`echo a & wait; echo b`),
    c(`(echo late) > f & wait; echo early; cat f`),
    // Each job writes its own file: the order in which concurrent jobs write is not defined.
    c(`for i in 1 2 3; do (echo job$i) > f$i & done; wait; cat f1 f2 f3`),
    c(`wait; echo nothing-to-wait`),
    c(`sleep 5 & kill $!; wait $!; echo $?`),
    c(`sleep 5 & kill %1; wait; echo killed`),
    c(`x=1; (x=2) & wait; echo $x`),
    c(`true & pid=$!; wait $pid; echo status $?`),
  ],
  'set options': [
    c(`set -e; false; echo not-reached`),
    c(`set -e; false || echo rescued; echo continues`),
    c(`set -e; if false; then :; fi; echo if-ok`),
    c(`set -e; ! true; echo bang-ok`),
    c(`set -e; f() { false; echo in-f; }; f; echo after`),
    c(`set -e; (false); echo not-reached`),
    c(`set -e; x=$(false); echo assignment-continues`),
    c(`set -e; while false; do :; done; echo loop-ok`),
    c(`set -e; false && true; echo andand-ok`),
    c(`set -u; echo $nosuch; echo not-reached`),
    c(`set -u; echo \${nosuch:-default}`),
    c(`set -u; set -- a; echo $1`),
    c(`set -x; echo traced 2>/dev/null`),
    c(`set -f; echo /b*`),
    c(`set -o noglob; echo /b*; set +o noglob`),
    c(`set -- a b c; echo $#; set --; echo $#`),
    c(`set -n; echo not-run`),
    c(`set -e; set +e; false; echo plus-e`),
    c(`set -o | grep -c . >/dev/null; echo listed`),
    c(`set -a; x=exported; sh -c 'echo $x'`),
  ],
  'builtins': [
    c(`echo -n no-newline; echo`),
    c(`echo 'a\\tb'`),
    c(`echo 'a\\cb'; echo next`),
    c(`printf '%s-%s\\n' a b c d`),
    c(`printf '%d %5d|%-5d|%05d\\n' 42 42 42 42`),
    c(`printf '%x %X %o %c\\n' 255 255 8 A`),
    c(`printf '%.2f %e\\n' 3.14159 1234.5`),
    c(`printf '%b\\n' 'a\\tb'`),
    c(`printf '%s\\n'`),
    c(`printf 'no args\\n'`),
    c(`printf '%5s|%-5s|\\n' ab cd`),
    c(`printf '%d\\n' abc; echo $?`),
    c(`printf '%%\\n'`),
    c(`printf '%s' "$(printf '\\101')"; echo`),
    c(`read x <<EOF
value
EOF
echo $x`),
    c(`echo 'a b c' | { read x y; echo "$x|$y"; }`),
    c(`echo '  lead trail  ' | { read x; echo "[$x]"; }`),
    c(`echo 'a\\b' | { read x; echo "$x"; }`),
    c(`echo 'a\\b' | { read -r x; echo "$x"; }`),
    c(`printf 'no newline' | { read x; echo "$? $x"; }`),
    c(`echo 'a:b:c' | { IFS=: read x y z; echo $z$y$x; }`),
    c(`cd /; pwd; cd /tmp; pwd`),
    c(`cd /bin; cd /; cd -; pwd`),
    c(`cd /nosuch; echo $?`),
    c(`mkdir -p d/e; cd d/e; cd ../..; pwd | grep -c . >/dev/null; echo back`),
    c(`export A=1; sh -c 'echo $A'`),
    c(`A=1; sh -c 'echo "[$A]"'`),
    c(`export A=x; export -p | grep -c 'A=' >/dev/null; echo exported`),
    c(`readonly R=1; R=2; echo not-reached`),
    c(`readonly R=1; (R=2) 2>/dev/null; echo $? $R`),
    c(`x=1; unset x; echo "[\${x-unset}]"`),
    c(`eval 'echo evaluated'`),
    c(`x='echo a; echo b'; eval "$x"`),
    c(`eval x=5; echo $x`),
    c(`cmd='y=$((2+3))'; eval $cmd; echo $y`),
    c(`echo 'echo sourced $1' > s.sh; . ./s.sh arg`),
    c(`echo 'x=from-dot' > s.sh; . ./s.sh; echo $x`),
    c(`echo 'return 4; echo no' > s.sh; . ./s.sh; echo $?`),
    c(`command -v echo; command -v cd; command -v nosuch; echo $?`),
    c(`type cd | grep -c builtin >/dev/null && echo type-ok`),
    c(`command echo via-command`),
    c(`f() { echo func; }; command -v f`),
    c(`alias hi='echo hello'
hi`),
    c(`alias x='echo a'; unalias x; x 2>/dev/null; echo $?`),
    c(`alias ll='ls -l'; alias ll`),
    c(`getopts ab: opt -a; echo $opt $OPTIND`),
    c(`set -- -a -b val rest; while getopts ab: o; do echo "$o $OPTARG"; done; shift $((OPTIND-1)); echo "$@"`),
    c(`set -- -x; getopts ab o 2>/dev/null; echo $o`),
    c(`set -- -ab; while getopts ab o; do echo $o; done`),
    c(`umask 022; umask; umask 077; umask`),
    c(`umask -S 2>/dev/null | grep -c u= >/dev/null; echo sym`),
    c(`true; echo $?; false; echo $?; :; echo $?`),
    c(`exit 3`),
    c(`(exit 256); echo $?`),
    c(`shift 2>/dev/null; echo shifted-nothing`),
    c(`set -- a b c; shift 3; echo $#`),
    c(`hash echo 2>/dev/null; echo hashed`),
    c(`times >/dev/null; echo times-ok`),
    c(`x=$(pwd -P); test -n "$x" && echo pwdP`),
    c(`ulimit -n >/dev/null; echo ulimit-ok`),
  ],
  'named pipes': [
    c(`mkfifo p && ls -l p | cut -c1 && { echo hi > p & cat p; wait; } && rm p && echo done`),
    c(`mkfifo q && { cat q & printf 'a\\nb\\n' > q; wait; } && rm q`),
    c(`mkfifo -m 600 f && ls -l f | cut -c1-10; mkfifo f; echo $?; [ -p f ] && echo pipe`),
  ],
  'printf bytes': [
    c(`printf '\\300\\377\\001' | od -An -tx1`),
    c(`printf 'é%s|%5s|%.1s|\\n' ü ab ü | od -An -tx1`),
    c(`x=$(printf 'a\\303\\251b'); echo "$x" | od -An -c`),
    c(`printf '%b' '\\0101\\0302\\0251' | od -An -tx1`),
  ],
  'ulimit': [
    // Values that differ between two machines are set first, then read back.
    c(`ulimit -n 100; ulimit -n; ulimit -Hn; ulimit -Sn 50; ulimit -n; ulimit -Hn; ulimit -Sn`),
    c(`ulimit -f 100; ulimit -f; ulimit; ulimit -H -f; ulimit -f unlimited 2>/dev/null; echo $?; ulimit -f`),
    c(`ulimit -S -s 4096; ulimit -s; ulimit -Ss`),
    c(`ulimit -c 0; ulimit -c; ulimit -Sc 0; ulimit -Sc`),
    c(`ulimit -Sv 32768; ulimit -v; ulimit -Sd 16384; ulimit -d`),
    c(`ulimit -St 30; ulimit -t; ulimit -Sp 50; ulimit -p`),
    c(`ulimit -a | cut -c1-21`),
    c(`ulimit -Sn 64; ulimit -Sf 200; ulimit -a | grep -E '^(file|nofiles)'`),
    c(`ulimit -Sn 40; sh -c 'ulimit -n'; (ulimit -n 30; ulimit -n); ulimit -n`),
    c(`ulimit -Hn 80; ulimit -Sn 90 2>/dev/null; echo $?; ulimit -n`),
    c(`ulimit -x 2>/dev/null; echo $?`),
    c(`ulimit -n abc 2>/dev/null; echo $?`),
    c(`ulimit -Sn 10; exec 3>/dev/null; echo three; (exec 12>/dev/null; echo twelve) 2>/dev/null; echo $?`),
    c(`ulimit -Sf 1; (head -c 2000 /dev/zero > big) 2>/dev/null; echo $?; wc -c < big`),
    c(`exec echo replaced; echo not-reached`),
    c(`exec 2>/dev/null; echo still-here`),
    c(`echo $(type nosuch >/dev/null 2>&1; echo $?)`),
    c(`local x 2>/dev/null; echo $?`),
  ],
  'scripts via stdin': [
    c(`echo line1
echo line2
x=3
echo $x`, { viaStdin: true }),
    c(`if true
then
  echo multi-line-if
fi`, { viaStdin: true }),
    c(`cat <<EOF
heredoc via stdin
EOF
echo after`, { viaStdin: true }),
    c(`read x
echo "read: $x"
data line`, { viaStdin: true }),
    c(`echo one
exit 5
echo two`, { viaStdin: true }),
    c(`f() {
  echo "f: $1"
}
f a
f b`, { viaStdin: true }),
    c(`echo start
nosuchcommand
echo continues $?`, { viaStdin: true }),
    c(`for i in 1 2
do
  echo $i
done`, { viaStdin: true }),
  ],
  'errors': [
    c(`echo a | | b`),
    c(`if true; then echo x`),
    c(`echo 'unterminated`),
    c(`echo ok; )`),
    c(`nosuchcommand; echo $?`),
    c(`/nosuch/path; echo $?`),
    c(`./nofile; echo $?`),
    c(`touch f; ./f; echo $?`),
    c(`for; do :; done`),
    c(`case x in`),
    c(`{ echo a`),
    c(`echo \${x`),
    c(`x=\${; echo $x`),
    c(`fi`),
    c(`echo a; done`),
  ],
  'tools from /bin': [
    c(`printf 'b\\na\\nc\\n' | head -2`),
    c(`printf '1\\n2\\n3\\n4\\n' | tail -2`),
    c(`printf 'a b\\nc\\n' | wc -l`),
    c(`echo hello | tee f >/dev/null; cat f`),
    c(`mkdir -p a/b && touch a/b/c && ls a/b`),
    c(`touch x && mv x y && ls y && rm y && [ -e y ]; echo $?`),
    c(`echo a > f && cp f g && cat g`),
    c(`basename /a/b/c.txt .txt; dirname /a/b/c.txt`),
    c(`ln -s target link && ls -l link | grep -c target >/dev/null && echo linked`),
    c(`chmod 600 /dev/null 2>/dev/null; touch f; chmod 700 f; test -x f && echo exe`),
    c(`ls /bin | grep -c . >/dev/null 2>&1; echo listed`),
    c(`[ -x /bin/sh ] && echo has-sh`),
    c(`sh -c 'echo nested sh $0 $1' zero one`),
    c(`echo 'echo from file $1' > s; sh s arg`),
    c(`printf 'echo via -s\\n' | sh -s`),
    c(`echo 'exit 7' > s; sh s; echo $?`),
    c(`printf '#!/bin/sh\\necho shebang $1\\n' > s; chmod +x s; ./s a`),
    c(`printf 'echo no shebang\\n' > s; chmod +x s; ./s`),
    c(`printf 'b\\na\\nc\\na\\n' | sort`),
    c(`printf 'b\\na\\nc\\na\\n' | sort -u`),
    c(`printf '10\\n9\\n100\\n' | sort -n`),
    c(`printf 'a\\nb\\na\\n' | grep -c a`),
    c(`printf 'x1\\ny2\\nx3\\n' | grep x | wc -l`),
    c(`printf 'abc\\n' | grep -q b && echo found`),
    c(`printf 'abc\\n' | grep -v b; echo $?`),
    c(`echo hello world | sed 's/world/there/'`),
    c(`printf 'a\\nb\\nc\\n' | sed -n 2p`),
    c(`echo a:b:c | cut -d: -f2`),
    c(`echo hello | tr a-z A-Z`),
    c(`printf 'a\\na\\nb\\n' | uniq`),
    c(`echo '1 2 3' | awk '{ print $2 + $3 }'`),
    c(`printf 'x y\\n' | awk '{ print $2, $1 }'`),
    c(`printf 'a\\nb\\n' | xargs echo`),
    c(`mkdir -p t/u && touch t/u/f && find t -name f`),
    c(`for w in c a b; do echo $w; done | sort | head -1`),
    c(`x=$(printf 'b\\na\\n' | sort | tr '\\n' ' '); echo "$x"`),
    c(`seq_() { i=1; while [ $i -le $1 ]; do echo $i; i=$((i+1)); done; }; seq_ 5 | tail -1`),
  ],
};

/** Every case with a stable name (category and index). */
export function corpusCases(): Array<{ name: string } & CorpusCase> {
  return Object.entries(CORPUS).flatMap(([cat, cases]) => cases.map((k, i) => ({ name: `${cat} #${i + 1}`, ...k })));
}
