#!/usr/bin/env python3
"""What make test reads from the TRX reports of a run (scripts/test.sh): the reports are the one record both test
runners leave, and neither prints the closing line CI reads.

Usage: trx-report.py DIR counts|figures|failures
  counts    "PASSED FAILED" (errors, timeouts and aborted runs count as failed)
  figures   the lines tests print starting with "[figures]" (tests/.../Stress/Figures.cs)
  failures  each failed test's name, outcome and duration, and the first lines of its message
"""
import glob
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}


def reports(directory):
    for path in glob.glob(directory + "/**/*.trx", recursive=True):
        yield ET.parse(path).getroot()


def counts(directory):
    passed = failed = 0
    for root in reports(directory):
        counters = root.find("t:ResultSummary/t:Counters", NS)
        if counters is None:
            continue
        passed += int(counters.get("passed", 0))
        failed += sum(int(counters.get(name, 0)) for name in ("failed", "error", "timeout", "aborted"))
    print(passed, failed)


def figures(directory):
    for root in reports(directory):
        for out in root.iterfind(".//t:StdOut", NS):
            for line in (out.text or "").splitlines():
                if line.startswith("[figures]"):
                    print(line)


def failures(directory):
    for root in reports(directory):
        for result in root.iterfind(".//t:UnitTestResult", NS):
            if result.get("outcome") in ("Passed", "NotExecuted", "Inconclusive"):
                continue
            message = result.find("t:Output/t:ErrorInfo/t:Message", NS)
            lines = (message.text or "").strip().splitlines() if message is not None else []
            print(f"FAILED {result.get('testName')} ({result.get('outcome')}, {result.get('duration')})")
            for line in lines[:6]:
                print("    " + line[:300])


if __name__ == "__main__":
    {"counts": counts, "figures": figures, "failures": failures}[sys.argv[2]](sys.argv[1])
