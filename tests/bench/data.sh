# Sourced by run.sh and json_scale.sh: the generated seasons they share. Needs B (build/bench),
# M (members per product), here (this folder) and root (the repository).

# The stamp of a generated season: rows, members and the generator's checksum.
stamp_of() { printf 'rows=%s members=%s gen=%s\n' "$1" "$M" "$(cksum <"$here/gen.c")"; }

# gendata ROWS -> prints the directory of that season, generating it when its stamp is stale.
gendata() {
	local rows=$1 dir=$B/data/$1
	if [ "$(cat "$dir/.stamp" 2>/dev/null)" != "$(stamp_of "$rows")" ]; then
		mkdir -p "$dir" || return 1
		rm -f "$dir/.stamp"
		printf 'generating %s rows into %s…\n' "$rows" "${dir#"$root"/}" >&2
		"$B/gen" $(((rows + M - 1) / M)) "$M" "$dir" || return 1
		stamp_of "$rows" >"$dir/.stamp"
	fi
	printf '%s\n' "$dir"
}
