"""Build the shareable HTML reports listed in ``reports.yaml``.

``laocai reports`` runs every report run of ``reports.yaml`` with papermill, each in its own
``laocai`` kernel, in dependency order and in parallel where the dependencies allow, and
renders each executed notebook to a self-contained HTML page without code. It then writes
``reports/index.html``, which lists every report with its parameters, date, source commit,
run time and status.

Layout of the output folder (``reports/`` unless ``--out`` says otherwise)::

    index.html                   every report, linked (relative links)
    <run>.html                   the report of a run (replaced only by a good build)
    runs/<run>/<run>.ipynb       the executed notebook of the last good build
    runs/<run>/<run>.failed.ipynb  the executed notebook of a failed build, with its error
    runs/<run>/kernel.log        what the kernel printed outside cells (crashes, warnings)
    runs/<run>/data/             data written by a run that is not canonical
    data/                        data of the canonical runs, when the folder is not the
                                 default reports/ (only a build into reports/ writes
                                 data/processed)
    .cache/<run>.json            what the last builds of the run were made from
    .cache/parameters.json       the parameters cell of each notebook, by fingerprint

The configuration
-----------------
``reports.yaml``::

    langs: [en, vi]              # each run is built once per language (run name + "-en", ...)
    runs:
      - name: series-low
        notebook: notebooks/02_series.ipynb      # relative to reports.yaml's folder
        title: {en: "Annual series, low link factor", vi: "Chuỗi số liệu, hệ số nối thấp"}
        needs: [figures]         # runs whose data this run reads (same language)
        parameters: {link_factor: 0.9}
        outputs: [series.csv]    # files it writes in its output folder (optional)
        data: own                # "canonical": the run in the first language writes data/processed

A run's keys: ``name``, ``notebook``, ``title`` (``en`` and ``vi``) are required;
``parameters`` (typed YAML values), ``needs``, ``outputs``, ``data`` (``own`` by default),
``langs`` and ``timeout`` (seconds per cell) are optional. ``needs: [figures]`` names a
run of the same language (``figures-vi`` for ``series-vi``); a full name (``figures-en``)
names that one. A notebook may be an ``.ipynb`` or its jupytext pair (``.py``): when the
``.ipynb`` named does not exist, its ``.py`` is run.

``--only NAME`` (repeatable; a name with or without its language, or a pattern such as
``'series-*'``) builds those runs and the runs they need; ``--list`` shows every run with
its parameters and whether it is up to date.

Parameters the builder sets
---------------------------
``lang``
    The run's language. Every notebook has it.
``output_dir``
    ``data/processed`` for the canonical run (``data: canonical``, first language) of a build
    into the default ``reports/`` folder, ``<out>/data`` for it under ``--out``, else the
    run's own ``runs/<run>/data`` folder (relative to the repository root when inside it),
    so a scenario, or a build elsewhere, never writes over the canonical files.
``input_dir``
    Where the run reads the data of the run it depends on: the ``output_dir`` of its only
    need, or of the run named by ``input_dir: {output_of: NAME}`` in its parameters. Set
    only when the notebook has an ``input_dir`` parameter.

Everything else comes from ``parameters`` and is checked before anything runs against the
notebook's cell tagged ``parameters`` (names, and types of the defaults: ``int`` and
``float`` accept each other, a ``None`` default accepts anything, lists are checked item by
item). The cell is read with Python's parser rather than papermill's inspect, which skips
any line with a second ``=`` (as in ``input_dir = ""  # "" = data/processed``).

Incremental builds
------------------
A run is rebuilt only when its key changes: a SHA-256 over its notebook (cell sources and
tags, not outputs), effective parameters, title, the helpers package (``src/helpers``: all
``.py`` files and templates), ``data/raw``, and, for each run it needs, that run's key and the
current content of its declared ``outputs``. A run is also rebuilt when its HTML or one of
its declared outputs is missing or changed. ``--force`` rebuilds the selected runs.
A no-op build imports neither papermill nor nbconvert.

Reports
-------
The builder inserts, right after the parameters, a cell that displays the provenance
header (:func:`helpers.reports.provenance.report_header`: title, every parameter with the value
used, commit and whether the tree was dirty, hash of ``data/raw``, package versions, time).
Notebooks need not call anything; a notebook's own :func:`helpers.reports.provenance.run_header`
call (handy in JupyterLab) displays nothing in a built report, so the header appears once.
Code is never shown. Cells tagged ``remove-cell`` are
left out, ``remove-output`` hides a cell's outputs, ``remove-input`` hides a markdown cell;
code cells without outputs and ``stderr`` streams (warnings) are left out of the HTML (they
stay in the executed notebook). Figures are embedded as data URIs and no script or style
sheet is fetched from the network. A rendered page that would contain a script, an event
handler attribute, a ``javascript:`` URL or a resource loaded from elsewhere fails the run:
text from sources must be escaped (pandas' ``to_html``/display escapes by default; use
``html.escape`` for hand-made HTML; ``Markdown()`` does not escape).

Failures
--------
A run that fails keeps its previous HTML; its executed notebook is kept as
``runs/<run>/<run>.failed.ipynb``; the index marks it failed with the cell and the error;
runs that need it are skipped (with the reason); the others still build; the command
exits 1 with a summary. Two builds into the same folder at once are refused. An output
folder (``--out``, or ``data/processed`` for a canonical run to build) that cannot be
written is refused before anything runs.

On a cluster
------------
``--scheduler ADDRESS`` (or ``local``) executes the ready runs on the workers of a
dask.distributed cluster instead of local threads; the rest of the build is unchanged. The
workers must see the repository and the output folder at the same paths (checked first).
See :mod:`helpers.reports.cluster`.

Interruption
------------
Ctrl-C stops the build: the kernels of the runs in progress are killed, their temporary
files (``<run>.running.ipynb``, the kernels' connection files ``kernel-<id>.json``) removed
and their last good HTML kept; the runs that finished are recorded in ``.cache`` and the
index; the command prints one line naming the runs it stopped and exits 130. A build that
was killed outright leaves those files behind: the next build removes them first (and
stops a kernel still running from such a connection file).
"""

