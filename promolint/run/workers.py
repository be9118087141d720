"""The per-file half of linting, over a process pool when there are many files.

Each file is read, parsed, validated, built, and its promotions go through every
per-promotion check (modules with `check`). That half is independent per file, so
for many files it runs in worker processes over chunks of files, results coming
back in file order (the output is the same whatever the number of jobs). The
cross-file checks (modules with `check_all`) then run in the parent over all
promotions. Results of unchanged files may come from the on-disk cache
(promolint.run.cache); cross-file checks are never cached.
"""
from __future__ import annotations

import os
from dataclasses import replace

from promolint.checks import Context, load_checks
from promolint.core.diagnostics import Diagnostic
from promolint.model.promotion import Promotion, Window, usable
from promolint.run.packing import FileResult, pack, unpack, with_lazy_source

MIN_FILES_PER_JOB = 150  # below this a worker costs more than it saves (fork + pickling)
# Auto mode starts workers only with at least this many CPUs: the parent's serial share
# (unpacking results, cross-file checks, policy, output) is about a third of a run, so on
# 2 cores two workers plus the parent were slower than one process (1,000 clean files:
# 2.93 s against 1.79 s wall, issue 16) and always cost ~1.6x the CPU.
MIN_CPUS_FOR_WORKERS = 4
CHUNKS_PER_JOB = 4       # smaller chunks even out slow files across workers
LAZY_FROM = 20000        # files in one process from which documents are kept as blobs
# (a parsed Document with its span tables is ~10 KB, 200 MB at 20,000; pickling one
# ~80 us, which a cached run pays anyway to store it)


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def pick_jobs(jobs: int | None, files: int) -> int:
    """The worker count: `jobs` when given (0 = auto), at most one per CPU (more only
    compete for them: --jobs 64 on 2 CPUs was 2.4x slower); auto: one per CPU for many
    files on a machine with MIN_CPUS_FOR_WORKERS CPUs or more, else one process."""
    cpus = cpu_count()
    if jobs is not None and jobs > 0:
        return max(1, min(jobs, files, cpus))
    if cpus < MIN_CPUS_FOR_WORKERS:
        return 1
    return max(1, min(cpus, files // MIN_FILES_PER_JOB))


def lint_each(files: list[str], ctx: Context, texts: dict[str, str] | None = None,
              jobs: int | None = None, cache=None) -> list[FileResult]:
    """FileResults in `files` order; `cache` is a promolint.run.cache.Cache or None."""
    from promolint.run.suppress import kept_text
    texts = texts or {}
    results: dict[int, FileResult] = {}
    work: list[tuple[str, str | None]] = []
    todo: list[int] = []
    for i, name in enumerate(files):
        text = texts.get(name)
        if cache is not None:
            text, results[i] = _cached(name, text, ctx, cache)
            if results[i] is not None:
                results[i].text = kept_text(text)
                continue
        todo.append(i)
        work.append((name, text))
    done = _run(work, ctx, pick_jobs(jobs, len(work)), cache)
    results.update(zip(todo, done))
    return [results[i] for i in range(len(files))]


def _cached(name: str, text: str | None, ctx: Context, cache):
    """(the file's text, its cached FileResult or None)."""
    if text is None:
        from promolint.source.files import read_text
        text, problem = read_text(name, ctx.settings)
        if problem is not None:
            return None, None
    return text, cache.get(name, text)


def _run(work: list[tuple[str, str | None]], ctx: Context, jobs: int, cache) -> list[FileResult]:
    if jobs <= 1:
        return _chunk(work, ctx, cache)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    size = max(1, -(-len(work) // (jobs * CHUNKS_PER_JOB)))
    chunks = [work[i:i + size] for i in range(0, len(work), size)]
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    with ProcessPoolExecutor(jobs, multiprocessing.get_context(method), _init,
                             (ctx, cache)) as pool:
        return [unpack(packed, text) for part in pool.map(_chunk, chunks)
                for packed, text in part]


_WORKER: tuple = (None, None)


def _init(ctx: Context, cache) -> None:
    from promolint.run.gc import raise_gc_threshold
    global _WORKER
    _WORKER = (ctx, cache)
    raise_gc_threshold()  # as in the parent's run (a spawned worker does not inherit it)
    exit_with_parent()


PARENT_POLL_SECONDS = 0.5


def exit_with_parent() -> None:
    """End this worker when the process that started it dies (`kill -9` of promolint):
    a forked worker holds the task pipe's write end too, so it would never see EOF and
    would sleep for ever. Linux is told to send SIGKILL (prctl PDEATHSIG); everywhere a
    daemon thread also watches for the parent to change."""
    import threading
    parent = os.getppid()
    _death_signal()
    if os.getppid() != parent:  # it died before the signal was asked for
        os._exit(1)

    def watch() -> None:
        import time
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(1)
    threading.Thread(target=watch, name="promolint-parent-watch", daemon=True).start()


def _death_signal() -> None:
    import sys
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import signal
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # the watching thread is enough


def _chunk(work: list[tuple[str, str | None]], ctx: Context | None = None, cache=None) -> list:
    """Lint a chunk of files: FileResults, or in a worker (context given to _init)
    (packed result, text) pairs, each packed once for the parent and the cache alike."""
    from promolint.run.suppress import kept_text
    in_worker = ctx is None
    if in_worker:
        ctx, cache = _WORKER
    out: list = []
    lazy = cache is not None or len(work) > LAZY_FROM
    for name, text in work:
        result = lint_one(name, text, ctx)
        if lazy and not in_worker:  # as a worker's results arrive: documents as blobs
            result.promotions = [with_lazy_source(p) for p in result.promotions]
        if in_worker:
            packed = pack(result)
            if cache is not None and result.text is not None and not result.errors:
                cache.store(name, result.text, packed)
            out.append((packed, kept_text(result.text)))  # not every text sent back
            continue
        if cache is not None and result.text is not None and not result.errors:
            cache.put(name, result)  # the documents are blobs already: packed once
        result.text = kept_text(result.text)
        out.append(result)
    return out


def lint_one(name: str, text: str | None, ctx: Context) -> FileResult:
    """Read (unless `text` is given), load and run the per-promotion checks. A bug met
    on the way is an `errors` line naming the file, never the loss of other files."""
    from promolint.run.load import load_file
    from promolint.source.files import display_name, read_text
    if text is None:
        text, problem = read_text(name, ctx.settings)
        if problem is not None:
            return FileResult([], [problem], None)
    try:
        promos, findings = load_file(name, ctx.settings, text)
    except Exception as err:  # noqa: BLE001 - a bug: this file's findings, not the run's
        return FileResult([], [], text, [internal_error(display_name(name), "loading", err)])
    errors: list[str] = []
    findings.extend(per_promotion(promos, ctx, errors))
    return FileResult(promos, findings, text, errors)


def internal_error(where: str, what: str, err: BaseException) -> str:
    """One line naming the file and the step that failed (reported as exit 2)."""
    return f"{where}: internal error in {what}: {type(err).__name__}: {str(err)[:300]}"


def per_promotion(promos: list[Promotion], ctx: Context,
                  errors: list[str] | None = None) -> list[Diagnostic]:
    """Findings of the checks that look at one promotion at a time. A promotion with a
    broken field (Promotion.broken) goes only to the checks that do not need it; one
    with an inverted window goes to the checks that do not need the window as if it ran
    (money and eligibility rules judge the benefit, not the calendar). With `errors`, a
    check that fails on one promotion is noted there and the other checks still run."""
    out: list[Diagnostic] = []
    odd = {id(p) for p in promos if p.broken or not p.window.start < p.window.end}
    for module in load_checks():
        if hasattr(module, "check_all"):
            continue
        for promo in promos:
            if odd and id(promo) in odd:
                promo = seen_by(promo, module.NEEDS)
                if promo is None:
                    continue
            if errors is None:
                out.extend(module.check(promo, ctx))
                continue
            try:
                out.extend(list(module.check(promo, ctx)))
            except Exception as err:  # noqa: BLE001 - a bug in one rule: keep the others
                errors.append(internal_error(promo.path, _rule(module), err))
    return out


def _rule(module) -> str:
    return "rule " + "/".join(module.RULES)


def seen_by(promo: Promotion, needs: tuple[str, ...]) -> Promotion | None:
    """The promotion as a check needing `needs` sees it: None when one is broken; with
    a one-day window from its start when its window is inverted and not needed."""
    if not usable(promo, needs):
        return None
    window = promo.window
    if window.start < window.end or "window" in needs:
        return promo
    from datetime import timedelta
    return replace(promo, window=Window(window.start, window.start + timedelta(days=1)))


def cross_file(promos: list[Promotion], ctx: Context,
               errors: list[str] | None = None) -> list[Diagnostic]:
    """Findings of the checks that look across all promotions linted together (each
    sees the promotions whose fields it needs are valid); `errors` as for per_promotion."""
    out: list[Diagnostic] = []
    broken = any(p.broken for p in promos)
    for module in load_checks():
        if hasattr(module, "check_all"):
            mine = [p for p in promos if usable(p, module.NEEDS)] if broken else promos
            if errors is None:
                out.extend(module.check_all(mine, ctx))
                continue
            try:
                out.extend(list(module.check_all(mine, ctx)))
            except Exception as err:  # noqa: BLE001 - a bug in one rule: keep the others
                errors.append(internal_error("(all files)", _rule(module), err))
    return out
