"""Publishing and classes: the GitHub Pages workflow, the hub environment, hidden notebook inputs."""

import re

import nbformat
import yaml

from coursekit.banks import load_bank

from .conftest import ROOT


def pins(path):
    out = {}
    for line in path.read_text().splitlines():
        m = re.match(r"([A-Za-z0-9_.-]+)==(\S+)", line.strip())
        if m:
            out[m.group(1).lower().replace("_", "-")] = m.group(2)
    return out


def test_the_hub_environment_agrees_with_requirements():
    hub, dev = pins(ROOT / "binder" / "requirements.txt"), pins(ROOT / "requirements.txt")
    shared = {k for k in hub if k in dev}
    assert {"ipywidgets", "matplotlib", "pydantic", "pyyaml", "ipykernel", "voila", "jupyterlab"} <= shared
    assert {k: (hub[k], dev[k]) for k in shared if hub[k] != dev[k]} == {}
    assert set(hub) - set(dev) == {"nbgitpuller"}
    post_build = (ROOT / "binder" / "postBuild").read_text()
    assert "pip install --no-deps ." in post_build


def test_the_hub_gets_the_voila_template_without_cdn_and_kernel_culling():
    import json

    settings = ROOT / "binder" / "jupyter"
    post_build = (ROOT / "binder" / "postBuild").read_text()
    paths = ("voila/templates/coursekit", "voila.json", "jupyter_server_config.d/coursekit.json")
    for path in (*paths, "jupyter_lab_config.json"):
        assert f"binder/jupyter/{path}" in post_build, path
    lab = json.loads((settings / "jupyter_lab_config.json").read_text())["LabApp"]
    assert lab == {**lab, "news_url": None, "extension_manager": "readonly"}
    for config in ("voila.json", "jupyter_server_config.d/coursekit.json"):
        doc = json.loads((settings / config).read_text())
        assert doc["VoilaConfiguration"]["template"] == "coursekit"
        cull = doc["MappingKernelManager"]
        assert 0 < cull["cull_idle_timeout"] <= 3600 and cull["cull_interval"] > 0
    template = (settings / "voila" / "templates" / "coursekit" / "index.html.j2").read_text()
    assert "fontawesome-free" in template and "replace(" in template
    guide = (ROOT / "book" / "instructors" / "jupyterhub.md").read_text()
    assert "cull_idle_timeout" in guide and "Font Awesome" in guide and "binder/jupyter" in guide


def test_the_pages_workflow_builds_with_make_book_and_deploys_the_html():
    wf = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    build = wf["jobs"]["build"]["steps"]
    assert any("make book" in s.get("run", "") for s in build)
    upload = next(s for s in build if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "_build/html"
    assert any(s.get("uses", "").startswith("actions/deploy-pages") for s in wf["jobs"]["deploy"]["steps"])
    assert wf["permissions"]["pages"] == "write" and wf["permissions"]["id-token"] == "write"
    assert ".github/workflows/pages.yml" in (ROOT / "README.md").read_text()


def test_exercise_notebooks_open_without_showing_code():
    notebooks = sorted((ROOT / "exercises").glob("*.ipynb"))
    assert ROOT / "exercises" / "my-progress.ipynb" in notebooks
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.metadata.get("jupyter", {}).get("source_hidden") is True, path.name
                assert "hide-input" in cell.metadata.get("tags", []), path.name


def test_my_progress_notebook_shows_a_chart_and_a_table():
    nb = nbformat.read(ROOT / "exercises" / "my-progress.ipynb", as_version=4)
    code = next(c for c in nb.cells if c.cell_type == "code")
    assert "coursekit.progress_summary()" in code.source
    kinds = [o.get("data", {}) for o in code.outputs]
    chart = next(d["text/html"] for d in kinds if "text/html" in d)  # an image with a text alternative
    assert chart.startswith('<img src="data:image/png;base64,') and 'alt="Bar chart of how much' in chart
    table = next(d["text/markdown"] for d in kinds if "text/markdown" in d)
    assert (
        table.startswith("| Part | Quiz answered |")
        and f"| Safety | 0 of {len(load_bank(ROOT / 'exercises' / 'safety-quiz.yml').items)} |" in table
    )
