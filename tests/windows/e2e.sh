#!/usr/bin/env bash
# The Windows build, end to end, under wine: conseil.exe is run as a learner and a script run
# it, in a user folder whose name has an accent and a space, and every output is checked as
# UTF-8 with its accents. Usage: tests/windows/e2e.sh PATH/TO/conseil.exe
#
# Debian's wine 8 lacks ProcessPrng (bcryptprimitives.dll), where Rust's standard library takes
# its random bytes; processprng.c stands in for it, built here beside the copy of the exe that
# runs. It is never shipped: Windows 10 and 11 have the real one.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -eq 1 ] && [ -f "$1" ] || { echo "usage: $0 PATH/TO/conseil.exe" >&2; exit 2; }
exe=$(realpath "$1")

work="$PWD/target/wine-e2e"
rm -rf "$work"
mkdir -p "$work"
# wine turns arguments, variables and a console's text from and to the locale's charset.
export LANG=C.UTF-8 LC_ALL=C.UTF-8
export WINEPREFIX="$work/prefix" WINEDEBUG=-all
# No .NET or Gecko installer at start-up; the shim, not a built-in, for ProcessPrng.
export WINEDLLOVERRIDES="mscoree,mshtml=;bcryptprimitives=n"
unset DISPLAY WAYLAND_DISPLAY CONSEIL_DATA_DIR CONSEIL_CONTENT
export CONSEIL_NOW=2026-12-08T10:00:00+01:00 TZ=Europe/Paris

echo "== wine prefix"
# One wine server for the whole script, not one started for each command; stopped at the end.
mkdir -p "$WINEPREFIX"
wineserver -p
trap 'wineserver -k 2>/dev/null || true' EXIT
wineboot -i >"$work/wineboot.log" 2>&1

drive="$WINEPREFIX/drive_c"
bin="$drive/Program Files/conseil"
mkdir -p "$bin"
cp "$exe" "$bin/conseil.exe"
x86_64-w64-mingw32-gcc -O2 -shared -o "$bin/bcryptprimitives.dll" \
    tests/windows/processprng.c -ladvapi32

# The learner's folder, as Windows names it and as this machine sees it.
user_win='C:\users\Amélie Dupont'
user="$drive/users/Amélie Dupont"
mkdir -p "$user/Mes modules" "$user/Mes fichiers"
cp tests/windows/essai-windows.json "$user/Mes modules/"
cp tests/gift/choix.gift "$user/Mes fichiers/questions élève.gift"
data="$user_win"'\Données conseil'
modules="$user_win"'\Mes modules'
files="$user_win"'\Mes fichiers'

# From here on a failed check is counted, not fatal: every check runs, and the last line
# says how many failed.
set +e
checks=0
failures=0
# expect WHAT COMMAND...: one check, passed when COMMAND succeeds.
expect() {
    local what=$1
    shift
    checks=$((checks + 1))
    "$@" || {
        echo "FAILED: $what"
        failures=$((failures + 1))
        return 1
    }
}

# run NAME CODE STDIN ARGS...: runs conseil.exe, its output in $work/NAME.out and .err;
# checks the exit code and that both outputs are UTF-8. STDIN is a file, or - for none.
run() {
    local name=$1 code=$2 input=$3
    shift 3
    [ "$input" = - ] && input=/dev/null
    local got
    # A hung wine (a dialog nobody sees) ends as a failure, code 124, not as a stuck CI.
    timeout 120 wine "$bin/conseil.exe" "$@" <"$input" >"$work/$name.out" 2>"$work/$name.err"
    got=$?
    expect "$name: exit code $got, expected $code" [ "$got" -eq "$code" ] ||
        sed 's/^/    /' "$work/$name.err" | head -10
    for f in "$work/$name.out" "$work/$name.err"; do
        expect "$name: $(basename "$f") is not UTF-8" iconv -f UTF-8 -t UTF-8 "$f" -o /dev/null
    done
}

# has NAME out|err TEXT: the output holds TEXT, byte for byte.
has() {
    expect "$1: « $3 » not in its standard $2" grep -qF -- "$3" "$work/$1.$2" ||
        sed 's/^/    /' "$work/$1.$2" | head -10
}

