# bash completion for ocop: commands, options, set codes and regimes (asked of ocop itself).
_ocop_regimes()
{
	ocop criteria list 2>/dev/null | awk '{ print $1 }'
}

# The set codes of regime $1, or of every regime when none is given.
_ocop_sets()
{
	local r
	for r in ${1:-$(_ocop_regimes)}; do
		ocop criteria list --regime "$r" 2>/dev/null | awk 'NR > 1 { print $1 }'
	done | sort -u
}

_ocop()
{
	local cur prev cmd regime i
	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	local commands="score validate explain promote rank due report enter criteria help"
	local global="--lang --color --no-color --help --version"
	local common="--format --output --criteria --regime --input-format --delimiter --encoding --help"
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		--lang|-l|--regime|-r|--format|-f|--output|-o|--criteria|-c|--input-format|-i|--delimiter|--encoding|--at|--on|--by|--top|--min-stars|--min-total|--members|-n|--set|-s)
			[[ ${COMP_WORDS[i]} == --regime || ${COMP_WORDS[i]} == -r ]] && regime=${COMP_WORDS[i+1]}
			((i++)) ;;
		-*) ;;
		*) [[ -z $cmd ]] && cmd=${COMP_WORDS[i]} ;;
		esac
	done
	case $prev in
	--lang|-l) COMPREPLY=($(compgen -W "vi en" -- "$cur")); return ;;
	--format|-f) COMPREPLY=($(compgen -W "table csv json ndjson xlsx html" -- "$cur")); return ;;
	--input-format|-i) COMPREPLY=($(compgen -W "csv json ndjson" -- "$cur")); return ;;
	--regime|-r) COMPREPLY=($(compgen -W "$(_ocop_regimes)" -- "$cur")); return ;;
	--set|-s) COMPREPLY=($(compgen -W "$(_ocop_sets "$regime")" -- "$cur")); return ;;
	--at) COMPREPLY=($(compgen -W "commune district province central" -- "$cur")); return ;;
	--by) COMPREPLY=($(compgen -W "district province set level" -- "$cur")); return ;;
	--delimiter) COMPREPLY=($(compgen -W "comma semicolon tab" -- "$cur")); return ;;
	--encoding) COMPREPLY=($(compgen -W "utf-8 cp1258 tcvn3 viscii" -- "$cur")); return ;;
	--color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
	--output|-o|--criteria|-c) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--on|--top|--min-stars|--min-total|--members|-n) return ;;
	esac
	if [[ -z $cmd ]]; then
		COMPREPLY=($(compgen -W "$commands $global" -- "$cur"))
		return
	fi
	local opts="$common --lang --color --no-color"
	case $cmd in
	score) opts="$opts --ungrouped --bom" ;;
	validate) opts="$opts --ungrouped --require-verified" ;;
	explain) ;;
	promote) opts="$opts --at --min-stars --min-total --forwarded-only --ungrouped --bom" ;;
	rank) opts="$opts --dense --by --top --ungrouped --bom" ;;
	due) opts="$opts --on --ungrouped --bom" ;;
	report) opts="$opts --at --min-stars --min-total --sheets" ;;
	enter) opts="--members --verify --criteria --regime --lang --color --no-color --help" ;;
	criteria) opts="--format --output --regime --criteria --members --set --lang --color --no-color --help" ;;
	help) COMPREPLY=($(compgen -W "$commands" -- "$cur")); return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return
	fi
	if [[ $cmd == criteria ]]; then
		local sub
		for ((i = 1; i < COMP_CWORD; i++)); do
			case ${COMP_WORDS[i]} in list|show|check|template|diff) sub=${COMP_WORDS[i]} ;; esac
		done
		case $sub in
		"") COMPREPLY=($(compgen -W "list show check template diff" -- "$cur")) ;;
		show|template) COMPREPLY=($(compgen -W "$(_ocop_sets "$regime")" -- "$cur")) ;;
		diff) COMPREPLY=($(compgen -W "$(_ocop_regimes)" -f -- "$cur")) ;;
		check) COMPREPLY=($(compgen -f -- "$cur")) ;;
		esac
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _ocop ocop
