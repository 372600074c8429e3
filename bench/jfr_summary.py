"""Summarises `jfr print --events jdk.ExecutionSample --stack-depth 64` output as Markdown for bench/RESULTS.md:
where the CPU samples fell, by the library of the first non-JDK frame, the hottest methods, and the app's methods
the samples ran under. Usage: python3 bench/jfr_summary.py samples.txt"""
import collections
import re
import sys

AREAS = [
    ("pro.dailydoco.", "the app's code"),
    ("io.quarkus.qute.", "Qute rendering"),
    ("org.hibernate.", "Hibernate ORM"),
    ("org.postgresql.", "pgjdbc"),
    ("io.agroal.", "Agroal pool"),
    ("com.arjuna.", "Narayana transactions"),
    ("io.netty.", "HTTP (Vert.x, Netty)"),
    ("io.vertx.", "HTTP (Vert.x, Netty)"),
    ("org.jboss.resteasy.", "Quarkus REST"),
    ("io.quarkus.", "Quarkus (other)"),
    ("io.smallrye.", "SmallRye"),
    ("org.jboss.", "JBoss (logging, threads)"),
]
JDK = ("java.", "jdk.", "sun.", "com.sun.")
FRAME = re.compile(r"^\s+([\w$.<>]+)\(.*\)\s+line:")


def area(frame):
    for prefix, name in AREAS:
        if frame.startswith(prefix):
            return name
    return "other: " + ".".join(frame.split(".")[:2])


def main(path):
    stacks, current = [], None
    for line in open(path, encoding="utf-8"):
        if line.startswith("jdk.ExecutionSample"):
            current = []
            stacks.append(current)
        elif current is not None:
            m = FRAME.match(line)
            if m:
                current.append(m.group(1))
    stacks = [s for s in stacks if s]
    total = len(stacks)
    if total == 0:
        print("No execution samples were recorded.")
        return
    by_area, leaves, app = collections.Counter(), collections.Counter(), collections.Counter()
    for frames in stacks:
        leaves[frames[0]] += 1
        owner = next((f for f in frames if not f.startswith(JDK)), None)
        by_area[area(owner) if owner else "the JDK alone"] += 1
        first_app = next((f for f in frames if f.startswith("pro.dailydoco.")), None)
        if first_app:
            app[first_app] += 1

    def pct(n):
        return f"{100 * n / total:.0f} %"

    print(f"{total} execution samples. By the library of the first frame outside the JDK (where the CPU time went):")
    print()
    print("| where | samples | share |")
    print("|---|---|---|")
    for name, n in by_area.most_common(8):
        print(f"| {name} | {n} | {pct(n)} |")
    print()
    print("Hottest methods (the sampled frame itself):")
    print()
    print("| method | share |")
    print("|---|---|")
    for name, n in leaves.most_common(8):
        print(f"| `{name}` | {pct(n)} |")
    if app:
        print()
        print("The app's methods nearest to the sampled frame (time spent in or under them):")
        print()
        print("| method | share |")
        print("|---|---|")
        for name, n in app.most_common(8):
            print(f"| `{name}` | {pct(n)} |")


if __name__ == "__main__":
    main(sys.argv[1])