# json NAME PYTHON: PYTHON is true of NAME's output, read as `events` (a JSON document, or
# one JSON event a line).
json() {
    expect "$1: $2" python3 - "$work/$1.out" "$2" <<'EOF'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
try:
    events = json.loads(text)
except ValueError:
    events = [json.loads(line) for line in text.splitlines() if line.strip()]
sys.exit(0 if eval(sys.argv[2]) else 1)
EOF
}

# Statistics without the profile's name, in one canonical form.
stats_of() {
    python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); d.pop("profile", None); print(json.dumps(d, sort_keys=True))' "$1"
}

echo "== check: a valid module, a broken one, a usage mistake"
run check-valid 0 - check "$modules"'\essai-windows.json'
has check-valid out "✓ 1 fichier vérifié : 0 erreur, 0 avertissement."
sed 's/"accepted": \["Échelon local du service médical"\]/"accepted": []/' \
    tests/windows/essai-windows.json >"$user/Mes fichiers/cassé.json"
run check-broken 1 - check "$files"'\cassé.json'
has check-broken out 'C:\users\Amélie Dupont\Mes fichiers\cassé.json:20:18: erreur : une question « short » demande au moins une réponse acceptée'
has check-broken out "✗ 1 fichier vérifié : 1 erreur, 0 avertissement."
run usage 2 - --option-inconnue
run builtin 0 - check --deny-warnings
has builtin out "fichiers vérifiés : 0 erreur, 0 avertissement."

echo "== a plain-mode quiz, answers with CRLF line ends"
printf 'Échelon local du service médical\r\n' >"$work/answer.txt"
run quiz-json 0 "$work/answer.txt" --data-dir "$data" --content "$modules" \
    quiz essai-windows --json
json quiz-json '[e["your_answer"] for e in events if e["type"] == "result"] == ["Échelon local du service médical"]'
json quiz-json '[e["verdict"] for e in events if e["type"] == "result"] == ["correct"]'
json quiz-json 'not any(e["type"] == "invalid" for e in events)'
json quiz-json 'events[-1]["type"] == "end" and events[-1]["saved"] is True'
printf 'mauvaise réponse\r\n' >"$work/wrong.txt"
run quiz-plain 0 "$work/wrong.txt" --data-dir "$data" --content "$modules" \
    quiz essai-windows --plain --restart
has quiz-plain out "Que signifie le sigle ELSM ?"
has quiz-plain out "Incorrect"
has quiz-plain out "Échelon local du service médical"
has quiz-plain out "L’échelon local du service médical accueille le stage."

echo "== stats --json"
run stats 0 - --data-dir "$data" --content "$modules" stats --json
json stats 'isinstance(events, dict)'
has stats out '"essai-windows"'

echo "== progress export and import, to and from a path with accents and spaces"
run progress-export 0 - --data-dir "$data" progress export "$files"'\progression été.json'
expect "progress export: no file written" test -s "$user/Mes fichiers/progression été.json"
run progress-import 0 - --data-dir "$user_win"'\Autre poste' \
    progress import "$files"'\progression été.json'
run stats-imported 0 - --data-dir "$user_win"'\Autre poste' --content "$modules" stats --json
expect "stats after progress import differ from the exported profile's" \
    cmp -s <(stats_of "$work/stats.out") <(stats_of "$work/stats-imported.out")

echo "== GIFT import and export"
run gift-import 0 - import "$files"'\questions élève.gift' -o "$modules"'\importé.json'
run gift-check 0 - check "$modules"'\importé.json'
run gift-export 0 - export "$modules"'\importé.json' --gift -o "$files"'\exporté.gift'
expect "GIFT export: no file written" test -s "$user/Mes fichiers/exporté.gift"
expect "GIFT export: not UTF-8" iconv -f UTF-8 -t UTF-8 "$user/Mes fichiers/exporté.gift" -o /dev/null
expect "GIFT export: the question's accents are lost" grep -qF \
    "Après combien de jours de carence l’indemnité journalière maladie est-elle versée ?" \
    "$user/Mes fichiers/exporté.gift"

