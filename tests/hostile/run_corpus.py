#!/usr/bin/env python3
"""Runs the hostile files of issue 23 through the `credit` command line.

    python3 tests/hostile/run_corpus.py CREDIT_BINARY [DIR]

Generates the corpus (make_corpus.py) into DIR, or into a temporary
directory removed afterwards, then runs the command that reads each file
with a wall-clock limit and checks, for every run:

- it ended by itself within LIMIT_SECS (else it is killed: a hang);
- no panic: not killed by a signal (an abort is SIGABRT), not exit code 101,
  no "panicked at" in what it printed;
- the exit code expected (2 for a refusal, 0 for a file that must be read);
- the message names the reason (a distinctive text per file);
- its peak memory (the child's maximum resident set, from wait4) is under
  CEILING_MB. The figure starts from the size of this script's process,
  which the child was forked from (about 10 MB: `credit --help` shows it).

Prints one line per run (file, command, exit code, message, peak memory,
seconds) and exits 1 when any check failed. Run by scripts/test.sh.
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ in the tree
import make_corpus  # noqa: E402

LIMIT_SECS = 60
CEILING_MB = 512
AS_OF = ["--as-of", make_corpus.AS_OF]
REPORTS = ["age", "kpi", "alerts", "forecast", "dunning"]
BEYOND = "beyond the largest amount the reports can add up (1,000,000,000,000,000)"
NOT_TEXT = "this is not a CSV or XLSX file"

# (file, commands, exit code, texts the output must hold)
CASES = [
    # Case 1: amounts beyond what the reports can add up, in every report.
    ("amount_1e27.csv", REPORTS, 2, [BEYOND, "nothing computed"]),
    ("amount_decimal_max_x2.csv", REPORTS, 2, [BEYOND, "2 error(s)"]),
    # 2,000 lines at the limit, dated 1900: read, every report computed.
    ("amount_at_limit.csv", REPORTS, 0, []),
    # Case 2: XLSX.
    ("far_cells.xlsx", ["age"], 2, ["16384 columns; at most 1000 are read"]),
    ("far_rectangle.xlsx", ["age"], 2, ["1048576 rows × 1000 columns", "at most 10000000"]),
    ("bomb_cells.xlsx", ["age"], 2, ["would unpack to 1048 MB; at most 512 MB"]),
    ("bomb_sst.xlsx", ["age"], 2, ["would unpack to 1048 MB; at most 512 MB"]),
    ("bomb_blank.xlsx", ["age"], 2, ["would unpack to 1049 MB; at most 512 MB"]),
    ("bomb_cells_lying.xlsx", ["age"], 2, ["sheet1.xml unpacks to more than", "ZIP bomb"]),
    ("bomb_sst_lying.xlsx", ["age"], 2, ["sharedStrings.xml unpacks to more than", "ZIP bomb"]),
    ("bomb_blank_lying.xlsx", ["age"], 2, ["sheet1.xml unpacks to more than", "ZIP bomb"]),
    # Case 3: too wide, too long.
    ("columns_200k.csv", ["age"], 2, ["200000 columns; at most 1000 are read"]),
    ("one_line_30mb_commas.csv", ["age"], 2, ["15728641 columns; at most 1000 are read"]),
    ("one_line_30mb_cell.csv", ["age"], 2, ["a cell of 31457280 characters; at most 100000"]),
    # Not a CSV or XLSX file.
    ("image.png", ["age"], 2, [NOT_TEXT, "a PNG image"]),
    ("png_named.csv", ["age"], 2, [NOT_TEXT, "a PNG image"]),
    ("random.csv", ["age"], 2, [NOT_TEXT, "binary data"]),
    # Case 7: backups whose checksum was recomputed: the import's rules.
    ("backup_negative_payment.json", ["age"], 2, ["payment '-500': cannot be negative"]),
    # Paid above the gross is an overpayment (a credit), as at import.
    ("backup_paid_above_gross.json", REPORTS, 0, []),
    ("backup_due_before_issue.json", ["age"], 2, ["due date is before the issue date"]),
    ("backup_empty_customer_id.json", ["age"], 2, ["customer '': required value is empty"]),
    ("backup_vat_above_gross.json", ["age"], 2, ["VAT is larger than the gross amount"]),
    ("backup_name_100k.json", ["age"], 2, ["name: longer than 1,000 characters"]),
    ("backup_amount_1e28.json", ["age", "kpi"], 2, ["gross '10000000000000000000000000000'", "beyond the largest amount"]),
    ("backup_amount_decimal_max.json", ["age", "kpi"], 2, ["beyond the largest amount"]),
    # Case 8: KDF iterations beyond the range.
    ("backup_encrypted_kdf_max.json", ["age"], 2, ["4294967295 iterations (at most 10000000"]),
    # Case 10: ids with /, ?, # and .. are read and printed as they are.
    ("ids_special.csv", ["age", "dunning"], 0, ["A/B", "A?x=1", "A#f", "..", "%2e%2e%2f"]),
    ("backup_ids_special.json", ["age"], 0, ["A/B", "A?x=1", "A#f", ".."]),
]


def run(binary, args):
    """Runs a command with the wall-clock limit: (exit code or -signal,
    stdout, stderr, peak RSS in MB, seconds, killed)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        p = subprocess.Popen([binary] + args, stdout=out, stderr=err)
        killed = False
        while True:
            pid, status, usage = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > LIMIT_SECS:
                os.kill(p.pid, signal.SIGKILL)
                killed = True
                _, status, usage = os.wait4(p.pid, 0)
                break
            time.sleep(0.02)
        secs = time.monotonic() - start
        p.returncode = 0  # reaped here; keeps Popen from waiting again
        code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
        out.seek(0)
        err.seek(0)
        return (
            code,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            usage.ru_maxrss / 1024,
            secs,
            killed,
        )


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: run_corpus.py CREDIT_BINARY [DIR]")
    binary = os.path.abspath(sys.argv[1])
    own = len(sys.argv) == 2
    corpus = tempfile.mkdtemp(prefix="credit-hostile-") if own else sys.argv[2]
    try:
        t = time.monotonic()
        # In its own process: a child's peak memory (wait4) starts from the
        # size of the process it was forked from, so this one stays small.
        subprocess.run([sys.executable, os.path.join(HERE, "make_corpus.py"), corpus], check=True)
        print(f"corpus: {len(os.listdir(corpus))} files in {corpus} ({time.monotonic() - t:.1f} s)")
        failures = []
        _, _, _, floor, _, _ = run(binary, ["--help"])
        print(f"floor: `credit --help` peaks at {floor:.1f} MB")
        print(f"{'file':<32} {'command':<9} {'exit':>4} {'peak MB':>8} {'secs':>6}  message")
        for name, commands, want, texts in CASES:
            path = os.path.join(corpus, name)
            for cmd in commands:
                code, out, err, peak, secs, killed = run(binary, [cmd, path] + AS_OF)
                text = out + err
                first = next((line for line in err.splitlines() if line.strip()), "")
                msg = first.replace(path, os.path.basename(path))
                print(f"{name:<32} {cmd:<9} {code:>4} {peak:>8.1f} {secs:>6.2f}  {msg[:150]}")
                problems = []
                if killed:
                    problems.append(f"killed after {LIMIT_SECS} s (a hang)")
                elif code < 0:
                    problems.append(f"ended by signal {-code} (a panic aborts)")
                if "panicked at" in text or code == 101:
                    problems.append("panicked")
                if code != want and not killed:
                    problems.append(f"exit code {code}, expected {want}")
                for w in texts:
                    if w not in text:
                        problems.append(f"no {w!r} in the output")
                if peak > CEILING_MB:
                    problems.append(f"peak memory {peak:.0f} MB over {CEILING_MB} MB")
                if problems:
                    failures.append(f"{name} ({cmd}): " + "; ".join(problems))
        missing = set(os.listdir(corpus)) - {c[0] for c in CASES}
        if missing:
            failures.append(f"files the generator wrote without a case here: {sorted(missing)}")
        if failures:
            print("\nFAILED:\n  " + "\n  ".join(failures))
            return 1
        runs = sum(len(c[1]) for c in CASES)
        print(f"\n{runs} runs: no panic, no hang, each refusal named, peak memory under {CEILING_MB} MB")
        return 0
    finally:
        if own:
            shutil.rmtree(corpus, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