from __future__ import annotations

from .builder import BuildResult, build, list_runs, main  # noqa: F401
from .config import (  # noqa: F401
    BUILDER_PARAMETERS,
    BUILDER_VERSION,
    DEFAULT_JOBS,
    DEFAULT_LANGS,
    HEADER_TAG,
    NAME_RE,
    PARAMETER_TAGS,
    REMOVE_CELL_TAGS,
    REMOVE_INPUT_TAGS,
    REMOVE_OUTPUT_TAGS,
    RUN_KEYS,
    TEMPLATE_NAME,
    TEMPLATES_DIR,
    TOP_KEYS,
    Config,
    ConfigError,
    CycleError,
    ReportsError,
    Run,
    RunParameterError,
    load_config,
    select_runs,
    topo_order,
)
from .execute import (  # noqa: F401
    check_kernel,
    execute_job,
    header_source,
    insert_header,
    kernel_env,
    kernel_manager_class,
)
from .index import index_entries, render_index, write_index  # noqa: F401
from .params import (  # noqa: F401
    Context,
    ParamSpec,
    check_type,
    inspect_parameters,
    notebook_fingerprint,
    parameters_cell_source,
    parse_parameters,
    read_notebook,
    resolve_notebook,
)
from .render import html_safety_problems, prepare_for_html, render_html  # noqa: F401
from .state import (  # noqa: F401
    Job,
    Outcome,
    check_all_parameters,
    effective_parameters,
    file_hash,
    full_parameters,
    hash_tree,
    is_up_to_date,
    load_record,
    outputs_state,
    prepare,
    run_key,
)
