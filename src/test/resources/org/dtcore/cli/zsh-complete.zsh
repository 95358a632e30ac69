# zsh -f zsh-complete.zsh FPATH_DIR OUT_FILE 'dtcore chunks --'
# Types the line into an interactive zsh on a pseudo-terminal (zsh/zpty), presses Tab, and writes to OUT_FILE
# every match a completion function offers (each compadd call's words), one per line, then __completed__.
# Exit status: 3 no zpty module, 4 the shell never became ready, 5 the completion never finished.
zmodload zsh/zpty || exit 3
dir=$1 out=$2 typed=$3
: > $out
await() { # MARKER: drain the terminal until the shell has written MARKER as the file's last line
  local i junk
  for i in {1..1200}; do
    zpty -r -t shell junk 2>/dev/null
    [[ -f $out && ${"$(<$out)"##*$'\n'} == $1 ]] && return 0
    sleep 0.05
  done
  return 1
}
zpty shell 'TERM=xterm zsh -f -i'
zpty -w shell 'PS1="> "; bindkey -e; unsetopt beep; setopt no_auto_list no_list_ambiguous no_menu_complete'
zpty -w shell "fpath=(${(q)dir} \$fpath); autoload -Uz compinit; compinit -u -D"
# the words of every compadd that adds matches (not those that only filter into an array: -O -A -D -E)
zpty -w shell 'compadd() { if (( ${@[(I)-[OADE]*]} )); then builtin compadd "$@"; return; fi; local -a m;'\
' builtin compadd -A m "$@"; (( $#m )) && print -rl -- $m >> '${(q)out}'; builtin compadd "$@"; }'
# markers: the line editor is reading (zle-line-init), and a key (^X^E) handled after the completion
zpty -w shell 'zle-line-init() { print -r -- __line__ >> '${(q)out}'; }; zle -N zle-line-init'
zpty -w shell 'completed() { print -r -- __completed__ >> '${(q)out}'; }; zle -N completed; bindkey "^X^E" completed'
await __line__ || exit 4
zpty -w -n shell "$typed"$'\t\C-x\C-e'
await __completed__ || exit 5
zpty -d shell
