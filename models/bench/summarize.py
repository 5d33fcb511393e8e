"""Reads the lines of several Java and Python throughput runs and prints the comparison table.

usage: summarize.py <java results file> <python results file>
Each line: "batch<TAB>images per wall second<TAB>images per CPU second" (one line per batch size
per round). Per batch size and side the best round counts: on a machine shared with other jobs,
interference only ever slows a run down, so the fastest round is the closest to the code's speed.
"""
import sys
from collections import defaultdict

GOAL = 0.95


def best(path):
    wall, cpu = defaultdict(float), defaultdict(float)
    with open(path) as f:
        for line in f:
            fields = line.split()
            if len(fields) != 3 or not fields[0].isdigit():
                continue
            batch = int(fields[0])
            wall[batch] = max(wall[batch], float(fields[1]))
            cpu[batch] = max(cpu[batch], float(fields[2]))
    return wall, cpu


def main():
    java_wall, java_cpu = best(sys.argv[1])
    python_wall, python_cpu = best(sys.argv[2])
    print("| batch | Java img/s | Python img/s | Java/Python (wall) | Java img/CPU-s | Python img/CPU-s | Java/Python (CPU) |")
    print("|------:|-----------:|-------------:|-------------------:|---------------:|-----------------:|------------------:|")
    for batch in sorted(set(java_wall) & set(python_wall)):
        wall_ratio = java_wall[batch] / python_wall[batch]
        cpu_ratio = java_cpu[batch] / python_cpu[batch]
        print(f"| {batch} | {java_wall[batch]:.1f} | {python_wall[batch]:.1f} | {wall_ratio:.3f} | "
              f"{java_cpu[batch]:.1f} | {python_cpu[batch]:.1f} | {cpu_ratio:.3f} |")
    big = [b for b in java_wall if b >= 8 and b in python_wall]
    worst = min(java_cpu[b] / python_cpu[b] for b in big) if big else float("nan")
    verdict = "met" if worst >= GOAL else "NOT met"
    print(f"\nGoal Java >= {GOAL}x Python at batch >= 8 (CPU-time ratio, worst batch size {worst:.3f}): {verdict}")


if __name__ == "__main__":
    main()
