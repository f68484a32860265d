# fish completion for ocop: commands, options, set codes and regimes (asked of ocop itself).
set -l commands score validate explain promote rank due report enter criteria help

function __ocop_regimes
    ocop criteria list 2>/dev/null | awk '{ print $1 }'
end

function __ocop_sets
    for r in (__ocop_regimes)
        ocop criteria list --regime $r 2>/dev/null | awk 'NR > 1 { print $1 }'
    end | sort -u
end

complete -c ocop -f
complete -c ocop -n "not __fish_seen_subcommand_from $commands" -a score -d 'score dossiers'
complete -c ocop -n "not __fish_seen_subcommand_from $commands" -a validate -d 'check dossiers, report every problem'
complete -c ocop -n "not __fish_seen_subcommand_from $commands" -a explain -d 'one product criterion by criterion'
complete -c ocop -n "not __fish_seen_subcommand_from $commands" -a promote -d 'certify or forward to the next level'
complete -c ocop -n "not __fish_seen_subcommand_from $commands" -a rank -d 'rank products by mean total'
complete -c ocop -n "not __fish_seen_subcommand_from $commands" -a due -d 'recognitions expiring or expired'
complete -c ocop -n "not __fish_seen_subcommand_from $commands" -a report -d 'the season report (HTML or xlsx)'
complete -c ocop -n "not __fish_seen_subcommand_from $commands" -a enter -d 'type council sheets into a file'
complete -c ocop -n "not __fish_seen_subcommand_from $commands" -a criteria -d 'list, show, check, compare criteria'
complete -c ocop -n "not __fish_seen_subcommand_from $commands" -a help -d 'help for a command'
complete -c ocop -l version -d 'name the version and the regimes'
complete -c ocop -s h -l help -d 'show help'
complete -c ocop -s l -l lang -x -a 'vi en' -d 'language'
complete -c ocop -l color -x -a 'auto always never' -d 'colour'
complete -c ocop -l no-color -d 'no colour'
complete -c ocop -n "__fish_seen_subcommand_from $commands" -s f -l format -x -a 'table csv json ndjson xlsx html' -d 'output format'
complete -c ocop -n "__fish_seen_subcommand_from $commands" -s o -l output -r -F -d 'write to FILE atomically'
complete -c ocop -n "__fish_seen_subcommand_from $commands" -s c -l criteria -r -F -d 'regime file'
complete -c ocop -n "__fish_seen_subcommand_from $commands" -s r -l regime -x -a '(__ocop_regimes)' -d 'regime'
complete -c ocop -n "__fish_seen_subcommand_from $commands" -s i -l input-format -x -a 'csv json ndjson' -d 'input format'
complete -c ocop -n "__fish_seen_subcommand_from score validate explain promote rank due report" -l delimiter -x -a 'comma semicolon tab' -d 'CSV delimiter'
complete -c ocop -n "__fish_seen_subcommand_from score validate explain promote rank due report" -l encoding -x -a 'utf-8 cp1258 tcvn3 viscii' -d 'input encoding'
complete -c ocop -n "__fish_seen_subcommand_from score promote rank due" -l bom -d 'UTF-8 BOM on CSV output'
complete -c ocop -n "__fish_seen_subcommand_from score validate promote rank due" -l ungrouped -d 'input not grouped by product'
complete -c ocop -n "__fish_seen_subcommand_from report" -l sheets -d 'each member entered sheet'
complete -c ocop -n "__fish_seen_subcommand_from promote report" -l at -x -a 'commune district province central' -d 'level that scored'
complete -c ocop -n "__fish_seen_subcommand_from promote" -l min-stars -x -a '1 2 3 4 5' -d 'forward from N stars'
complete -c ocop -n "__fish_seen_subcommand_from promote" -l min-total -x -d 'forward from a mean total'
complete -c ocop -n "__fish_seen_subcommand_from promote" -l forwarded-only -d 'the next level intake'
complete -c ocop -n "__fish_seen_subcommand_from enter" -s n -l members -x -d 'council size'
complete -c ocop -n "__fish_seen_subcommand_from enter" -l verify -d 'double entry of a saved sheet'
complete -c ocop -n "__fish_seen_subcommand_from validate" -l require-verified -d 'a sheet not double-entered is a problem'
complete -c ocop -n "__fish_seen_subcommand_from rank" -l dense -d 'dense ranking'
complete -c ocop -n "__fish_seen_subcommand_from rank" -l by -x -a 'district province set level' -d 'rank within groups'
complete -c ocop -n "__fish_seen_subcommand_from rank" -l top -x -d 'only ranks 1..K'
complete -c ocop -n "__fish_seen_subcommand_from due" -l on -x -d 'the day to check, YYYY-MM-DD'
complete -c ocop -n "__fish_seen_subcommand_from criteria" -s n -l members -x -d 'member rows in a template'
complete -c ocop -n "__fish_seen_subcommand_from criteria" -s s -l set -x -a '(__ocop_sets)' -d 'limit diff to one set'
complete -c ocop -n "__fish_seen_subcommand_from criteria; and not __fish_seen_subcommand_from list show check template diff" -a 'list show check template diff'
complete -c ocop -n "__fish_seen_subcommand_from show template" -a '(__ocop_sets)'
complete -c ocop -n "__fish_seen_subcommand_from diff" -a '(__ocop_regimes)'
complete -c ocop -n "__fish_seen_subcommand_from help" -a "$commands"
complete -c ocop -n "__fish_seen_subcommand_from score validate explain promote rank due report enter check" -F