echo "== names Windows refuses"
run reserved-file 1 - --data-dir "$data" progress export "$files"'\nul.json'
has reserved-file err "« nul.json » est un nom que Windows refuse"
run trailing-dot 1 - --data-dir "$data" progress export "$files"'\progression.'
has trailing-dot err "« progression. » est un nom que Windows refuse"
run reserved-profile 2 - --data-dir "$data" --profile CON stats
has reserved-profile err "« CON » est un nom réservé par Windows"

echo "== a second instance is refused while the first holds the profile"
fifo="$work/first.stdin"
mkfifo "$fifo"
timeout 180 wine "$bin/conseil.exe" --data-dir "$data" --content "$modules" quiz essai-windows --plain \
    --restart <"$fifo" >"$work/first.out" 2>"$work/first.err" &
first=$!
exec 3>"$fifo"
for _ in $(seq 1 120); do
    grep -qF "Que signifie le sigle ELSM ?" "$work/first.out" && break
    sleep 0.5
done
has first out "Que signifie le sigle ELSM ?"
run second 1 - --data-dir "$data" --content "$modules" quiz essai-windows --plain
has second err "est déjà ouvert dans une autre fenêtre de conseil"
# Moving the lock away would let a second window in, which the first would then overwrite:
# Windows refuses it while the lock is held.
profile="$user/Données conseil/profiles/défaut"
wine cmd /c move "$data"'\profiles\défaut\progress.lock' "$data"'\profiles\défaut\verrou.old' \
    >"$work/move-lock.out" 2>&1
expect "the held lock was moved away" [ -f "$profile/progress.lock" ] && [ ! -e "$profile/verrou.old" ]
run third 1 - --data-dir "$data" --content "$modules" quiz essai-windows --plain
has third err "est déjà ouvert dans une autre fenêtre de conseil"
printf 'Échelon local du service médical\r\n' >&3
exec 3>&-
first_code=0
wait "$first" || first_code=$?
expect "first instance: exit code $first_code" [ "$first_code" -eq 0 ]
has first out "Correct"
has first out "Progression enregistrée."

echo "== settings given to a profile that has a progress file: written whole again"
# Windows refuses to replace a file open anywhere: the progress file held since the profile
# was opened is let go first.
run stage-date 0 - --data-dir "$data" --content "$modules" --stage-date 2027-01-15
expect "stage-date: the stage date is not in progress.json" grep -qF '2027-01-15' \
    "$profile/progress.json"

echo "== in wine's console: accents written and typed"
# A pseudo-terminal makes standard input and output a console for wine, as a window is on
# Windows: the text goes through WriteConsoleW and ReadConsoleW, not through a pipe. The
# answer is typed once the question is shown: typed sooner, the terminal would take it.
console="$work/console.out"
mkfifo "$work/console.stdin"
exec 4<>"$work/console.stdin"
timeout 180 script -qec "wine '$bin/conseil.exe' --data-dir '$user_win\\Console' \
    --content '$modules' quiz essai-windows --plain" /dev/null \
    <"$work/console.stdin" >"$console" 2>&1 &
typed=$!
for _ in $(seq 1 120); do
    grep -qF "Tapez votre réponse." "$console" && break
    sleep 0.5
done
printf 'Échelon local du service médical\r' >&4
typed_code=0
wait "$typed" || typed_code=$?
exec 4>&-
expect "console quiz: exit code $typed_code" [ "$typed_code" -eq 0 ]
for text in "Module d’essai sous Windows — quiz de 1 question." "Correct" \
    "Bonne réponse : Échelon local du service médical" "Progression enregistrée."; do
    expect "console quiz: « $text » not shown" grep -qF -- "$text" "$console"
done

echo "== the data folder is under %APPDATA% when none is given"
run appdata 0 - --stage-date 2027-01-15
appdata=$(find "$drive/users" -path '*/AppData/Roaming/*' -name progress.json | head -1)
expect "appdata: progress.json not under AppData\\Roaming\\conseil\\data: « $appdata »" \
    grep -q '/AppData/Roaming/conseil/data/profiles/[^/]*/progress.json$' <<<"$appdata"

echo "wine: $((checks - failures)) passed, $failures failed"
[ "$checks" -gt 0 ] && [ "$failures" -eq 0 ] || exit 1
# The wine prefix takes 800 MB; it is kept only when a check failed, to look into.
wineserver -k
rm -rf "$WINEPREFIX"
