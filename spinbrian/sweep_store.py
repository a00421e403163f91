"""The point log of a sweep: every finished grid point on disk as soon as it arrives.

A sweep with ``path="run.nc"`` appends each finished point to ``run.nc.points`` before it
moves on, so an interrupted, killed or failing sweep keeps what finished, and
``sweep(..., resume=True)`` (``spinbrian sweep ... --resume``) runs only the points the log
does not hold. The log is deleted once the complete netCDF file is written.

Why a log of pickled records and not netCDF or zarr appended point by point: a netCDF3
file cannot grow along several grid dimensions at once, zarr is not a dependency, and a
point is a few small arrays. Each record is flushed and fsync'd; a record cut short by a
crash is ignored when the log is read, so at most the point being written is lost. The
log starts with the sweep's signature (task, grid, fixed values): resuming a different
sweep from it is refused.
"""

import os
import pickle
from pathlib import Path

FORMAT = 1


def log_path(path):
    """The point log that belongs to the netCDF file ``path``."""
    return Path(f"{os.fspath(path)}.points")


class PointLog:
    """Append-only record of finished points: ``(index, outputs or None, error or None)``.

    Parameters
    ----------
    path : path-like
        The log file (see :func:`log_path`).
    signature : dict
        What identifies the sweep (task, grid, fixed parameters); compared on resume.
    resume : bool
        Continue an existing log (its points are :attr:`finished`). If False, an existing
        log is refused: it holds the results of an unfinished sweep.
    """

    def __init__(self, path, signature, resume):
        self.path = Path(path)
        self.finished = {}
        if self.path.exists() and not resume:
            raise FileExistsError(
                f"{self.path} holds the points of an unfinished sweep: resume it "
                "(resume=True, --resume) or delete the file"
            )
        if resume and self.path.exists():
            header, self.finished, end = _read(self.path)
            if header != {"format": FORMAT, **signature}:
                raise ValueError(
                    f"{self.path} belongs to another sweep (task, grid or fixed values "
                    "differ): cannot resume it; delete the file to start afresh"
                )
            self._file = open(self.path, "r+b")  # noqa: SIM115 - closed by close()
            self._file.truncate(end)  # drop a record cut short, then append after the rest
            self._file.seek(end)
        else:
            self._file = open(self.path, "wb")  # noqa: SIM115 - closed by close()
            self._write({"format": FORMAT, **signature})

    def _write(self, record):
        pickle.dump(record, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self._file.flush()
        os.fsync(self._file.fileno())

    def add(self, index, outputs=None, error=None):
        """Record the point ``index``: its outputs, or the error it failed with."""
        self._write((index, outputs, error))
        self.finished[index] = (outputs, error)

    def close(self, delete=False):
        """Close the file; ``delete`` once the complete result is written elsewhere."""
        self._file.close()
        if delete:
            self.path.unlink()


def _read(path):
    """Header, ``{index: (outputs, error)}`` and the end of the last complete record."""
    finished = {}
    with open(path, "rb") as file:
        try:
            header = pickle.load(file)
        except (EOFError, pickle.UnpicklingError):
            return None, finished, 0
        end = file.tell()
        while True:
            try:
                index, outputs, error = pickle.load(file)
            except (EOFError, pickle.UnpicklingError, ValueError):
                break  # end of the log, or a record cut short by a crash
            finished[index] = (outputs, error)  # a later record of a point wins
            end = file.tell()
    return header, finished, end
