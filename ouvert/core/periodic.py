"""Work that comes back on a schedule (the daily open-data dump...), run by the ordinary worker.

Django's task framework has no scheduler: a small "tick" task does that job. Each tick enqueues the
periodic jobs that are due, then enqueues the next tick a minute later. A job is claimed by a
conditional update of its `PeriodicRun` row, so that several workers on one database never run it
twice; the tick chain starts at `migrate` and restarts by itself if it was ever lost. With a backend
that cannot defer tasks (the immediate one of the tests) nothing is scheduled.
"""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task as define_task
from django_tasks import task_backends

TICK_EVERY = datetime.timedelta(seconds=60)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task: object  # a django_tasks Task
    every: datetime.timedelta
    # For a daily job: the local time of day it runs at (its first run waits for it too).
    at: datetime.time | None = None

    def next_run(self, now: datetime.datetime) -> datetime.datetime:
        if self.at is None:
            return now + self.every
        local = timezone.localtime(now)
        candidate = local.replace(hour=self.at.hour, minute=self.at.minute, second=0, microsecond=0)
        if candidate <= local:
            candidate += datetime.timedelta(days=1)
        return candidate


_jobs: dict[str, PeriodicJob] = {}


def periodic(
    name: str,
    task,
    every: datetime.timedelta = datetime.timedelta(days=1),
    at: datetime.time | None = None,
) -> None:
    """Run `task` every `every` (the first time at the next tick), or every day at local time `at`."""
    _jobs[name] = PeriodicJob(name=name, task=task, every=every, at=at)


def jobs() -> list[PeriodicJob]:
    return list(_jobs.values())


def run_due_jobs(now: datetime.datetime | None = None) -> list[str]:
    """Enqueue the jobs that are due and push back their next run; returns their names."""
    from ouvert.core.models import PeriodicRun

    now = now or timezone.now()
    enqueued = []
    for job in jobs():
        try:
            with transaction.atomic():
                first = now if job.at is None else job.next_run(now)
                PeriodicRun.objects.get_or_create(name=job.name, defaults={"next_run_at": first})
        except IntegrityError:
            pass  # created by another process at the same moment
        claimed = PeriodicRun.objects.filter(name=job.name, next_run_at__lte=now).update(
            next_run_at=job.next_run(now), last_run_at=now
        )
        if claimed:
            job.task.enqueue()
            enqueued.append(job.name)
    return enqueued


def _tick_pending() -> bool:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=tick.module_path, status="READY").exists()


def schedule_tick(delay: datetime.timedelta = TICK_EVERY) -> bool:
    """Make sure one tick is waiting in the queue; returns whether one was enqueued."""
    backend = task_backends[tick.backend]
    if not backend.supports_defer or _tick_pending():
        return False
    tick.using(run_after=timezone.now() + delay).enqueue()
    return True


@define_task()
def tick() -> list[str]:
    """Enqueue the due periodic jobs, then the next tick."""
    enqueued = run_due_jobs()
    schedule_tick()
    return enqueued
