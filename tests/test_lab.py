"""`make lab`: JupyterLab from the project's own environment starts on 127.0.0.1 and answers its API."""

import json
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_make_lab_runs_jupyterlab_on_localhost_only():
    recipe = re.search(r"^lab:.*\n\t(.+)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M).group(1)
    assert "--ip=127.0.0.1" in recipe and "jupyter lab" in recipe


def test_jupyterlab_starts_on_localhost_and_answers_its_api(tmp_path):
    port = free_port()
    jupyter = Path(sys.executable).with_name("jupyter")
    server = subprocess.Popen(
        [str(jupyter), "lab", "--ip=127.0.0.1", f"--port={port}", "--no-browser", "--allow-root", "--IdentityProvider.token=t",
         f"--ServerApp.root_dir={ROOT}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={"JUPYTER_RUNTIME_DIR": str(tmp_path), "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
             "HOME": str(tmp_path), "PATH": str(jupyter.parent)})
    try:
        status, deadline = None, time.time() + 60
        while status is None and time.time() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token=t", timeout=2) as response:
                    status = json.load(response)
            except OSError:
                time.sleep(0.5)
        assert status is not None, "JupyterLab did not answer on 127.0.0.1 within 60 s"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/kernelspecs?token=t", timeout=5) as response:
            specs = json.load(response)
        assert "python3" in specs["kernelspecs"]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/contents/book/intro.ipynb?content=0&token=t",
                                    timeout=5) as response:
            assert json.load(response)["type"] == "notebook"
    finally:
        server.terminate()
        server.wait(timeout=30)
