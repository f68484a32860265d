# zcomplete.zsh DIR WORDS: what zsh's completion (compinit, the _ocop in DIR) offers for WORDS
# typed at an interactive zsh in a pseudo-terminal (zsh/zpty) followed by Tab, one line, sorted.
# compadd is wrapped to print each match between \x01 and \x02; a function run after completion
# prints \x01END\x02, which ends the reading.
zmodload zsh/zpty || exit 1
zpty z zsh -f -i
zpty -w z "PROMPT= ; RPROMPT= ; fpath=($1 \$fpath); autoload -Uz compinit; compinit -u -D"
zpty -w z "comppostfuncs=(__done); __done() { print -r -- \$'\\x01END\\x02'; }"
zpty -w z "compadd() { local -a __h; builtin compadd -O __h \"\$@\"; (( \$#__h )) && print -rl -- \$'\\x01'\${^__h}\$'\\x02'; builtin compadd \"\$@\"; }"
zpty -n -w z "$2"$'\t'
zpty -r z out $'*\x01END\x02*' || exit 1
print -r -- "$out" | tr '\r' '\n' | grep -ao $'\x01[^\x01\x02]*\x02' | tr -d '\001\002' | grep -vx END | sort -u | paste -sd ' ' -
zpty -d z
